# Signed releases and a private HTTPS registry (registry_test.cmake), with the local
# example's released linux_amd64 executable (local-release-exe); both CLIs
# ($TFSDK_TERRAFORM / $TFSDK_TOFU override the defaults in .tools/bin; a missing one fails):
#   release_signature            a throwaway gpg key signs the release through the real
#                                release step; gpg --verify accepts it, rejects a tampered
#                                SUMS; an unknown key fails the step, naming the key
#   release_registry_documents   cmake/TfsdkRegistry.cmake's documents and its refusals
#   release_registry_<tool>      TfsdkRegistry.cmake's site served over HTTPS on 127.0.0.1
#                                (registry_server.py, a throwaway CA): init installs from
#                                it and reports the key, apply, empty plan, destroy; a
#                                forged signature fails init
set(registry_test "${CMAKE_CURRENT_LIST_DIR}/registry_test.cmake")
set(registry_exe_dir "${TFSDK_BINARY_DIR}/examples/local/local-release-exe")
set(registry_args
  "-DEXECUTABLE=${registry_exe_dir}/terraform-provider-local"
  "-DDEBUG_FILE=${registry_exe_dir}/terraform-provider-local_0.1.0_linux_amd64.debug"
  "-DTFSDK_SOURCE_DIR=${TFSDK_SOURCE_DIR}")
foreach(mode signature documents)
  if(mode STREQUAL "signature")
    set(test_name release_signature)
  else()
    set(test_name release_registry_${mode})
  endif()
  add_test(NAME ${test_name}
    COMMAND "${CMAKE_COMMAND}" -DMODE=${mode} ${registry_args}
      "-DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/registry-${mode}" -P "${registry_test}")
  set_tests_properties(${test_name} PROPERTIES LABELS acceptance TIMEOUT 300)
endforeach()
foreach(tool terraform tofu)
  add_test(NAME release_registry_${tool}
    COMMAND "${CMAKE_COMMAND}" -DMODE=registry -DTOOL_NAME=${tool}
      "-DTOOL=${TFSDK_SOURCE_DIR}/.tools/bin/${tool}" ${registry_args}
      "-DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/registry-${tool}" -P "${registry_test}")
  set_tests_properties(release_registry_${tool} PROPERTIES LABELS acceptance TIMEOUT 600)
endforeach()
