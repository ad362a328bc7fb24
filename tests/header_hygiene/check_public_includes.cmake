# Fails (and lists every offender as file:line) if a public header includes protobuf,
# gRPC, msgpack, nlohmann_json or generated protocol code.
#
#   cmake -DINCLUDE_DIR=<dir containing tfsdk/> -P check_public_includes.cmake

if(NOT INCLUDE_DIR OR NOT IS_DIRECTORY "${INCLUDE_DIR}/tfsdk")
  message(FATAL_ERROR "usage: cmake -DINCLUDE_DIR=<dir with tfsdk/> -P ${CMAKE_CURRENT_LIST_FILE}")
endif()
get_filename_component(INCLUDE_DIR "${INCLUDE_DIR}" ABSOLUTE)

# Matched against the path inside <...> or "...".
set(forbidden_regex
  "^(google/protobuf/|grpcpp/|grpc\\+\\+/|grpc/|msgpack|nlohmann/|tfplugin[0-9]|goplugin/)|\\.pb\\.h$")

file(GLOB_RECURSE headers "${INCLUDE_DIR}/tfsdk/*.h")
list(SORT headers)
set(offenders 0)
set(report "")
foreach(header IN LISTS headers)
  file(STRINGS "${header}" lines)
  set(line_no 0)
  foreach(line IN LISTS lines)
    math(EXPR line_no "${line_no} + 1")
    if(line MATCHES "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"]")
      set(included "${CMAKE_MATCH_1}")
      if(included MATCHES "${forbidden_regex}")
        file(RELATIVE_PATH rel "${INCLUDE_DIR}" "${header}")
        string(APPEND report "  ${rel}:${line_no}: #include ${included}\n")
        math(EXPR offenders "${offenders} + 1")
      endif()
    endif()
  endforeach()
endforeach()

list(LENGTH headers header_count)
if(offenders GREATER 0)
  message(FATAL_ERROR
    "Public headers must not include protobuf, gRPC, msgpack, nlohmann_json or generated "
    "code (ARCHITECTURE.md):\n${report}${offenders} forbidden include(s) in "
    "${header_count} header(s)")
endif()
message(STATUS "${header_count} public header(s) checked: no forbidden includes")
