# Signed releases and a private HTTPS registry (registry_test.sh), with the local example's
# released linux_amd64 executable; both CLIs ($TFSDK_TERRAFORM / $TFSDK_TOFU override the
# defaults in .tools/bin):
#   release_signature           a throwaway key signs the release; gpg --verify checks it
#   release_registry_<tool>     TfsdkRegistry.cmake's site served over HTTPS on 127.0.0.1;
#                               init (signature verified), apply, empty plan, destroy
set(registry_test "${CMAKE_CURRENT_LIST_DIR}/registry_test.sh")
set(local_release_dir "${TFSDK_BINARY_DIR}/examples/local/local-release-exe")
set(local_release_args "${TFSDK_SOURCE_DIR}" "${local_release_dir}/terraform-provider-local"
  "${local_release_dir}/terraform-provider-local_0.1.0_linux_amd64.debug")
add_test(NAME release_signature
  COMMAND bash "${registry_test}" signature ${local_release_args}
    "${CMAKE_CURRENT_BINARY_DIR}/signature")
set_tests_properties(release_signature PROPERTIES LABELS packaging TIMEOUT 300)
foreach(tool terraform tofu)
  string(TOUPPER "TFSDK_${tool}" cli_var)
  add_test(NAME release_registry_${tool}
    COMMAND bash -c "exec bash \"$0\" registry \"$1\" \"$2\" \"$3\" \"$4\" \"\${${cli_var}:-$5}\""
      "${registry_test}" ${local_release_args} "${CMAKE_CURRENT_BINARY_DIR}/registry-${tool}"
      "${TFSDK_SOURCE_DIR}/.tools/bin/${tool}")
  set_tests_properties(release_registry_${tool} PROPERTIES LABELS acceptance TIMEOUT 600)
endforeach()
