# Helpers shared by the CTest scripts in tests/packaging (include() them after WORK_DIR is
# set).
#
# check("<if() condition>" [explanation...]): fails the test when the condition is false.
macro(check cond)
  cmake_language(EVAL CODE "if(NOT (${cond}))
    message(FATAL_ERROR [==[check failed: ${cond} ${ARGN}]==])
  endif()")
endmacro()

# run(<out> <command>...): runs a command in WORK_DIR; fails the test unless it exits 0.
# <out> receives its standard output, <out>_stderr its standard error.
function(run out)
  execute_process(COMMAND ${ARGN} WORKING_DIRECTORY "${WORK_DIR}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "`${ARGN}` failed (${rc}):\n${stdout}\n${stderr}")
  endif()
  set(${out} "${stdout}" PARENT_SCOPE)
  set(${out}_stderr "${stderr}" PARENT_SCOPE)
endfunction()
