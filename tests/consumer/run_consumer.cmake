# Builds and runs the consumer project against tfsdk, then checks what it printed.
#
#   cmake -DMODE=install|build_tree -DTFSDK_BUILD_DIR=<tfsdk build> -DWORK_DIR=<scratch>
#         -DCONSUMER_SOURCE_DIR=<project> -DGENERATOR=<gen> -DCXX_COMPILER=<c++>
#         -DBUILD_TYPE=<cfg> -DSANITIZE=<list> -DEXPECTED_OUTPUT=<text> [-DPREFIX=<prefix>]
#         -P run_consumer.cmake
#
# MODE=install: CMAKE_PREFIX_PATH=<PREFIX>, a prefix install_prefix.cmake filled (the
#   "tfsdk_prefix" fixture). The tfsdk build tree must not be searched, so
#   CMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY guards against a registered build dir.
# MODE=build_tree: tfsdk_DIR=<tfsdk build>.

foreach(var MODE TFSDK_BUILD_DIR WORK_DIR CONSUMER_SOURCE_DIR GENERATOR EXPECTED_OUTPUT)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run_consumer.cmake: -D${var}=... is required")
  endif()
endforeach()

function(run step)
  execute_process(COMMAND ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer test: ${step} failed (${rc}):\n${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(consumer_build "${WORK_DIR}/consumer-build")

set(configure_args
  -S "${CONSUMER_SOURCE_DIR}" -B "${consumer_build}" -G "${GENERATOR}"
  -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON)
if(CXX_COMPILER)
  list(APPEND configure_args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
endif()
if(BUILD_TYPE)
  list(APPEND configure_args "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}")
endif()
if(SANITIZE)
  # A sanitized tfsdk needs the sanitizer runtime in the consumer's link.
  list(APPEND configure_args "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=${SANITIZE}")
endif()

if(MODE STREQUAL "install")
  if(NOT EXISTS "${PREFIX}/include/tfsdk/value.h")
    message(FATAL_ERROR "consumer test: no tfsdk install in '${PREFIX}' (-DPREFIX=...)")
  endif()
  list(APPEND configure_args "-DCMAKE_PREFIX_PATH=${PREFIX}")
elseif(MODE STREQUAL "build_tree")
  list(APPEND configure_args "-Dtfsdk_DIR=${TFSDK_BUILD_DIR}")
else()
  message(FATAL_ERROR "run_consumer.cmake: unknown MODE '${MODE}'")
endif()

run("configure" "${CMAKE_COMMAND}" ${configure_args})
run("build" "${CMAKE_COMMAND}" --build "${consumer_build}")

find_program(consumer_exe tfsdk_consumer PATHS "${consumer_build}" NO_DEFAULT_PATH)
if(NOT consumer_exe)
  message(FATAL_ERROR "consumer test: tfsdk_consumer was not built in ${consumer_build}")
endif()
run("run" "${consumer_exe}")
string(STRIP "${last_output}" actual)
if(NOT actual STREQUAL EXPECTED_OUTPUT)
  message(FATAL_ERROR "consumer test: expected output '${EXPECTED_OUTPUT}', got '${actual}'")
endif()
message(STATUS "consumer (${MODE}) printed '${actual}' as expected")
