# Toolchain for linux_arm64 provider releases, cross-built on a Debian linux_amd64 machine
# with Debian's multiarch packages (scripts/install-deps.sh installs them):
#   crossbuild-essential-arm64   aarch64-linux-gnu-gcc/g++ and binutils
#   libgrpc++-dev:arm64 libprotobuf-dev:arm64 libabsl-dev:arm64 libssl-dev:arm64
#   libc-ares-dev:arm64 libfmt-dev:arm64 zlib1g-dev:arm64 libre2-dev:arm64
# Code generators (protoc, grpc_cpp_plugin) are the build machine's.
#
#   cmake -B build-arm64 --toolchain <tfsdk>/cmake/toolchains/linux_arm64.cmake
# tfsdk_add_provider(... PLATFORMS linux_arm64) uses it for its nested release build.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

find_program(_tfsdk_arm64_cxx aarch64-linux-gnu-g++)
find_program(_tfsdk_arm64_cc aarch64-linux-gnu-gcc)
if(NOT _tfsdk_arm64_cxx OR NOT _tfsdk_arm64_cc)
  message(FATAL_ERROR "linux_arm64 toolchain: aarch64-linux-gnu-g++ not found. Install "
    "Debian's cross compiler and the :arm64 libraries: bash scripts/install-deps.sh "
    "(or: apt-get install crossbuild-essential-arm64).")
endif()
set(CMAKE_C_COMPILER "${_tfsdk_arm64_cc}")
set(CMAKE_CXX_COMPILER "${_tfsdk_arm64_cxx}")

# Libraries, headers and packages of the target architecture; programs of the build machine.
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(ENV{PKG_CONFIG_LIBDIR} "/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig")
# Under qemu-user-static, for tools that run target programs (not needed by tfsdk's build).
find_program(_tfsdk_qemu_aarch64 qemu-aarch64-static)
if(_tfsdk_qemu_aarch64)
  set(CMAKE_CROSSCOMPILING_EMULATOR "${_tfsdk_qemu_aarch64}")
endif()
