# The released executables of the local example run as their users run them
# (release_run_test.sh), with both CLIs ($TFSDK_TERRAFORM / $TFSDK_TOFU override the
# defaults in .tools/bin):
#   release_emptyroot_local_<tool>  the static linux_amd64 release in an empty root
#   release_qemu_arm64_<tool>       the linux_arm64 release under qemu-aarch64-static,
#                                   attached to the amd64 CLI
# The PostgreSQL example registers release_emptyroot_postgresql_<tool> the same way
# (examples/postgresql/CMakeLists.txt). Built by local-packaging (ALL).
set(release_run_test "${CMAKE_CURRENT_LIST_DIR}/release_run_test.sh")
set(local_release_exe "${TFSDK_BINARY_DIR}/examples/local/local-release-exe/terraform-provider-local")
set(local_arm64_exe
  "${TFSDK_BINARY_DIR}/tfsdk-release-linux_arm64/examples/local/local-release-exe/terraform-provider-local")
foreach(tool terraform tofu)
  set(cli "${TFSDK_SOURCE_DIR}/.tools/bin/${tool}")
  string(TOUPPER "TFSDK_${tool}" cli_var)
  add_test(NAME release_emptyroot_local_${tool}
    COMMAND bash -c "exec bash \"$0\" emptyroot-local \"\${${cli_var}:-$1}\" \"$2\" \"$3\""
      "${release_run_test}" "${cli}" "${local_release_exe}"
      "${CMAKE_CURRENT_BINARY_DIR}/emptyroot-local-${tool}")
  add_test(NAME release_qemu_arm64_${tool}
    COMMAND bash -c "exec bash \"$0\" qemu-arm64 \"\${${cli_var}:-$1}\" \"$2\" \"$3\""
      "${release_run_test}" "${cli}" "${local_arm64_exe}"
      "${CMAKE_CURRENT_BINARY_DIR}/qemu-arm64-${tool}")
  set_tests_properties(release_emptyroot_local_${tool} release_qemu_arm64_${tool}
    PROPERTIES LABELS acceptance TIMEOUT 600)
endforeach()
