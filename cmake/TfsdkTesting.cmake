# Helpers that turn *_test.cc files into ctest tests.

include_guard(GLOBAL)

# tfsdk_add_unit_test(<source> [NAME <target>] [LABELS labels...] [LIBRARIES libs...])
#   Builds <source> (a GoogleTest file) into its own executable linked with tfsdk, the
#   internal include directories and GTest::gtest_main (and gmock), and registers each of
#   its test cases with ctest through gtest_discover_tests. The target is named after the
#   file (foo_test.cc -> foo_test) unless NAME is given. Returns the target name in
#   TFSDK_LAST_TEST_TARGET.
function(tfsdk_add_unit_test source)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "NAME" "LABELS;LIBRARIES")
  if(arg_NAME)
    set(name "${arg_NAME}")
  else()
    get_filename_component(name "${source}" NAME_WE)
  endif()
  if(TARGET ${name})
    message(FATAL_ERROR "tfsdk: two test files map to the test target '${name}' "
                        "(${source}); rename one or pass NAME")
  endif()
  add_executable(${name} "${source}")
  tfsdk_target_defaults(${name})
  tfsdk_use_internals(${name})
  target_link_libraries(${name} PRIVATE tfsdk::tfsdk ${arg_LIBRARIES} GTest::gtest_main)
  if(TARGET GTest::gmock)
    target_link_libraries(${name} PRIVATE GTest::gmock)
  endif()
  set(extra_args "")
  if(arg_LABELS)
    # One label per test is what the helpers pass; a list would be split by
    # gtest_discover_tests' argument handling.
    list(APPEND extra_args PROPERTIES LABELS "${arg_LABELS}")
  endif()
  # POST_BUILD (listing the test cases is part of building the executable): a binary
  # that cannot even list its tests fails its own build step, ctest reports it as
  # <name>_NOT_BUILT, and every other test still runs. (PRE_TEST would abort all of ctest.)
  # NO_PRETTY_VALUES: a value-parameterized test is named Suite.Test/<name or index>, not
  # with GetParam()'s printout, which for structs is raw bytes (pointers included) that
  # change on every build and make names of hundreds of characters.
  gtest_discover_tests(${name}
    DISCOVERY_TIMEOUT 60
    DISCOVERY_MODE POST_BUILD
    NO_PRETTY_VALUES
    WORKING_DIRECTORY "${CMAKE_CURRENT_BINARY_DIR}"
    ${extra_args})
  set(TFSDK_LAST_TEST_TARGET ${name} PARENT_SCOPE)
endfunction()
