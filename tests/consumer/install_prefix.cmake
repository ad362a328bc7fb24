# Installs the tfsdk build into a fresh prefix, once for every test that consumes the
# installed package (ctest fixture "tfsdk_prefix"):
#
#   cmake -DTFSDK_BUILD_DIR=<tfsdk build> -DPREFIX=<scratch prefix> -P install_prefix.cmake
#
# The installed package must be self-contained: public headers, the CMake package with
# tfsdk_add_provider, the scaffold; no generated protocol headers.
foreach(var TFSDK_BUILD_DIR PREFIX)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "install_prefix.cmake: -D${var}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${TFSDK_BUILD_DIR}" --prefix "${PREFIX}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed (${rc}):\n${out}\n${err}")
endif()

foreach(f include/tfsdk/value.h include/tfsdk/testing/acceptance.h
          share/tfsdk/TfsdkNewProvider.cmake share/tfsdk/scaffold/CMakeLists.txt.in)
  if(NOT EXISTS "${PREFIX}/${f}")
    message(FATAL_ERROR "install: ${PREFIX}/${f} was not installed")
  endif()
endforeach()
file(GLOB config "${PREFIX}/lib*/cmake/tfsdk/TfsdkProvider.cmake")
if(NOT config)
  message(FATAL_ERROR "install: lib*/cmake/tfsdk/TfsdkProvider.cmake was not installed")
endif()
file(GLOB_RECURSE leaked "${PREFIX}/include/*.pb.h")
if(leaked)
  message(FATAL_ERROR "install: generated headers were installed: ${leaked}")
endif()
message(STATUS "tfsdk installed into ${PREFIX}")
