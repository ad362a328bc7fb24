# tfsdk_add_provider: build, package and mirror a Terraform/OpenTofu provider written with
# tfsdk. Available after find_package(tfsdk), add_subdirectory(tfsdk) or
# FetchContent_MakeAvailable(tfsdk) (and inside tfsdk's own tree).
#
#   tfsdk_add_provider(hashicups 0.1.0
#     SOURCES main.cc resources.cc
#     [NAMESPACE acme]              # default: tfsdk
#     [HOSTNAME registry.example]   # default: registry.terraform.io (+ registry.opentofu.org)
#     [PROTOCOL_VERSIONS 6 5]       # for the registry manifest; default: 6
#     [STATIC]                      # static libstdc++/libgcc, stripped (see below)
#     [DOCS_DIR dir])               # provider root for NAME-docs: dir/examples,
#                                   # dir/templates -> dir/docs (default: this source dir)
#   target_link_libraries(terraform-provider-hashicups PRIVATE my_library)
#
# Targets:
#   terraform-provider-NAME  the plugin executable (also usable with dev_overrides; its
#                            compile definitions TFSDK_PROVIDER_ADDRESS and
#                            TFSDK_PROVIDER_VERSION hold "HOST/NS/NAME" and "VERSION")
#   NAME-release             NAME-release/ in the binary dir, as a registry release:
#                              terraform-provider-NAME_VERSION_OS_ARCH.zip
#                                (holding terraform-provider-NAME_vVERSION)
#                              terraform-provider-NAME_VERSION_manifest.json
#                              terraform-provider-NAME_VERSION_SHA256SUMS
#   NAME-mirror              NAME-mirror/ in the binary dir, a filesystem_mirror in the
#                            unpacked layout HOST/NS/NAME/VERSION/OS_ARCH/
#                            terraform-provider-NAME_vVERSION, for registry.terraform.io and
#                            registry.opentofu.org (or only HOSTNAME when one is given):
#                              provider_installation {
#                                filesystem_mirror { path = ".../NAME-mirror" }
#                              }
#   NAME-docs                runs the executable's --schema-json through tfsdk-docs
#                            (tfsdk::tfsdk-docs): registry pages in DOCS_DIR/docs from
#                            DOCS_DIR/examples (tfplugindocs' layout) and DOCS_DIR/templates.
#                            Check them in CI with
#                              tfsdk-docs --provider EXE --provider-dir DOCS_DIR --check
# OS_ARCH is derived from the target system (linux_amd64, darwin_arm64, ...); override it
# with -DTFSDK_PROVIDER_OS_ARCH=... when the guess is wrong.
#
# STATIC links a fully static, stripped executable from the archives of tfsdk's link
# closure (see _tfsdk_provider_link_static). glibc warns that getaddrinfo/getgrnam_r in a
# static binary need the same glibc at run time (NSS); providers launched by Terraform on
# the build machine's distribution are fine.
#
# Only `cmake -E` is used for packaging (tar --format=zip, sha256sum): no zip tool needed.

include_guard(GLOBAL)

set(_TFSDK_PROVIDER_MODULE "${CMAKE_CURRENT_LIST_FILE}")

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

# STATIC: the imported gRPC/protobuf/abseil/OpenSSL targets name shared libraries, which a
# `-static` link refuses. So the executable does not link tfsdk::tfsdk's targets; it gets
# tfsdk's usage requirements (include directories, definitions) and links the archives of
# tfsdk's whole link closure instead: each shared library replaced by the .a beside it.
# A library with no archive (Debian's libfmt) is left out, with a warning: the link fails
# if the executable really needs it.
function(_tfsdk_provider_link_static target)
  set(queue tfsdk::tfsdk)
  set(seen "")
  set(files "")
  while(queue)
    list(POP_FRONT queue item)
    if(item IN_LIST seen)
      continue()
    endif()
    list(APPEND seen "${item}")
    if(item MATCHES "^\\$<LINK_ONLY:(.*)>$")
      list(APPEND queue "${CMAKE_MATCH_1}")
      continue()
    elseif(item MATCHES "^\\$<")
      continue()  # other generator expressions (build-interface-only and the like)
    endif()
    if(TARGET "${item}")
      get_target_property(aliased "${item}" ALIASED_TARGET)
      if(aliased)
        list(APPEND queue "${aliased}")
        continue()
      endif()
      get_target_property(type "${item}" TYPE)
      get_target_property(imported "${item}" IMPORTED)
      if(NOT type STREQUAL "INTERFACE_LIBRARY")
        if(imported)
          set(location "")
          get_target_property(configs "${item}" IMPORTED_CONFIGURATIONS)
          foreach(config IN LISTS configs)
            get_target_property(location "${item}" IMPORTED_LOCATION_${config})
            if(location)
              break()
            endif()
          endforeach()
          if(NOT location)
            get_target_property(location "${item}" IMPORTED_LOCATION)
          endif()
          if(location)
            list(APPEND files "${location}")
          endif()
        else()
          list(APPEND files "$<TARGET_FILE:${item}>")
        endif()
      endif()
      get_target_property(deps "${item}" INTERFACE_LINK_LIBRARIES)
      if(deps)
        list(APPEND queue ${deps})
      endif()
    else()
      list(APPEND files "${item}")
    endif()
  endwhile()

  set(archives "")
  foreach(f IN LISTS files)
    if(f MATCHES "\\.so(\\.[0-9.]+)?$")
      string(REGEX REPLACE "\\.so(\\.[0-9.]+)?$" ".a" archive "${f}")
      if(EXISTS "${archive}")
        list(APPEND archives "${archive}")
      else()
        message(WARNING "tfsdk_add_provider(STATIC): no static archive for ${f}; left out")
      endif()
    else()
      list(APPEND archives "${f}")
    endif()
  endforeach()
  list(REMOVE_DUPLICATES archives)
  target_include_directories(${target} PRIVATE
    "$<TARGET_PROPERTY:tfsdk::tfsdk,INTERFACE_INCLUDE_DIRECTORIES>")
  target_compile_definitions(${target} PRIVATE
    "$<TARGET_PROPERTY:tfsdk::tfsdk,INTERFACE_COMPILE_DEFINITIONS>")
  target_compile_options(${target} PRIVATE
    "$<TARGET_PROPERTY:tfsdk::tfsdk,INTERFACE_COMPILE_OPTIONS>")
  # Archives reference each other in every direction: one group, searched until resolved.
  target_link_libraries(${target} PRIVATE
    -static -s -pthread "-Wl,--start-group" ${archives} "-Wl,--end-group")
endfunction()

function(tfsdk_add_provider name version)
  cmake_parse_arguments(PARSE_ARGV 2 arg "STATIC" "NAMESPACE;HOSTNAME;DOCS_DIR"
    "SOURCES;PROTOCOL_VERSIONS")
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
  # Lists cannot cross a custom command's argument boundary (";" splits): join with ",".
  list(JOIN arg_PROTOCOL_VERSIONS "," protocols)
  _tfsdk_provider_os_arch(os_arch)

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
  if(NOT arg_STATIC)
    target_link_libraries(${target} PRIVATE tfsdk::tfsdk)
  endif()
  target_compile_definitions(${target} PRIVATE
    "TFSDK_PROVIDER_ADDRESS=\"${arg_HOSTNAME}/${arg_NAMESPACE}/${name}\""
    "TFSDK_PROVIDER_VERSION=\"${version}\"")
  if(arg_STATIC)
    _tfsdk_provider_link_static(${target})
  endif()

  set(exe_name "terraform-provider-${name}_v${version}")
  set(base "terraform-provider-${name}_${version}")
  set(release_dir "${CMAKE_CURRENT_BINARY_DIR}/${name}-release")
  set(zip "${release_dir}/${base}_${os_arch}.zip")
  set(sums "${release_dir}/${base}_SHA256SUMS")
  set(manifest "${release_dir}/${base}_manifest.json")
  add_custom_command(
    OUTPUT "${zip}" "${sums}" "${manifest}"
    COMMAND "${CMAKE_COMMAND}"
      "-DTFSDK_PROVIDER_STEP=release"
      "-DEXECUTABLE=$<TARGET_FILE:${target}>"
      "-DEXE_NAME=${exe_name}"
      "-DOUT_DIR=${release_dir}"
      "-DZIP=${zip}"
      "-DSUMS=${sums}"
      "-DMANIFEST=${manifest}"
      "-DPROTOCOLS=${protocols}"
      -P "${module}"
    DEPENDS ${target} "${module}"
    COMMENT "Packaging ${base}_${os_arch}.zip"
    VERBATIM)
  add_custom_target(${name}-release DEPENDS "${zip}" "${sums}" "${manifest}")

  set(mirror_dir "${CMAKE_CURRENT_BINARY_DIR}/${name}-mirror")
  set(mirror_files "")
  foreach(host IN LISTS hosts)
    list(APPEND mirror_files
      "${mirror_dir}/${host}/${arg_NAMESPACE}/${name}/${version}/${os_arch}/${exe_name}")
  endforeach()
  list(JOIN mirror_files "|" mirror_files_arg)
  add_custom_command(
    OUTPUT ${mirror_files}
    COMMAND "${CMAKE_COMMAND}"
      "-DTFSDK_PROVIDER_STEP=mirror"
      "-DEXECUTABLE=$<TARGET_FILE:${target}>"
      "-DFILES=${mirror_files_arg}"
      -P "${module}"
    DEPENDS ${target} "${module}"
    COMMENT "Filling the filesystem mirror ${name}-mirror/"
    VERBATIM)
  add_custom_target(${name}-mirror DEPENDS ${mirror_files})

  _tfsdk_provider_docs_target(${name} ${target} "${arg_DOCS_DIR}")
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
  file(REMOVE "${to}" "${dir}/${fname}")
  file(COPY "${from}" DESTINATION "${dir}" FILE_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
  if(NOT "${dir}/${fname}" STREQUAL "${to}")
    file(RENAME "${dir}/${fname}" "${to}")
  endif()
endfunction()

if(CMAKE_SCRIPT_MODE_FILE AND TFSDK_PROVIDER_STEP STREQUAL "release")
  set(stage "${OUT_DIR}/.stage")
  file(REMOVE_RECURSE "${stage}")
  file(MAKE_DIRECTORY "${stage}")
  _tfsdk_provider_copy("${EXECUTABLE}" "${stage}/${EXE_NAME}")
  file(REMOVE "${ZIP}")
  execute_process(
    COMMAND "${CMAKE_COMMAND}" -E tar cf "${ZIP}" --format=zip "${EXE_NAME}"
    WORKING_DIRECTORY "${stage}"
    RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake -E tar --format=zip failed: ${rc}")
  endif()
  file(REMOVE_RECURSE "${stage}")
  # HashiCorp's registry manifest (terraform-registry-manifest.json, renamed per release).
  string(REPLACE "," ".0\",\"" protocols "${PROTOCOLS}")
  file(WRITE "${MANIFEST}"
    "{\"version\":1,\"metadata\":{\"protocol_versions\":[\"${protocols}.0\"]}}\n")
  # The checksums cover the zip and the manifest, sorted by file name, as `sha256sum` writes
  # them ("HEX  NAME").
  set(listing "")
  foreach(f IN ITEMS "${ZIP}" "${MANIFEST}")
    get_filename_component(fname "${f}" NAME)
    list(APPEND listing "${fname}")
  endforeach()
  list(SORT listing)
  set(text "")
  foreach(fname IN LISTS listing)
    file(SHA256 "${OUT_DIR}/${fname}" hash)
    string(APPEND text "${hash}  ${fname}\n")
  endforeach()
  file(WRITE "${SUMS}" "${text}")
elseif(CMAKE_SCRIPT_MODE_FILE AND TFSDK_PROVIDER_STEP STREQUAL "mirror")
  string(REPLACE "|" ";" FILES "${FILES}")
  foreach(f IN LISTS FILES)
    get_filename_component(dir "${f}" DIRECTORY)
    file(MAKE_DIRECTORY "${dir}")
    _tfsdk_provider_copy("${EXECUTABLE}" "${f}")
  endforeach()
endif()
