# CTest script behind packaging_scaffold (registered by tests/consumer/CMakeLists.txt):
#
#   cmake -DPREFIX=<tfsdk install> -DWORK_DIR=<scratch> -DGENERATOR=<gen>
#         [-DCXX_COMPILER=<c++>] [-DTOOLS_DIR=<dir with terraform and tofu>]
#         -P scaffold_test.cmake
#
# Starts a provider project with the installed <PREFIX>/share/tfsdk/TfsdkNewProvider.cmake,
# configures and builds it against PREFIX only (find_package(tfsdk) + tfsdk_add_provider),
# checks its --schema-json and release target, and runs its acceptance test, which must run
# against both Terraform and OpenTofu ($TFSDK_TERRAFORM / $TFSDK_TOFU, else TOOLS_DIR/).
cmake_minimum_required(VERSION 3.20)

foreach(var PREFIX WORK_DIR GENERATOR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "scaffold_test.cmake: -D${var}=... is required")
  endif()
endforeach()

include("${CMAKE_CURRENT_LIST_DIR}/script_helpers.cmake")  # check(), run()

# The CLIs the generated acceptance test must find: a missing one fails here, clearly.
foreach(tool terraform tofu)
  string(TOUPPER "TFSDK_${tool}" tool_var)
  if("$ENV{${tool_var}}" STREQUAL "" AND TOOLS_DIR)
    set(ENV{${tool_var}} "${TOOLS_DIR}/${tool}")
  endif()
  check("EXISTS \"$ENV{${tool_var}}\""
    "- no ${tool}: set $${tool_var} or run scripts/install-tools.sh")
endforeach()

set(script "${PREFIX}/share/tfsdk/TfsdkNewProvider.cmake")
check("EXISTS \"${script}\"" "- the scaffold script was not installed")
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(project "${WORK_DIR}/terraform-provider-my-cloud")
set(build "${project}/build")

# Bad names are refused before anything is written.
foreach(bad "Acme" "1cloud" "my_cloud" "cloud-")
  execute_process(COMMAND "${CMAKE_COMMAND}" "-DNAME=${bad}" "-DDEST=${WORK_DIR}/bad" -P "${script}"
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  check("NOT rc EQUAL 0 AND err MATCHES \"must be lowercase\"" "- NAME=${bad}: ${rc} ${err}")
endforeach()
check("NOT EXISTS \"${WORK_DIR}/bad\"")

# A dash in the name: the provider type keeps it, C++ identifiers get an underscore.
run(created "${CMAKE_COMMAND}" -DNAME=my-cloud -DNAMESPACE=example "-DDEST=${project}"
  -P "${script}")
check("created MATCHES \"CMAKE_PREFIX_PATH=${PREFIX}\"" "- the hint names the prefix:\n${created}")
foreach(f CMakeLists.txt README.md .gitignore src/main.cc src/provider.h src/provider.cc
          tests/acceptance_test.cc)
  check("EXISTS \"${project}/${f}\"" "- the scaffold has no ${f}")
endforeach()
file(GLOB_RECURSE leftovers "${project}/*.in")
check("NOT leftovers" "- template files copied as-is: ${leftovers}")
file(READ "${project}/src/provider.cc" provider_cc)
string(FIND "${provider_cc}" "namespace my_cloud_provider {" has_namespace)
string(FIND "${provider_cc}" "return \"my-cloud_note\";" has_type)
check("has_namespace GREATER -1 AND has_type GREATER -1" "- src/provider.cc:\n${provider_cc}")
check("NOT provider_cc MATCHES \"@[A-Z_]+@\"" "- a placeholder was left in src/provider.cc")
file(READ "${project}/README.md" readme)
check("readme MATCHES \"registry.terraform.io/example/my-cloud\" AND readme MATCHES \"${PREFIX}\"")

# An existing, non-empty destination is refused (nothing overwritten).
execute_process(COMMAND "${CMAKE_COMMAND}" -DNAME=my-cloud "-DDEST=${project}" -P "${script}"
  RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
check("NOT rc EQUAL 0 AND err MATCHES \"not empty\"" "- second run into ${project}: ${err}")

set(args -S "${project}" -B "${build}" -G "${GENERATOR}" "-DCMAKE_PREFIX_PATH=${PREFIX}"
  -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo)
if(CXX_COMPILER)
  list(APPEND args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
run(ignored "${CMAKE_COMMAND}" ${args})
run(ignored "${CMAKE_COMMAND}" --build "${build}" -j2 --target all my-cloud-release)

run(schema "${build}/terraform-provider-my-cloud" --schema-json)
string(JSON key MEMBER "${schema}" provider_schemas 0)
check("key STREQUAL \"registry.terraform.io/example/my-cloud\"" "- key ${key}")
string(JSON text_type GET "${schema}" provider_schemas "${key}" resource_schemas my-cloud_note
  block attributes text type)
check("text_type STREQUAL \"string\"")
file(GLOB zips "${build}/my-cloud-release/terraform-provider-my-cloud_0.1.0_*.zip")
check("zips" "- no release zip in ${build}/my-cloud-release")
# The release is static: the executable the zip holds needs no shared library.
set(unzip_dir "${WORK_DIR}/unzipped")
file(MAKE_DIRECTORY "${unzip_dir}")
execute_process(COMMAND "${CMAKE_COMMAND}" -E tar xf "${zips}" WORKING_DIRECTORY "${unzip_dir}"
  RESULT_VARIABLE rc)
check("rc EQUAL 0" "- cannot unpack ${zips}")
set(released "${unzip_dir}/terraform-provider-my-cloud_v0.1.0")
run(kind file -b "${released}")
check("kind MATCHES \"statically linked\" AND kind MATCHES \"stripped\"" "- file says: ${kind}")
execute_process(COMMAND ldd "${released}" OUTPUT_VARIABLE ldd_out ERROR_VARIABLE ldd_err)
check("\"${ldd_out}${ldd_err}\" MATCHES \"not a dynamic executable\"" "- ldd says: ${ldd_out}${ldd_err}")
check("EXISTS \"${build}/my-cloud-release/terraform-provider-my-cloud_0.1.0_linux_amd64.debug\""
  "- no .debug file beside the zip")

# The generated acceptance test, against both binaries (the harness fails on a missing one).
run(ctest_out "${CMAKE_CTEST_COMMAND}" --test-dir "${build}" --output-on-failure -V)
string(APPEND ctest_out "${ctest_out_stderr}")
check("ctest_out MATCHES \"terraform: Terraform v\" AND ctest_out MATCHES \"tofu: OpenTofu v\""
  "- the acceptance test did not run both binaries:\n${ctest_out}")
check("ctest_out MATCHES \"PASSED  \\\\] 2 tests\"" "- ${ctest_out}")
message(STATUS "scaffold: generated, built against ${PREFIX}, acceptance test passed with "
  "terraform and tofu")
file(REMOVE_RECURSE "${WORK_DIR}")
