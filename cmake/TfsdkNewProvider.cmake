# Starts a new provider repository from tfsdk's scaffold (the C++ counterpart of Go's
# terraform-provider-scaffolding-framework template repository):
#
#   cmake -DNAME=acme [-DDEST=$HOME/src/terraform-provider-acme] [-DNAMESPACE=acme] [-DFORCE=ON]
#         -P <prefix>/share/tfsdk/TfsdkNewProvider.cmake
#
#   NAME       the provider type: lowercase letters, digits and dashes, starting with a
#              letter (resources are then named NAME_...; dashes become underscores in C++)
#   DEST       the new project's directory (default: ./terraform-provider-NAME); it must not
#              exist or be empty unless FORCE is set (files are then overwritten)
#   NAMESPACE  the registry namespace in its source address NAMESPACE/NAME (default: NAME)
#
# The project holds CMakeLists.txt (find_package(tfsdk) + tfsdk_add_provider), src/main.cc,
# src/provider.{h,cc} with one file-backed resource (NAME_note, works offline), an
# acceptance test against Terraform and OpenTofu (tests/acceptance_test.cc, tfsdk::testing),
# README.md and .gitignore. It builds against the tfsdk install this script belongs to:
#   cmake -B build -DCMAKE_PREFIX_PATH=<prefix> && cmake --build build && ctest --test-dir build
cmake_minimum_required(VERSION 3.20)

set(_tfsdk_version "@PROJECT_VERSION@")
set(_scaffold "${CMAKE_CURRENT_LIST_DIR}/scaffold")

if(_tfsdk_version MATCHES "^@")
  # Run from the source tree (cmake/): the version is the project's.
  file(STRINGS "${CMAKE_CURRENT_LIST_DIR}/../CMakeLists.txt" _project_line
    REGEX "^  VERSION [0-9]+\\.[0-9]+\\.[0-9]+$")
  string(REGEX MATCH "[0-9]+\\.[0-9]+\\.[0-9]+" _tfsdk_version "${_project_line}")
endif()

if(NOT NAME)
  message(FATAL_ERROR "TfsdkNewProvider: -DNAME=<provider type> is required, e.g.\n"
    "  cmake -DNAME=acme -DDEST=terraform-provider-acme -P ${CMAKE_CURRENT_LIST_FILE}")
endif()
if(NOT NAME MATCHES "^[a-z][a-z0-9-]*$" OR NAME MATCHES "-$")
  message(FATAL_ERROR "TfsdkNewProvider: NAME '${NAME}' must be lowercase letters, digits "
    "and dashes, starting with a letter (Terraform's provider type rules)")
endif()
if(NOT NAMESPACE)
  set(NAMESPACE "${NAME}")
endif()
if(NOT NAMESPACE MATCHES "^[a-z0-9][a-z0-9-]*$")
  message(FATAL_ERROR "TfsdkNewProvider: NAMESPACE '${NAMESPACE}' must be lowercase "
    "letters, digits and dashes")
endif()
if(NOT DEST)
  set(DEST "terraform-provider-${NAME}")
endif()
get_filename_component(DEST "${DEST}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
if(NOT IS_DIRECTORY "${_scaffold}")
  message(FATAL_ERROR "TfsdkNewProvider: the template ${_scaffold} is missing")
endif()
if(EXISTS "${DEST}" AND NOT FORCE)
  file(GLOB _existing "${DEST}/*" "${DEST}/.*")
  if(_existing OR NOT IS_DIRECTORY "${DEST}")
    message(FATAL_ERROR "TfsdkNewProvider: ${DEST} exists and is not empty "
      "(choose another DEST, or -DFORCE=ON to overwrite the scaffold's files)")
  endif()
endif()

# The placeholders of the template files (NAME, NAMESPACE and these, between @ signs).
string(REPLACE "-" "_" CXX_NAME "${NAME}")
string(TOUPPER "${CXX_NAME}" UPPER_NAME)
string(REGEX MATCH "^[0-9]+\\.[0-9]+" TFSDK_VERSION_MAJOR_MINOR "${_tfsdk_version}")
# The prefix this script is installed in (<prefix>/share/tfsdk/), if it is one.
get_filename_component(_prefix "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
file(GLOB _config "${_prefix}/lib*/cmake/tfsdk/tfsdkConfig.cmake"
  "${_prefix}/lib/*/cmake/tfsdk/tfsdkConfig.cmake")
if(_config)
  set(TFSDK_PREFIX "${_prefix}")
else()
  set(TFSDK_PREFIX "<tfsdk install prefix>")
endif()

file(GLOB_RECURSE _templates RELATIVE "${_scaffold}" "${_scaffold}/*.in")
list(SORT _templates)
foreach(_template IN LISTS _templates)
  string(REGEX REPLACE "\\.in$" "" _out "${_template}")
  if(_out STREQUAL "gitignore")
    set(_out ".gitignore")
  endif()
  configure_file("${_scaffold}/${_template}" "${DEST}/${_out}" @ONLY NEWLINE_STYLE UNIX)
endforeach()
message(STATUS "Created terraform-provider-${NAME} (${NAMESPACE}/${NAME}) in ${DEST}:
  cd ${DEST}
  cmake -B build -DCMAKE_PREFIX_PATH=${TFSDK_PREFIX}
  cmake --build build && ctest --test-dir build --output-on-failure")
