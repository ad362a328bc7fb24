# Finds every external package tfsdk builds against. Included once from the top-level
# CMakeLists.txt, so the imported targets are visible to every tfsdk subdirectory (and to
# nothing above tfsdk when it is consumed with add_subdirectory).
#
# All of these come from Debian bookworm's packages (scripts/install-deps.sh installs them):
#   absl 20220623 (CONFIG), protobuf 3.21 (no CMake package on Debian: FindProtobuf module),
#   gRPC 1.51 (CONFIG), fmt 9, OpenSSL 3, msgpack-cxx 4.1 and nlohmann_json 3.11 (both used
#   header-only), GoogleTest 1.12 (tests only), Google Benchmark 1.7 (bench only).

include_guard(GLOBAL)

# gRPC's exported targets name Threads::Threads without finding it themselves.
set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)

find_package(absl CONFIG REQUIRED)

# Protobuf ships no CMake package on Debian; CMake's FindProtobuf provides the
# protobuf::libprotobuf and protobuf::protoc targets. Prefer a CONFIG package where one
# exists (a protobuf built from source installs one).
find_package(Protobuf CONFIG QUIET)
if(NOT Protobuf_FOUND)
  find_package(Protobuf MODULE REQUIRED)
endif()

find_package(gRPC CONFIG QUIET)
if(NOT gRPC_FOUND)
  if(CMAKE_CROSSCOMPILING)
    message(FATAL_ERROR "tfsdk: gRPC for ${CMAKE_SYSTEM_PROCESSOR} (${CMAKE_LIBRARY_ARCHITECTURE}) "
      "not found: a cross build needs the target architecture's development packages "
      "(Debian multiarch: libgrpc++-dev:arm64 and friends; bash scripts/install-deps.sh "
      "installs them).")
  endif()
  message(FATAL_ERROR "tfsdk: gRPC not found: install libgrpc++-dev and protobuf-compiler-grpc "
    "(scripts/install-deps.sh)")
endif()
find_package(fmt CONFIG REQUIRED)
find_package(OpenSSL REQUIRED)

# The code generators. Debian's protoc and grpc_cpp_plugin are on PATH; the imported
# targets are preferred because they name the exact binaries matching the libraries.
if(TARGET protobuf::protoc)
  set(TFSDK_PROTOC "$<TARGET_FILE:protobuf::protoc>")
  set(TFSDK_PROTOC_DEPENDS protobuf::protoc)
elseif(Protobuf_PROTOC_EXECUTABLE)
  set(TFSDK_PROTOC "${Protobuf_PROTOC_EXECUTABLE}")
  set(TFSDK_PROTOC_DEPENDS "${Protobuf_PROTOC_EXECUTABLE}")
else()
  message(FATAL_ERROR "tfsdk: protoc not found; install protobuf-compiler "
                      "(scripts/install-deps.sh)")
endif()
if(TARGET gRPC::grpc_cpp_plugin)
  set(TFSDK_GRPC_CPP_PLUGIN "$<TARGET_FILE:gRPC::grpc_cpp_plugin>")
  set(TFSDK_GRPC_CPP_PLUGIN_DEPENDS gRPC::grpc_cpp_plugin)
else()
  find_program(TFSDK_GRPC_CPP_PLUGIN_PATH grpc_cpp_plugin)
  if(NOT TFSDK_GRPC_CPP_PLUGIN_PATH)
    message(FATAL_ERROR "tfsdk: grpc_cpp_plugin not found; install protobuf-compiler-grpc "
                        "(scripts/install-deps.sh)")
  endif()
  set(TFSDK_GRPC_CPP_PLUGIN "${TFSDK_GRPC_CPP_PLUGIN_PATH}")
  set(TFSDK_GRPC_CPP_PLUGIN_DEPENDS "${TFSDK_GRPC_CPP_PLUGIN_PATH}")
endif()

# Header-only libraries. They are used privately and are never part of tfsdk's exported
# link interface (see tfsdk_use_header_only in TfsdkTargetOptions.cmake), so an installed
# tfsdk does not make its consumers find them.
#
# msgpack-cxx: Debian's CMake package is `msgpack` with target `msgpackc-cxx` (it also
# drags in Boost, which we switch off with MSGPACK_NO_BOOST). Fall back to the header.
find_package(msgpack CONFIG QUIET)
if(TARGET msgpackc-cxx)
  set(TFSDK_MSGPACK_TARGET msgpackc-cxx)
elseif(TARGET msgpack-cxx)
  set(TFSDK_MSGPACK_TARGET msgpack-cxx)
else()
  find_path(TFSDK_MSGPACK_INCLUDE_DIR NAMES msgpack.hpp)
  if(NOT TFSDK_MSGPACK_INCLUDE_DIR)
    message(FATAL_ERROR "tfsdk: msgpack-cxx not found; install libmsgpack-cxx-dev "
                        "(scripts/install-deps.sh)")
  endif()
  add_library(tfsdk_msgpack_headers INTERFACE IMPORTED)
  set_target_properties(tfsdk_msgpack_headers PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${TFSDK_MSGPACK_INCLUDE_DIR}")
  set(TFSDK_MSGPACK_TARGET tfsdk_msgpack_headers)
endif()

find_package(nlohmann_json 3.10 CONFIG REQUIRED)

if(TFSDK_BUILD_TESTS)
  find_package(GTest CONFIG QUIET)
  if(NOT GTest_FOUND)
    find_package(GTest MODULE REQUIRED)
  endif()
  include(GoogleTest)
endif()

if(TFSDK_BUILD_BENCH)
  find_package(benchmark CONFIG REQUIRED)
endif()
