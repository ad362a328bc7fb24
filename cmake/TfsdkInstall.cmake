# Install rules and the `tfsdk` CMake package:
#   find_package(tfsdk CONFIG REQUIRED)            -> tfsdk::tfsdk
#   find_package(tfsdk CONFIG REQUIRED COMPONENTS testing) -> also tfsdk::testing
# Also writes a build-tree package (tfsdk_DIR=<build dir>) for use without installing.
# The provider scaffold goes to <prefix>/share/tfsdk/ (TfsdkNewProvider.cmake, scaffold/).

include_guard(GLOBAL)
include(CMakePackageConfigHelpers)

set(TFSDK_CMAKE_INSTALL_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/tfsdk")

# tfsdk_proto is internal, but a static tfsdk needs its archive at link time. tfsdk_portable
# (tfsdk::portable) is what tfsdk_add_provider's static releases add.
install(TARGETS tfsdk tfsdk_proto tfsdk_portable
  EXPORT tfsdkTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT tfsdk_development
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT tfsdk_runtime
          NAMELINK_COMPONENT tfsdk_development
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT tfsdk_runtime)

install(DIRECTORY "${TFSDK_SOURCE_DIR}/include/tfsdk"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}"
  COMPONENT tfsdk_development
  FILES_MATCHING PATTERN "*.h")

install(EXPORT tfsdkTargets
  NAMESPACE tfsdk::
  DESTINATION "${TFSDK_CMAKE_INSTALL_DIR}"
  COMPONENT tfsdk_development)
export(EXPORT tfsdkTargets
  NAMESPACE tfsdk::
  FILE "${TFSDK_BINARY_DIR}/tfsdkTargets.cmake")

# The test harness is a separate export set: only consumers asking for the `testing`
# component need GoogleTest.
if(TARGET tfsdk_testing)
  install(TARGETS tfsdk_testing
    EXPORT tfsdkTestingTargets
    ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT tfsdk_development
    LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}" COMPONENT tfsdk_runtime
            NAMELINK_COMPONENT tfsdk_development
    RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}" COMPONENT tfsdk_runtime)
  install(EXPORT tfsdkTestingTargets
    NAMESPACE tfsdk::
    DESTINATION "${TFSDK_CMAKE_INSTALL_DIR}"
    COMPONENT tfsdk_development)
  export(EXPORT tfsdkTestingTargets
    NAMESPACE tfsdk::
    FILE "${TFSDK_BINARY_DIR}/tfsdkTestingTargets.cmake")
else()
  # A stale file from an earlier configure would make the build-tree package lie.
  file(REMOVE "${TFSDK_BINARY_DIR}/tfsdkTestingTargets.cmake")
endif()

configure_package_config_file(
  "${TFSDK_SOURCE_DIR}/cmake/tfsdkConfig.cmake.in"
  "${TFSDK_BINARY_DIR}/cmake/tfsdkConfig.cmake"
  INSTALL_DESTINATION "${TFSDK_CMAKE_INSTALL_DIR}")
# 0.x: minor versions may break the API.
write_basic_package_version_file(
  "${TFSDK_BINARY_DIR}/tfsdkConfigVersion.cmake"
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${TFSDK_SOURCE_DIR}/cmake/TfsdkProvider.cmake"
  "${TFSDK_SOURCE_DIR}/cmake/TfsdkRegistry.cmake"
  "${TFSDK_BINARY_DIR}/cmake/tfsdkConfig.cmake"
  "${TFSDK_BINARY_DIR}/tfsdkConfigVersion.cmake"
  DESTINATION "${TFSDK_CMAKE_INSTALL_DIR}"
  COMPONENT tfsdk_development)

# tfsdk_add_provider's link launcher for static releases, and its toolchain files for other
# release platforms (PLATFORMS).
install(PROGRAMS "${TFSDK_SOURCE_DIR}/cmake/tfsdk-static-link.sh"
  DESTINATION "${TFSDK_CMAKE_INSTALL_DIR}"
  COMPONENT tfsdk_development)
install(DIRECTORY "${TFSDK_SOURCE_DIR}/cmake/toolchains"
  DESTINATION "${TFSDK_CMAKE_INSTALL_DIR}"
  COMPONENT tfsdk_development)

# Build tree: the same config file beside the build-tree export (and tfsdk_add_provider,
# with its toolchain files).
configure_file("${TFSDK_SOURCE_DIR}/cmake/TfsdkProvider.cmake"
  "${TFSDK_BINARY_DIR}/TfsdkProvider.cmake" COPYONLY)
configure_file("${TFSDK_SOURCE_DIR}/cmake/TfsdkRegistry.cmake"
  "${TFSDK_BINARY_DIR}/TfsdkRegistry.cmake" COPYONLY)
configure_file("${TFSDK_SOURCE_DIR}/cmake/tfsdk-static-link.sh"
  "${TFSDK_BINARY_DIR}/tfsdk-static-link.sh" COPYONLY)
file(GLOB toolchains "${TFSDK_SOURCE_DIR}/cmake/toolchains/*.cmake")
foreach(toolchain IN LISTS toolchains)
  get_filename_component(fname "${toolchain}" NAME)
  configure_file("${toolchain}" "${TFSDK_BINARY_DIR}/toolchains/${fname}" COPYONLY)
endforeach()
configure_package_config_file(
  "${TFSDK_SOURCE_DIR}/cmake/tfsdkConfig.cmake.in"
  "${TFSDK_BINARY_DIR}/tfsdkConfig.cmake"
  INSTALL_DESTINATION "${TFSDK_BINARY_DIR}"
  INSTALL_PREFIX "${TFSDK_BINARY_DIR}")

# The provider scaffold: <prefix>/share/tfsdk/TfsdkNewProvider.cmake starts a new provider
# project from the template in <prefix>/share/tfsdk/scaffold/ (see the script's header).
set(TFSDK_SHARE_INSTALL_DIR "${CMAKE_INSTALL_DATAROOTDIR}/tfsdk")
configure_file("${TFSDK_SOURCE_DIR}/cmake/TfsdkNewProvider.cmake"
  "${TFSDK_BINARY_DIR}/share/tfsdk/TfsdkNewProvider.cmake" @ONLY)
install(FILES "${TFSDK_BINARY_DIR}/share/tfsdk/TfsdkNewProvider.cmake"
  DESTINATION "${TFSDK_SHARE_INSTALL_DIR}"
  COMPONENT tfsdk_development)
install(DIRECTORY "${TFSDK_SOURCE_DIR}/cmake/scaffold"
  DESTINATION "${TFSDK_SHARE_INSTALL_DIR}"
  COMPONENT tfsdk_development)
