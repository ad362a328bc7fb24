# Per-target settings shared by every target tfsdk builds. Everything here is target_*;
# nothing touches global flags, so a project that embeds tfsdk keeps its own settings.

include_guard(GLOBAL)

# tfsdk_target_defaults(<target> [NO_WARNINGS])
#   C++20 without extensions, -Wall -Wextra (unless NO_WARNINGS, e.g. for generated code)
#   and the TFSDK_SANITIZE instrumentation. All private: nothing leaks to consumers.
function(tfsdk_target_defaults target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "NO_WARNINGS" "" "")
  get_target_property(type ${target} TYPE)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  if(NOT type STREQUAL "INTERFACE_LIBRARY")
    target_compile_features(${target} PRIVATE cxx_std_20)
  endif()
  if(NOT arg_NO_WARNINGS AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra)
  endif()
  if(TFSDK_SANITIZE)
    target_compile_options(${target} PRIVATE
      -fsanitize=${TFSDK_SANITIZE} -fno-omit-frame-pointer -fno-sanitize-recover=all)
    if(NOT type STREQUAL "STATIC_LIBRARY" AND NOT type STREQUAL "OBJECT_LIBRARY")
      target_link_options(${target} PRIVATE -fsanitize=${TFSDK_SANITIZE})
    endif()
  endif()
endfunction()

# tfsdk_use_header_only(<target> <imported-interface-target> [DEFINITIONS defs...])
#   Gives <target> the include directories and compile definitions of a header-only
#   library without linking it. A static tfsdk exports its private link libraries (as
#   $<LINK_ONLY:...>), so linking msgpack or nlohmann_json would make every consumer of an
#   installed tfsdk find them; reading their properties keeps them a build-time detail.
function(tfsdk_use_header_only target dep)
  cmake_parse_arguments(PARSE_ARGV 2 arg "" "" "DEFINITIONS")
  target_include_directories(${target} SYSTEM PRIVATE
    "$<TARGET_PROPERTY:${dep},INTERFACE_INCLUDE_DIRECTORIES>")
  target_compile_definitions(${target} PRIVATE
    "$<TARGET_PROPERTY:${dep},INTERFACE_COMPILE_DEFINITIONS>" ${arg_DEFINITIONS})
endfunction()

# tfsdk_use_internals(<target>)
#   What code inside tfsdk (the library itself, its tests and benchmarks) sees beyond the
#   public API: internal headers, the generated protocol code, and the private
#   dependencies. All private to <target>. Internal headers are included by their path
#   from the repository root ("src/value/value_internal.h", Google style); the src/
#   directory is also searched so "value/value_internal.h" resolves the same file.
function(tfsdk_use_internals target)
  target_include_directories(${target} PRIVATE "${TFSDK_SOURCE_DIR}" "${TFSDK_SOURCE_DIR}/src")
  target_link_libraries(${target} PRIVATE
    tfsdk_proto fmt::fmt-header-only OpenSSL::SSL OpenSSL::Crypto Threads::Threads)
  tfsdk_use_header_only(${target} ${TFSDK_MSGPACK_TARGET} DEFINITIONS MSGPACK_NO_BOOST)
  tfsdk_use_header_only(${target} nlohmann_json::nlohmann_json)
endfunction()
