# Builds embedded/ (a provider project that builds tfsdk from source) and checks the
# provider it makes with tfsdk_add_provider:
#
#   cmake -DMODE=add_subdirectory|FetchContent -DTFSDK_SOURCE=<tfsdk source tree>
#         -DWORK_DIR=<build dir> -DGENERATOR=<gen> [-DCXX_COMPILER=<c++>]
#         [-DBUILD_TYPE=<cfg>] -P run_embedded.cmake
#
# WORK_DIR is kept between runs on purpose: both modes build tfsdk into _deps/tfsdk-build
# with the same commands, so the second mode run in the same directory (the FetchContent
# test after the add_subdirectory one) recompiles nothing of tfsdk.
foreach(var MODE TFSDK_SOURCE WORK_DIR GENERATOR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run_embedded.cmake: -D${var}=... is required")
  endif()
endforeach()

function(run out step)
  execute_process(COMMAND ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "embedded consumer (${MODE}): ${step} failed (${rc}):\n${ARGN}\n"
      "${stdout}\n${stderr}")
  endif()
  set(${out} "${stdout}" PARENT_SCOPE)
endfunction()

set(args -S "${CMAKE_CURRENT_LIST_DIR}/embedded" -B "${WORK_DIR}" -G "${GENERATOR}"
  "-DTFSDK_SOURCE=${TFSDK_SOURCE}" "-DTFSDK_CONSUMER_MODE=${MODE}")
if(CXX_COMPILER)
  list(APPEND args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
if(BUILD_TYPE)
  list(APPEND args "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}")
endif()
# A stale provider from the other mode must not pass for this one's.
file(REMOVE "${WORK_DIR}/terraform-provider-tiny")
file(REMOVE_RECURSE "${WORK_DIR}/tiny-release")
run(configured "configure" "${CMAKE_COMMAND}" ${args})
string(FIND "${configured}" "tfsdk consumer: tfsdk through ${MODE}" said_mode)
if(said_mode EQUAL -1)
  message(FATAL_ERROR "embedded consumer: configured without ${MODE}:\n${configured}")
endif()
string(TIMESTAMP start "%s")
run(built "build" "${CMAKE_COMMAND}" --build "${WORK_DIR}" -j2 --target all tiny-release)
string(TIMESTAMP end "%s")
math(EXPR seconds "${end} - ${start}")

run(schema "--schema-json" "${WORK_DIR}/terraform-provider-tiny" --schema-json)
string(JSON key MEMBER "${schema}" provider_schemas 0)
string(JSON kind GET "${schema}" provider_schemas "${key}" data_source_schemas tiny_greeting
  block attributes text type)
if(NOT key STREQUAL "registry.terraform.io/tfsdk/tiny" OR NOT kind STREQUAL "string")
  message(FATAL_ERROR "embedded consumer: unexpected --schema-json output:\n${schema}")
endif()
file(GLOB zips "${WORK_DIR}/tiny-release/terraform-provider-tiny_0.0.1_*.zip")
if(NOT zips)
  message(FATAL_ERROR "embedded consumer: tiny-release made no zip")
endif()
message(STATUS "embedded consumer (${MODE}): built in ${seconds} s, --schema-json and "
  "tiny-release OK")
