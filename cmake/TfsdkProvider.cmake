# tfsdk_add_provider: build, release and mirror a Terraform/OpenTofu provider written with
# tfsdk. Available after find_package(tfsdk), add_subdirectory(tfsdk) or
# FetchContent_MakeAvailable(tfsdk) (and inside tfsdk's own tree).
#
#   tfsdk_add_provider(hashicups 0.1.0
#     SOURCES main.cc resources.cc
#     [NAMESPACE acme]              # default: tfsdk
#     [HOSTNAME registry.example]   # default: registry.terraform.io (+ registry.opentofu.org)
#     [PROTOCOL_VERSIONS 6 5]       # for the registry manifest; default: 6
#     [PLATFORMS linux_amd64 linux_arm64]  # release platforms; default: this build's own
#     [SIGNING_KEY <gpg key id>]    # sign the SHA256SUMS; default: $TFSDK_SIGNING_KEY
#     [DYNAMIC_RELEASE]             # opt out of static releases (see below)
#     [DOCS_DIR dir])               # provider root for NAME-docs: dir/examples,
#                                   # dir/templates -> dir/docs (default: this source dir)
#   target_link_libraries(terraform-provider-hashicups PRIVATE my_library)
#
# Targets:
#   terraform-provider-NAME  the development executable, built like the rest of the tree
#                            (dynamically linked, the tree's build type); for dev_overrides,
#                            debuggers and tests. Its compile definitions
#                            TFSDK_PROVIDER_ADDRESS and TFSDK_PROVIDER_VERSION hold
#                            "HOST/NS/NAME" and "VERSION".
#   NAME-release             NAME-release/ in the binary dir, a registry release:
#                              terraform-provider-NAME_VERSION_OS_ARCH.zip   one per platform,
#                                holding terraform-provider-NAME_vVERSION
#                              terraform-provider-NAME_VERSION_OS_ARCH.debug its debug info
#                                (objcopy --only-keep-debug; the executable's
#                                .gnu_debuglink names it), for symbolizing crash reports
#                              terraform-provider-NAME_VERSION_manifest.json
#                              terraform-provider-NAME_VERSION_SHA256SUMS     zips + manifest
#                              terraform-provider-NAME_VERSION_SHA256SUMS.sig with a key
#   NAME-mirror              NAME-mirror/ in the binary dir, a filesystem_mirror of the
#                            released executables in the unpacked layout
#                            HOST/NS/NAME/VERSION/OS_ARCH/terraform-provider-NAME_vVERSION,
#                            for registry.terraform.io and registry.opentofu.org (or only
#                            HOSTNAME when one is given):
#                              provider_installation {
#                                filesystem_mirror { path = ".../NAME-mirror" }
#                              }
#   NAME-docs                runs the executable's --schema-json through tfsdk-docs
#                            (tfsdk::tfsdk-docs): registry pages in DOCS_DIR/docs from
#                            DOCS_DIR/examples (tfplugindocs' layout) and DOCS_DIR/templates.
#   NAME-release-exe         the released executable of this build's own platform, in
#                            NAME-release-exe/ (NAME-release and NAME-mirror use it).
#
# What a release is. The released executable is built apart from the development one:
#   - optimized whatever the tree's build type: the provider's sources are compiled again
#     with -O2 -DNDEBUG (and -g, kept in the .debug file). In a tree whose build type is not
#     optimized (Debug, or none) the libraries it links are not either, so there the whole
#     project is configured again with CMAKE_BUILD_TYPE=Release in
#     <binary dir>/tfsdk-release-OS_ARCH/ (see "Nested builds");
#   - fully static (-static): it runs on any Linux of its architecture, whatever its C
#     library, even in an empty root filesystem. The executable's link closure (tfsdk's and
#     everything target_link_libraries() added, read at the end of the directory) is linked
#     from static archives: each shared library is replaced by the .a beside it
#     (tfsdk-static-link.sh, the link launcher). A library without an archive fails
#     NAME-release-exe with a message naming it, never a silent dynamic fallback. Where the
#     distribution's archive cannot be linked statically (it needs archives the
#     distribution does not ship), build the library yourself and name its archives:
#       set_property(TARGET terraform-provider-NAME PROPERTY TFSDK_RELEASE_ARCHIVES
#         /opt/libpq/libpq.a /opt/libpq/libpgcommon_shlib.a /opt/libpq/libpgport_shlib.a)
#     an archive named like a shared library of the link (libpq.a, libpq.so) replaces it;
#     the others are added. tfsdk::portable comes first in the link: host names resolve through
#     c-ares, reading /etc/hosts and /etc/resolv.conf itself (glibc's static getaddrinfo
#     would need the build machine's NSS modules at run time), and gRPC's configuration
#     leaves out xDS;
#   - stripped, with --gc-sections and identical-code folding (gold).
# DYNAMIC_RELEASE packages an optimized, stripped but dynamically linked executable instead:
# it runs only where the same shared libraries are installed (the build machine's
# distribution release).
#
# Other platforms (PLATFORMS): each one is a nested build (below) of the whole project with
# the toolchain file tfsdk ships for it (cmake/toolchains/OS_ARCH.cmake), e.g. linux_arm64
# with Debian's crossbuild-essential-arm64 and the :arm64 development packages of gRPC,
# protobuf, abseil, OpenSSL and c-ares (scripts/install-deps.sh). A project that
# finds tfsdk with find_package needs a tfsdk installed for that architecture on its
# CMAKE_PREFIX_PATH; with add_subdirectory/FetchContent tfsdk is built for it.
#
# Nested builds: `cmake -S <top source dir> -B <binary dir>/tfsdk-release-OS_ARCH` with
# CMAKE_BUILD_TYPE=Release, TFSDK_RELEASE_PLATFORM=OS_ARCH and the outer project's own
# cache options (BOOL and STRING entries the user set, minus compilers, flags, toolchain
# and build type; add more with TFSDK_RELEASE_CMAKE_ARGS), then only NAME-release-exe is
# built there. Inside a nested build (TFSDK_RELEASE_PLATFORM set) tfsdk_add_provider makes
# only NAME-release-exe, and tfsdk's own tests are off.
#
# Signing: with SIGNING_KEY (or $TFSDK_SIGNING_KEY when NAME-release runs), gpg
# (TFSDK_GPG, default `gpg` on PATH) writes a detached binary signature of the SHA256SUMS,
# as the Terraform and OpenTofu registries require. A key gpg cannot use fails the build.
# Publishing the release on a registry: cmake/TfsdkRegistry.cmake.
#
# OS_ARCH of this build is derived from the target system (linux_amd64, linux_arm64, ...);
# override it with -DTFSDK_PROVIDER_OS_ARCH=... when the guess is wrong.
#
# Only `cmake -E` is used for packaging (tar --format=zip, sha256sum): no zip tool needed.

include_guard(GLOBAL)

# The functions below find this file (and the launcher and toolchains beside it) through
# CMAKE_CURRENT_FUNCTION_LIST_DIR/FILE: a variable set here would not reach a project that
# add_subdirectory()s tfsdk.

function(_tfsdk_provider_os_arch out)
  if(TFSDK_PROVIDER_OS_ARCH)
    set(${out} "${TFSDK_PROVIDER_OS_ARCH}" PARENT_SCOPE)
    return()
  endif()
  string(TOLOWER "${CMAKE_SYSTEM_NAME}" os)
  string(TOLOWER "${CMAKE_SYSTEM_PROCESSOR}" cpu)
  if(cpu MATCHES "^(x86_64|amd64)$")
    set(arch amd64)
  elseif(cpu MATCHES "^(aarch64|arm64)")
    set(arch arm64)
  elseif(cpu MATCHES "^(i.86|x86)$")
    set(arch 386)
  elseif(cpu MATCHES "^arm")
    set(arch arm)
  else()
    set(arch "${cpu}")
  endif()
  set(${out} "${os}_${arch}" PARENT_SCOPE)
endfunction()

# The toolchain file tfsdk ships for `platform` (toolchains/ beside this file), or "".
function(_tfsdk_provider_toolchain platform out)
  set(file "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/toolchains/${platform}.cmake")
  if(NOT EXISTS "${file}")
    set(file "")
  endif()
  set(${out} "${file}" PARENT_SCOPE)
endfunction()

# The outer project's cache options for a nested build, as an initial-cache script.
function(_tfsdk_provider_nested_init_cache file)
  get_cmake_property(vars CACHE_VARIABLES)
  set(text "# Written by tfsdk_add_provider: the outer build's options for a nested release build.\n")
  foreach(var IN LISTS vars)
    get_property(type CACHE "${var}" PROPERTY TYPE)
    if(NOT type MATCHES "^(BOOL|STRING|UNINITIALIZED)$")
      continue()  # find results (PATH/FILEPATH), INTERNAL and STATIC entries
    endif()
    if(var MATCHES "^CMAKE_" AND NOT var MATCHES
       "^CMAKE_(PREFIX_PATH|FIND_PACKAGE_NO_PACKAGE_REGISTRY|(C|CXX)_COMPILER_LAUNCHER|EXPORT_COMPILE_COMMANDS|INSTALL_PREFIX|CXX_STANDARD)$")
      continue()
    endif()
    if(var MATCHES "^TFSDK_(BUILD_|INSTALL$|SANITIZE$|RELEASE_|PROVIDER_OS_ARCH$)")
      continue()
    endif()
    if(var MATCHES "_DIR$")
      continue()  # <Package>_DIR: a package of the build machine's architecture
    endif()
    get_property(value CACHE "${var}" PROPERTY VALUE)
    string(REPLACE "\\" "\\\\" value "${value}")
    string(REPLACE "\"" "\\\"" value "${value}")
    string(REPLACE "\$" "\\\$" value "${value}")
    if(type STREQUAL "UNINITIALIZED")
      set(type STRING)
    endif()
    string(APPEND text "set(${var} \"${value}\" CACHE ${type} \"\")\n")
  endforeach()
  file(CONFIGURE OUTPUT "${file}" CONTENT "${text}")
endfunction()

# Adds the custom command that builds NAME-release-exe for `platform` in the nested build
# tree <binary dir>/tfsdk-release-<platform>/ and returns its outputs (executable, debug
# file) in `exe_out` / `debug_out`.
function(_tfsdk_provider_nested name platform exe_out debug_out)
  set(nested "${CMAKE_BINARY_DIR}/tfsdk-release-${platform}")
  file(RELATIVE_PATH rel "${CMAKE_BINARY_DIR}" "${CMAKE_CURRENT_BINARY_DIR}")
  set(out_dir "${nested}/${rel}/${name}-release-exe")
  set(exe "${out_dir}/terraform-provider-${name}")
  get_target_property(version terraform-provider-${name} TFSDK_PROVIDER_VERSION)
  set(debug "${out_dir}/terraform-provider-${name}_${version}_${platform}.debug")
  set(init "${CMAKE_BINARY_DIR}/tfsdk-release-init.cmake")
  if(NOT EXISTS "${init}")
    _tfsdk_provider_nested_init_cache("${init}")
  endif()
  set(configure_args -S "${CMAKE_SOURCE_DIR}" -B "${nested}" -G "${CMAKE_GENERATOR}"
    -C "${init}" -DCMAKE_BUILD_TYPE=Release "-DTFSDK_RELEASE_PLATFORM=${platform}"
    ${TFSDK_RELEASE_CMAKE_ARGS})
  _tfsdk_provider_os_arch(own)
  if(NOT platform STREQUAL own)
    _tfsdk_provider_toolchain("${platform}" toolchain)
    if(NOT toolchain)
      set(dir "${CMAKE_CURRENT_FUNCTION_LIST_DIR}")
      message(FATAL_ERROR "tfsdk_add_provider(${name}): no toolchain for platform "
        "'${platform}' (${dir}/toolchains/${platform}.cmake). tfsdk cross-builds "
        "linux_arm64 from linux_amd64; macOS and Windows need toolchains Debian does not "
        "ship (README, \"Releasing a provider\").")
    endif()
    list(APPEND configure_args "-DCMAKE_TOOLCHAIN_FILE=${toolchain}")
  elseif(CMAKE_TOOLCHAIN_FILE)
    list(APPEND configure_args "-DCMAKE_TOOLCHAIN_FILE=${CMAKE_TOOLCHAIN_FILE}")
  endif()
  # One nested build at a time per tree (several providers share it): a Ninja pool, and
  # flock(1) where it exists for the other generators.
  find_program(TFSDK_FLOCK flock)
  mark_as_advanced(TFSDK_FLOCK)
  set(lock "")
  if(TFSDK_FLOCK)
    set(lock "${TFSDK_FLOCK}" "${nested}.lock")
  endif()
  set_property(GLOBAL APPEND PROPERTY JOB_POOLS tfsdk_nested_release=1)
  get_property(pools GLOBAL PROPERTY JOB_POOLS)
  list(REMOVE_DUPLICATES pools)
  set_property(GLOBAL PROPERTY JOB_POOLS "${pools}")
  set(pool_arg "")
  if(CMAKE_GENERATOR MATCHES "Ninja")
    set(pool_arg JOB_POOL tfsdk_nested_release)
  endif()
  add_custom_command(
    OUTPUT "${exe}" "${debug}"
    COMMAND ${lock} "${CMAKE_COMMAND}" ${configure_args}
    COMMAND ${lock} "${CMAKE_COMMAND}" --build "${nested}" --target ${name}-release-exe
    DEPENDS terraform-provider-${name} "${init}" "${CMAKE_CURRENT_FUNCTION_LIST_FILE}"
    COMMENT "Building the ${platform} release of terraform-provider-${name} (nested build in ${nested})"
    ${pool_arg}
    VERBATIM)
  set(${exe_out} "${exe}" PARENT_SCOPE)
  set(${debug_out} "${debug}" PARENT_SCOPE)
endfunction()

function(tfsdk_add_provider name version)
  cmake_parse_arguments(PARSE_ARGV 2 arg "STATIC;DYNAMIC_RELEASE"
    "NAMESPACE;HOSTNAME;DOCS_DIR;SIGNING_KEY" "SOURCES;PROTOCOL_VERSIONS;PLATFORMS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "tfsdk_add_provider: unexpected arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT name MATCHES "^[a-z0-9][a-z0-9-]*$")
    message(FATAL_ERROR "tfsdk_add_provider: provider name '${name}' must be lowercase "
      "letters, digits and dashes (Terraform's provider type rules)")
  endif()
  if(NOT version MATCHES "^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?$")
    message(FATAL_ERROR "tfsdk_add_provider: version '${version}' is not MAJOR.MINOR.PATCH")
  endif()
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "tfsdk_add_provider: SOURCES is required")
  endif()
  if(arg_STATIC AND arg_DYNAMIC_RELEASE)
    message(FATAL_ERROR "tfsdk_add_provider: STATIC and DYNAMIC_RELEASE contradict each other "
      "(releases are static by default; STATIC is accepted for older projects)")
  endif()
  if(NOT arg_NAMESPACE)
    set(arg_NAMESPACE tfsdk)
  endif()
  if(arg_HOSTNAME)
    set(hosts "${arg_HOSTNAME}")
  else()
    set(arg_HOSTNAME registry.terraform.io)
    set(hosts registry.terraform.io registry.opentofu.org)
  endif()
  if(NOT arg_PROTOCOL_VERSIONS)
    set(arg_PROTOCOL_VERSIONS 6)
  endif()
  foreach(p IN LISTS arg_PROTOCOL_VERSIONS)
    if(NOT p MATCHES "^[56]$")
      message(FATAL_ERROR "tfsdk_add_provider: PROTOCOL_VERSIONS takes 5 and/or 6, not '${p}'")
    endif()
  endforeach()
  _tfsdk_provider_os_arch(own_platform)
  if(NOT arg_PLATFORMS)
    set(arg_PLATFORMS "${own_platform}")
  endif()
  foreach(p IN LISTS arg_PLATFORMS)
    if(NOT p MATCHES "^[a-z0-9]+_[a-z0-9]+$")
      message(FATAL_ERROR "tfsdk_add_provider: PLATFORMS takes OS_ARCH names such as "
        "linux_amd64 or linux_arm64, not '${p}'")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES arg_PLATFORMS)
  # Lists cannot cross a custom command's argument boundary (";" splits): join with ",".
  list(JOIN arg_PROTOCOL_VERSIONS "," protocols)

  # This file, for the packaging steps below (a variable set when it was included would not
  # reach a project that add_subdirectory()s tfsdk).
  set(module "${CMAKE_CURRENT_FUNCTION_LIST_FILE}")
  set(target terraform-provider-${name})
  add_executable(${target} ${arg_SOURCES})
  # tfsdk's own warning and sanitizer settings only inside its tree: a project that
  # add_subdirectory()s tfsdk also has the function, but keeps its own settings.
  string(FIND "${CMAKE_CURRENT_SOURCE_DIR}/" "${TFSDK_SOURCE_DIR}/" in_tfsdk_tree)
  if(COMMAND tfsdk_target_defaults AND TFSDK_SOURCE_DIR AND in_tfsdk_tree EQUAL 0)
    tfsdk_target_defaults(${target})  # inside tfsdk's own tree
  else()
    target_compile_features(${target} PRIVATE cxx_std_20)
  endif()
  target_link_libraries(${target} PRIVATE tfsdk::tfsdk)
  target_compile_definitions(${target} PRIVATE
    "TFSDK_PROVIDER_ADDRESS=\"${arg_HOSTNAME}/${arg_NAMESPACE}/${name}\""
    "TFSDK_PROVIDER_VERSION=\"${version}\"")
  set_target_properties(${target} PROPERTIES
    TFSDK_PROVIDER_VERSION "${version}"
    TFSDK_PROVIDER_DYNAMIC_RELEASE "${arg_DYNAMIC_RELEASE}")

  # The released executable of this build's platform: its sources, link libraries and
  # usage requirements are copied from ${target} at the end of this directory, after the
  # caller's own target_link_libraries() (_tfsdk_provider_finish_release).
  set(release_exe_target ${name}-release-exe)
  add_executable(${release_exe_target} EXCLUDE_FROM_ALL ${arg_SOURCES})
  # (EVAL: a deferred call's arguments are expanded when it runs, not when it is scheduled.)
  cmake_language(EVAL CODE "cmake_language(DEFER CALL _tfsdk_provider_finish_release [[${name}]])")

  if(TFSDK_RELEASE_PLATFORM)
    return()  # a nested release build makes only the released executable
  endif()

  # Optimized trees build the release of their own platform here; the others, and every
  # other platform, in a nested Release build.
  set(optimized_tree OFF)
  if(CMAKE_BUILD_TYPE MATCHES "^(Release|RelWithDebInfo|MinSizeRel)$")
    set(optimized_tree ON)
  endif()
  set(exe_name "terraform-provider-${name}_v${version}")
  set(base "terraform-provider-${name}_${version}")
  set(release_dir "${CMAKE_CURRENT_BINARY_DIR}/${name}-release")
  set(triples "")
  set(outputs "")
  set(exe_depends "")
  foreach(platform IN LISTS arg_PLATFORMS)
    if(platform STREQUAL own_platform AND optimized_tree)
      set(dir "${CMAKE_CURRENT_BINARY_DIR}/${release_exe_target}")
      set(exe "${dir}/terraform-provider-${name}")
      set(debug "${dir}/${base}_${platform}.debug")
      list(APPEND exe_depends ${release_exe_target} "${exe}" "${debug}")
    else()
      _tfsdk_provider_nested(${name} ${platform} exe debug)
      list(APPEND exe_depends "${exe}" "${debug}")
    endif()
    list(APPEND triples "${platform}|${exe}|${debug}")
    list(APPEND outputs "${release_dir}/${base}_${platform}.zip"
      "${release_dir}/${base}_${platform}.debug")
  endforeach()
  list(JOIN triples "," triples_arg)
  set(sums "${release_dir}/${base}_SHA256SUMS")
  set(manifest "${release_dir}/${base}_manifest.json")
  list(APPEND outputs "${sums}" "${manifest}")
  # The signature is not an OUTPUT: whether there is one is decided when the step runs
  # ($TFSDK_SIGNING_KEY), so the step always runs (a stamp-free custom target).
  set(gpg "${TFSDK_GPG}")
  if(NOT gpg)
    set(gpg gpg)
  endif()
  add_custom_target(${name}-release
    COMMAND "${CMAKE_COMMAND}"
      "-DTFSDK_PROVIDER_STEP=release"
      "-DPLATFORMS=${triples_arg}"
      "-DEXE_NAME=${exe_name}"
      "-DBASE=${base}"
      "-DOUT_DIR=${release_dir}"
      "-DPROTOCOLS=${protocols}"
      "-DSIGNING_KEY=${arg_SIGNING_KEY}"
      "-DGPG=${gpg}"
      -P "${module}"
    DEPENDS ${exe_depends} "${module}"
    BYPRODUCTS ${outputs}
    COMMENT "Packaging the ${base} release (${arg_PLATFORMS})"
    VERBATIM)

  set(mirror_dir "${CMAKE_CURRENT_BINARY_DIR}/${name}-mirror")
  set(mirror_files "")
  set(mirror_sources "")
  foreach(triple IN LISTS triples)
    string(REPLACE "|" ";" parts "${triple}")
    list(GET parts 0 platform)
    list(GET parts 1 exe)
    foreach(host IN LISTS hosts)
      list(APPEND mirror_files
        "${mirror_dir}/${host}/${arg_NAMESPACE}/${name}/${version}/${platform}/${exe_name}")
      list(APPEND mirror_sources "${exe}")
    endforeach()
  endforeach()
  list(JOIN mirror_files "|" mirror_files_arg)
  list(JOIN mirror_sources "|" mirror_sources_arg)
  add_custom_command(
    OUTPUT ${mirror_files}
    COMMAND "${CMAKE_COMMAND}"
      "-DTFSDK_PROVIDER_STEP=mirror"
      "-DSOURCES=${mirror_sources_arg}"
      "-DFILES=${mirror_files_arg}"
      -P "${module}"
    DEPENDS ${exe_depends} "${module}"
    COMMENT "Filling the filesystem mirror ${name}-mirror/"
    VERBATIM)
  add_custom_target(${name}-mirror DEPENDS ${mirror_files})

  _tfsdk_provider_docs_target(${name} ${target} "${arg_DOCS_DIR}")
endfunction()

# Deferred to the end of the directory that called tfsdk_add_provider: gives NAME-release-exe
# the development executable's sources, usage requirements and link closure (static
# archives), release compile flags, and the strip / debug-file step.
function(_tfsdk_provider_finish_release name)
  set(dev terraform-provider-${name})
  set(rel ${name}-release-exe)
  get_target_property(version ${dev} TFSDK_PROVIDER_VERSION)
  get_target_property(dynamic ${dev} TFSDK_PROVIDER_DYNAMIC_RELEASE)
  _tfsdk_provider_os_arch(platform)

  get_target_property(sources ${dev} SOURCES)
  get_target_property(own_sources ${rel} SOURCES)
  foreach(s IN LISTS sources)
    if(NOT s IN_LIST own_sources)
      target_sources(${rel} PRIVATE "${s}")
    endif()
  endforeach()
  set(dir "${CMAKE_CURRENT_BINARY_DIR}/${rel}")
  set_target_properties(${rel} PROPERTIES
    OUTPUT_NAME "terraform-provider-${name}.full"
    RUNTIME_OUTPUT_DIRECTORY "${dir}")
  foreach(config Debug Release RelWithDebInfo MinSizeRel)
    string(TOUPPER "${config}" upper)
    set_target_properties(${rel} PROPERTIES RUNTIME_OUTPUT_DIRECTORY_${upper} "${dir}")
  endforeach()
  get_target_property(std ${dev} CXX_STANDARD)
  if(std)
    set_target_properties(${rel} PROPERTIES CXX_STANDARD ${std})
  endif()
  get_target_property(ext ${dev} CXX_EXTENSIONS)
  if(NOT ext STREQUAL "ext-NOTFOUND")
    set_target_properties(${rel} PROPERTIES CXX_EXTENSIONS ${ext})
  endif()
  # Usage requirements as the development executable sees them (transitively), without the
  # sanitizer instrumentation a tree may add to its own targets.
  set(sanitize_re "^-f(no-)?sanitize")
  target_include_directories(${rel} PRIVATE "$<TARGET_PROPERTY:${dev},INCLUDE_DIRECTORIES>")
  target_compile_definitions(${rel} PRIVATE "$<TARGET_PROPERTY:${dev},COMPILE_DEFINITIONS>"
    NDEBUG)
  target_compile_options(${rel} PRIVATE
    "$<FILTER:$<TARGET_PROPERTY:${dev},COMPILE_OPTIONS>,EXCLUDE,${sanitize_re}>")
  target_compile_features(${rel} PRIVATE cxx_std_20)
  # Last on the command line, so they win over the build type's -O0/-O3.
  target_compile_options(${rel} PRIVATE -O2 -g -ffunction-sections -fdata-sections)

  get_target_property(libs ${dev} LINK_LIBRARIES)
  if(NOT libs)
    set(libs "")
  endif()
  if(dynamic)
    target_link_libraries(${rel} PRIVATE ${libs})
    target_link_options(${rel} PRIVATE -Wl,--gc-sections)
  else()
    # CMake resolves the link closure as for the development executable; the link launcher
    # (tfsdk-static-link.sh) swaps each shared library on the command for its archive, or
    # fails naming the ones without. tfsdk::portable is linked whole and first: it must
    # replace getaddrinfo and gRPC's core configuration before the archives that define
    # them are searched.
    if(TARGET tfsdk_portable)
      set(portable tfsdk_portable)
    else()
      set(portable tfsdk::portable)
    endif()
    set(module_dir "${CMAKE_CURRENT_FUNCTION_LIST_DIR}")
    find_program(TFSDK_BASH bash)
    mark_as_advanced(TFSDK_BASH)
    if(NOT TFSDK_BASH)
      message(FATAL_ERROR "tfsdk_add_provider(${name}): the static release links through "
        "${module_dir}/tfsdk-static-link.sh, which needs bash")
    endif()
    set(linker "")
    find_program(TFSDK_LD_GOLD NAMES ${CMAKE_LIBRARY_ARCHITECTURE}-ld.gold ld.gold)
    mark_as_advanced(TFSDK_LD_GOLD)
    # gold only on x86_64: on aarch64 it overflows the small GOT of glibc's static objects
    # (R_AARCH64_LD64_GOTPAGE_LO15 relocation overflow), which GNU ld relaxes.
    if(TFSDK_LD_GOLD AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$")
      # Identical code folding: measured 0.3 MB off the local example.
      set(linker -fuse-ld=gold LINKER:--icf=safe)
    endif()
    target_link_libraries(${rel} PRIVATE ${libs} ${portable})
    target_link_options(${rel} PRIVATE -static -pthread ${linker} LINKER:--gc-sections
      "LINKER:--whole-archive,$<TARGET_FILE:${portable}>,--no-whole-archive")
    # TFSDK_RELEASE_ARCHIVES (set by the author on the development executable): static
    # builds of libraries whose distribution archive cannot be linked statically.
    get_target_property(release_archives ${dev} TFSDK_RELEASE_ARCHIVES)
    set(launch "\"${TFSDK_BASH}\" \"${module_dir}/tfsdk-static-link.sh\" ${rel}")
    if(release_archives)
      foreach(a IN LISTS release_archives)
        if(NOT EXISTS "${a}")
          message(FATAL_ERROR "tfsdk_add_provider(${name}): TFSDK_RELEASE_ARCHIVES names "
            "${a}, which does not exist")
        endif()
        string(APPEND launch " \"${a}\"")
      endforeach()
      set_property(TARGET ${rel} APPEND PROPERTY LINK_DEPENDS ${release_archives})
    endif()
    set_property(TARGET ${rel} PROPERTY RULE_LAUNCH_LINK "${launch} --")
  endif()

  # Strip, and keep the debug info beside it under the name the debug link records.
  set(debug_name "terraform-provider-${name}_${version}_${platform}.debug")
  set(objcopy "${CMAKE_OBJCOPY}")
  if(NOT objcopy)
    set(objcopy objcopy)
  endif()
  add_custom_command(TARGET ${rel} POST_BUILD
    COMMAND "${objcopy}" --only-keep-debug "$<TARGET_FILE:${rel}>" "${dir}/${debug_name}"
    COMMAND "${objcopy}" --strip-all "--add-gnu-debuglink=${dir}/${debug_name}"
      "$<TARGET_FILE:${rel}>" "${dir}/terraform-provider-${name}"
    BYPRODUCTS "${dir}/${debug_name}" "${dir}/terraform-provider-${name}"
    COMMENT "Stripping the released terraform-provider-${name} (debug info: ${debug_name})"
    VERBATIM)
endfunction()

# NAME-docs: always runs (the pages depend on examples and templates the build cannot list).
function(_tfsdk_provider_docs_target name target docs_dir)
  if(NOT TARGET tfsdk::tfsdk-docs)
    return()  # a tfsdk without its tools
  endif()
  if(NOT docs_dir)
    set(docs_dir "${CMAKE_CURRENT_SOURCE_DIR}")
  endif()
  get_filename_component(docs_dir "${docs_dir}" ABSOLUTE)
  add_custom_target(${name}-docs
    COMMAND "$<TARGET_FILE:tfsdk::tfsdk-docs>" --provider "$<TARGET_FILE:${target}>"
      --provider-dir "${docs_dir}"
    DEPENDS ${target}
    COMMENT "Generating ${docs_dir}/docs with tfsdk-docs"
    VERBATIM)
endfunction()

# --- script mode: the build steps behind NAME-release and NAME-mirror ----------------------

# Copies an executable under a new name, executable by everyone (CMake 3.20: no COPY_FILE).
function(_tfsdk_provider_copy from to)
  get_filename_component(dir "${to}" DIRECTORY)
  get_filename_component(fname "${from}" NAME)
  file(MAKE_DIRECTORY "${dir}")
  file(REMOVE "${to}" "${dir}/${fname}")
  file(COPY "${from}" DESTINATION "${dir}" FILE_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  if(NOT "${dir}/${fname}" STREQUAL "${to}")
    file(RENAME "${dir}/${fname}" "${to}")
  endif()
endfunction()

if(CMAKE_SCRIPT_MODE_FILE AND TFSDK_PROVIDER_STEP STREQUAL "release")
  file(MAKE_DIRECTORY "${OUT_DIR}")
  # Only this release's files: a stale zip of a platform no longer released would be
  # published by accident.
  file(GLOB stale "${OUT_DIR}/${BASE}_*")
  if(stale)
    file(REMOVE ${stale})
  endif()
  set(listing "")
  string(REPLACE "," ";" PLATFORMS "${PLATFORMS}")
  foreach(triple IN LISTS PLATFORMS)
    string(REPLACE "|" ";" parts "${triple}")
    list(GET parts 0 platform)
    list(GET parts 1 exe)
    list(GET parts 2 debug)
    set(stage "${OUT_DIR}/.stage-${platform}")
    file(REMOVE_RECURSE "${stage}")
    _tfsdk_provider_copy("${exe}" "${stage}/${EXE_NAME}")
    set(zip "${OUT_DIR}/${BASE}_${platform}.zip")
    execute_process(
      COMMAND "${CMAKE_COMMAND}" -E tar cf "${zip}" --format=zip "${EXE_NAME}"
      WORKING_DIRECTORY "${stage}"
      RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "cmake -E tar --format=zip failed: ${rc}")
    endif()
    file(REMOVE_RECURSE "${stage}")
    file(COPY "${debug}" DESTINATION "${OUT_DIR}")
    list(APPEND listing "${BASE}_${platform}.zip")
  endforeach()
  # HashiCorp's registry manifest (terraform-registry-manifest.json, renamed per release).
  set(manifest "${BASE}_manifest.json")
  string(REPLACE "," ".0\",\"" protocols "${PROTOCOLS}")
  file(WRITE "${OUT_DIR}/${manifest}"
    "{\"version\":1,\"metadata\":{\"protocol_versions\":[\"${protocols}.0\"]}}\n")
  list(APPEND listing "${manifest}")
  # The checksums cover the zips and the manifest, sorted by file name, as `sha256sum`
  # writes them ("HEX  NAME").
  list(SORT listing)
  set(text "")
  foreach(fname IN LISTS listing)
    file(SHA256 "${OUT_DIR}/${fname}" hash)
    string(APPEND text "${hash}  ${fname}\n")
  endforeach()
  set(sums "${OUT_DIR}/${BASE}_SHA256SUMS")
  file(WRITE "${sums}" "${text}")

  if(NOT SIGNING_KEY)
    set(SIGNING_KEY "$ENV{TFSDK_SIGNING_KEY}")
  endif()
  if(SIGNING_KEY)
    find_program(gpg_path NAMES "${GPG}")
    if(NOT gpg_path)
      message(FATAL_ERROR "Signing the release with key '${SIGNING_KEY}' needs gpg, and "
        "'${GPG}' is not found: install gnupg (scripts/install-deps.sh does), or set TFSDK_GPG.")
    endif()
    execute_process(
      COMMAND "${gpg_path}" --batch --yes --local-user "${SIGNING_KEY}"
        --output "${sums}.sig" --detach-sign "${sums}"
      RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT rc EQUAL 0)
      file(REMOVE "${sums}.sig")
      message(FATAL_ERROR "gpg could not sign ${sums} with key '${SIGNING_KEY}' (exit "
        "${rc}):\n${err}\nThe key must be a secret key in gpg's keyring (GNUPGHOME), usable "
        "without a passphrase prompt (gpg --batch): import it, or start gpg-agent with the "
        "passphrase preset, or unset TFSDK_SIGNING_KEY / SIGNING_KEY to release unsigned.")
    endif()
    message(STATUS "Signed ${BASE}_SHA256SUMS with key ${SIGNING_KEY}")
  endif()
elseif(CMAKE_SCRIPT_MODE_FILE AND TFSDK_PROVIDER_STEP STREQUAL "mirror")
  string(REPLACE "|" ";" FILES "${FILES}")
  string(REPLACE "|" ";" SOURCES "${SOURCES}")
  foreach(f IN ZIP_LISTS FILES SOURCES)
    _tfsdk_provider_copy("${f_1}" "${f_0}")
  endforeach()
endif()
