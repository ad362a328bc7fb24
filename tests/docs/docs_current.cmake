# CTest script: are a provider's committed docs what tfsdk-docs generates now?
#
#   cmake -DTFSDK_DOCS=<tfsdk-docs> -DPROVIDER=<provider executable> -DPROVIDER_DIR=<dir>
#         -DWORK_DIR=<scratch dir> -DREFRESH="<command that regenerates the docs>"
#         [-DTOOL=<terraform>] -P docs_current.cmake
#
# First, when a terraform binary is found ($TFSDK_TERRAFORM, else TOOL), the examples must
# be valid, canonically formatted HCL (`terraform fmt -check`): the pages show them.
# Generates DIR/examples (+ DIR/templates) into WORK_DIR/docs and compares that folder
# with DIR/docs file by file: a page that differs, is missing or is stale fails the test,
# and the message names REFRESH.
cmake_minimum_required(VERSION 3.20)

foreach(var TFSDK_DOCS PROVIDER PROVIDER_DIR WORK_DIR REFRESH)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "docs_current.cmake: -D${var}=... is required")
  endif()
endforeach()

if(NOT "$ENV{TFSDK_TERRAFORM}" STREQUAL "")
  set(TOOL "$ENV{TFSDK_TERRAFORM}")
endif()
if(TOOL AND EXISTS "${TOOL}")
  execute_process(COMMAND "${TOOL}" fmt -check -recursive -diff -no-color
    WORKING_DIRECTORY "${PROVIDER_DIR}/examples"
    RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${PROVIDER_DIR}/examples is not valid, formatted HCL "
      "(`terraform fmt -check`; fix with `terraform fmt -recursive`):\n${out}${err}")
  endif()
else()
  message(STATUS "no terraform binary: the examples' formatting is not checked")
endif()

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
execute_process(
  COMMAND "${TFSDK_DOCS}" --provider "${PROVIDER}" --provider-dir "${PROVIDER_DIR}"
    --docs-dir "${WORK_DIR}/docs"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "tfsdk-docs failed (${rc}):\n${out}${err}")
endif()

set(committed "${PROVIDER_DIR}/docs")
file(GLOB_RECURSE fresh_files RELATIVE "${WORK_DIR}/docs" "${WORK_DIR}/docs/*.md")
file(GLOB_RECURSE old_files RELATIVE "${committed}" "${committed}/*.md")
set(problems "")
foreach(f IN LISTS fresh_files)
  if(NOT EXISTS "${committed}/${f}")
    string(APPEND problems "  missing: docs/${f}\n")
    continue()
  endif()
  file(READ "${committed}/${f}" before)
  file(READ "${WORK_DIR}/docs/${f}" after)
  if(NOT before STREQUAL after)
    string(APPEND problems "  differs: docs/${f}\n")
  endif()
endforeach()
foreach(f IN LISTS old_files)
  if(NOT f IN_LIST fresh_files)
    string(APPEND problems "  stale:   docs/${f}\n")
  endif()
endforeach()

if(problems)
  message(FATAL_ERROR "${committed} is not what tfsdk-docs generates from the provider's "
    "schema and ${PROVIDER_DIR}/examples:\n${problems}"
    "Fresh pages are in ${WORK_DIR}/docs. Refresh the committed docs with:\n  ${REFRESH}")
endif()
list(LENGTH fresh_files n)
message(STATUS "${committed}: ${n} pages, all current")
file(REMOVE_RECURSE "${WORK_DIR}")
