# CTest script behind the packaging tests (registered by examples/local/CMakeLists.txt):
#
#   cmake -DMODE=release -DRELEASE_DIR=... -DEXECUTABLES=linux_amd64=PATH,... -P packaging_test.cmake
#     checks local-release/: one zip per platform, each holding exactly
#     terraform-provider-local_v0.1.0 with the bytes of that platform's released executable
#     (static, stripped, of the platform's architecture), the .debug file its debug
#     link names sits beside it, SHA256SUMS matches the zip and the manifest, the manifest
#     is HashiCorp's registry format.
#   cmake -DMODE=consumer -DTFSDK_BUILD_DIR=... -DWORK_DIR=... -DGENERATOR=...
#         -DCXX_COMPILER=... -P packaging_test.cmake
#     installs tfsdk into WORK_DIR/prefix and builds consumer/ (tfsdk_add_provider with
#     NAMESPACE and HOSTNAME, found through find_package(tfsdk)): its release and
#     mirror targets, the address in --schema-json, the installed tfsdk-docs and the
#     NAME-docs target, the static released executable, and terraform/tofu
#     ($TFSDK_TERRAFORM / $TFSDK_TOFU or -DTOOLS_DIR=...) running the static executable.
#   cmake -DMODE=mirror -DTOOL_NAME=terraform|tofu -DTOOL=/default/path -DMIRROR_DIR=...
#         -DEXECUTABLE=... -DWORK_DIR=... -P packaging_test.cmake
#     ($TFSDK_TERRAFORM / $TFSDK_TOFU override TOOL) installs tfsdk/local 0.1.0 from the
#     filesystem mirror with `init`, runs `apply`, checks the file it wrote, compares
#     `providers schema -json` with the provider's own
#     `--schema-json` (as parsed JSON, the provider address key normalized), destroys.
#   cmake -DMODE=schema -DNAME=schemaprobe -DVERSION=0.0.1 (otherwise as MODE=mirror)
#     only the init and the schema comparison, for a provider with no resource to apply.
cmake_minimum_required(VERSION 3.20)

if(NAME)
  set(name "${NAME}")
  set(version "${VERSION}")
else()
  set(name local)
  set(version 0.1.0)
endif()
set(exe_name "terraform-provider-${name}_v${version}")

include("${CMAKE_CURRENT_LIST_DIR}/script_helpers.cmake")  # check(), run()

# check_static_release(EXE): a fully static, stripped executable (readelf, file, ldd).
function(check_static_release exe)
  find_program(READELF readelf REQUIRED)
  run(dynamic "${READELF}" -d "${exe}")
  string(FIND "${dynamic}" "(NEEDED)" needs_shared)
  check("needs_shared EQUAL -1" "- ${exe} needs shared libraries; readelf -d:\n${dynamic}")
  run(headers "${READELF}" -l "${exe}")
  string(FIND "${headers}" "INTERP" has_interp)
  check("has_interp EQUAL -1" "- ${exe} asks for a dynamic loader")
  run(sections "${READELF}" -S "${exe}")
  string(FIND "${sections}" ".symtab" has_symtab)
  check("has_symtab EQUAL -1" "- ${exe} is not stripped")
  string(FIND "${sections}" ".debug_info" has_debug)
  check("has_debug EQUAL -1" "- ${exe} still has debug info")
  # file(1) and ldd, as a user checks it (scripts/install-deps.sh installs file).
  find_program(FILE_TOOL file REQUIRED)
  run(kind "${FILE_TOOL}" "${exe}")
  string(FIND "${kind}" "statically linked" is_static)
  check("NOT is_static EQUAL -1" "- file says: ${kind}")
  find_program(LDD ldd REQUIRED)
  execute_process(COMMAND "${LDD}" "${exe}" OUTPUT_VARIABLE o ERROR_VARIABLE e)
  string(FIND "${o}${e}" "not a dynamic executable" not_dynamic)
  check("NOT not_dynamic EQUAL -1" "- ldd says: ${o}${e}")
endfunction()

if(MODE STREQUAL "release")
  # EXECUTABLES: "platform=path,..." of the released executables, one zip per platform.
  string(REPLACE "," ";" executables "${EXECUTABLES}")
  file(GLOB zips RELATIVE "${RELEASE_DIR}" "${RELEASE_DIR}/terraform-provider-${name}_${version}_*.zip")
  list(SORT zips)
  set(want_zips "")
  foreach(entry IN LISTS executables)
    string(REGEX REPLACE "=.*" "" platform "${entry}")
    list(APPEND want_zips "terraform-provider-${name}_${version}_${platform}.zip")
  endforeach()
  list(SORT want_zips)
  check("zips STREQUAL want_zips" "- zips in ${RELEASE_DIR}: '${zips}', want '${want_zips}' "
    "(build the local-release target)")

  set(WORK_DIR "${RELEASE_DIR}/.check")
  set(listing_for_sums "")
  set(summary "")
  foreach(entry IN LISTS executables)
    string(REGEX REPLACE "=.*" "" platform "${entry}")
    string(REGEX REPLACE "^[^=]*=" "" built_exe "${entry}")
    set(platform_base "terraform-provider-${name}_${version}_${platform}")
    set(zip "${RELEASE_DIR}/${platform_base}.zip")
    file(REMOVE_RECURSE "${WORK_DIR}")
    file(MAKE_DIRECTORY "${WORK_DIR}")
    run(listing "${CMAKE_COMMAND}" -E tar tf "${zip}")
    string(STRIP "${listing}" listing)
    check("listing STREQUAL exe_name" "- ${platform} zip lists '${listing}'")
    run(ignored "${CMAKE_COMMAND}" -E tar xf "${zip}")
    set(released "${WORK_DIR}/${exe_name}")
    file(SHA256 "${released}" unzipped)
    file(SHA256 "${built_exe}" built)
    check("unzipped STREQUAL built" "- the ${platform} zip's executable differs from ${built_exe}")
    check_static_release("${released}")
    run(kind file -b "${released}")
    if(platform MATCHES "_amd64$")
      check("kind MATCHES \"x86-64\"" "- ${platform}: ${kind}")
    elseif(platform MATCHES "_arm64$")
      check("kind MATCHES \"ARM aarch64\"" "- ${platform}: ${kind}")
    endif()
    file(SIZE "${released}" size)
    math(EXPR size_kb "${size} / 1024")

    # The debug info beside the zip, named by the executable's debug link.
    set(debug "${RELEASE_DIR}/${platform_base}.debug")
    check("EXISTS \"${debug}\"" "- no ${debug}")
    run(link "${READELF}" --string-dump=.gnu_debuglink "${released}")
    string(FIND "${link}" "${platform_base}.debug" names_debug)
    check("NOT names_debug EQUAL -1" "- .gnu_debuglink: ${link}")
    run(debug_sections "${READELF}" -S "${debug}")
    string(FIND "${debug_sections}" ".debug_info" debug_has_info)
    check("NOT debug_has_info EQUAL -1" "- ${debug} has no .debug_info")
    file(REMOVE_RECURSE "${WORK_DIR}")
    list(APPEND listing_for_sums "${platform_base}.zip")
    string(APPEND summary " ${platform_base}.zip (${size_kb} KiB executable)")
  endforeach()

  set(manifest_name "terraform-provider-${name}_${version}_manifest.json")
  file(READ "${RELEASE_DIR}/${manifest_name}" manifest)
  string(JSON manifest_equal EQUAL "${manifest}"
    [[{"version":1,"metadata":{"protocol_versions":["6.0","5.0"]}}]])
  check("manifest_equal" "- manifest is ${manifest}")

  list(APPEND listing_for_sums "${manifest_name}")
  list(SORT listing_for_sums)
  set(want "")
  foreach(f IN LISTS listing_for_sums)
    file(SHA256 "${RELEASE_DIR}/${f}" h)
    string(APPEND want "${h}  ${f}\n")
  endforeach()
  file(READ "${RELEASE_DIR}/terraform-provider-${name}_${version}_SHA256SUMS" sums)
  check("sums STREQUAL want" "- SHA256SUMS is:\n${sums}want:\n${want}")
  message(STATUS "release files OK (static, stripped, with .debug files):${summary}, "
    "${manifest_name}, SHA256SUMS")
  return()
endif()

if(MODE STREQUAL "consumer")
  file(REMOVE_RECURSE "${WORK_DIR}")
  file(MAKE_DIRECTORY "${WORK_DIR}")
  set(prefix "${WORK_DIR}/prefix")
  set(build "${WORK_DIR}/build")
  run(ignored "${CMAKE_COMMAND}" --install "${TFSDK_BUILD_DIR}" --prefix "${prefix}")
  check("EXISTS \"${prefix}/lib/cmake/tfsdk/TfsdkProvider.cmake\" OR
         EXISTS \"${prefix}/lib64/cmake/tfsdk/TfsdkProvider.cmake\"" "- not installed")
  get_filename_component(source "${CMAKE_CURRENT_LIST_DIR}/consumer" ABSOLUTE)
  set(args -S "${source}" -B "${build}" -G "${GENERATOR}" "-DCMAKE_PREFIX_PATH=${prefix}"
    -DCMAKE_FIND_PACKAGE_NO_PACKAGE_REGISTRY=ON -DCMAKE_BUILD_TYPE=Release)
  if(CXX_COMPILER)
    list(APPEND args "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}")
  endif()
  if(SANITIZE)
    list(APPEND args "-DCMAKE_EXE_LINKER_FLAGS=-fsanitize=${SANITIZE}")
  endif()
  run(ignored "${CMAKE_COMMAND}" ${args})
  run(ignored "${CMAKE_COMMAND}" --build "${build}" -j2 --target widget-release widget-mirror
    terraform-provider-widget)

  file(GLOB zips "${build}/widget-release/terraform-provider-widget_1.2.3_*.zip")
  check("zips" "- no zip in ${build}/widget-release")
  check("EXISTS \"${build}/widget-release/terraform-provider-widget_1.2.3_SHA256SUMS\"")
  file(READ "${build}/widget-release/terraform-provider-widget_1.2.3_manifest.json" manifest)
  string(JSON manifest_equal EQUAL "${manifest}"
    [[{"version":1,"metadata":{"protocol_versions":["6.0"]}}]])
  check("manifest_equal" "- manifest is ${manifest}")
  # HOSTNAME given: the mirror holds that host only.
  file(GLOB hosts RELATIVE "${build}/widget-mirror" "${build}/widget-mirror/*")
  check("hosts STREQUAL \"registry.example.com\"" "- mirror hosts: ${hosts}")
  set(version_dir "${build}/widget-mirror/registry.example.com/acme/widget/1.2.3")
  file(GLOB mirrored "${version_dir}/*/terraform-provider-widget_v1.2.3")
  check("mirrored" "- the mirror has no executable")

  set(exe "${build}/terraform-provider-widget")
  run(own_json "${exe}" --schema-json)
  string(JSON key MEMBER "${own_json}" provider_schemas 0)
  check("key STREQUAL \"registry.example.com/acme/widget\"" "- key ${key}")
  string(JSON kind GET "${own_json}" provider_schemas "${key}" data_source_schemas widget_info
    block attributes name type)
  check("kind STREQUAL \"string\"")

  # The installed tfsdk-docs renders the provider's pages; tfsdk_add_provider added the
  # widget-docs target that runs it.
  run(targets "${CMAKE_COMMAND}" --build "${build}" --target help)
  string(FIND "${targets}" "widget-docs" has_docs_target)
  check("NOT has_docs_target EQUAL -1" "- no widget-docs target:\n${targets}")
  file(GLOB docs_tool "${prefix}/bin/tfsdk-docs")
  check("docs_tool" "- tfsdk-docs is not installed in ${prefix}/bin")
  run(ignored "${docs_tool}" --provider "${build}/terraform-provider-widget"
    --provider-dir "${WORK_DIR}/docs-check")
  check("EXISTS \"${WORK_DIR}/docs-check/docs/index.md\" AND
         EXISTS \"${WORK_DIR}/docs-check/docs/data-sources/info.md\""
    "- tfsdk-docs wrote no pages for widget")

  # Releases are static by default: the released executable (in the zip and the mirror)
  # needs no shared library and is stripped; the development one stays dynamic.
  set(released "${build}/widget-release-exe/terraform-provider-widget")
  check_static_release("${released}")
  file(SHA256 "${released}" released_hash)
  file(SHA256 "${mirrored}" mirrored_hash)
  check("released_hash STREQUAL mirrored_hash" "- the mirror holds another executable")
  # The static executable, installed from its mirror by each CLI found ($TFSDK_TERRAFORM,
  # $TFSDK_TOFU, or TOOLS_DIR/terraform|tofu), reads its data source.
  foreach(tool terraform tofu)
    string(TOUPPER "TFSDK_${tool}" tool_var)
    set(tool_path "$ENV{${tool_var}}")
    if(tool_path STREQUAL "" AND TOOLS_DIR)
      set(tool_path "${TOOLS_DIR}/${tool}")
    endif()
    check("EXISTS \"${tool_path}\"" "- ${tool} not found (scripts/install-tools.sh installs "
      "it; or set $${tool_var})")
    set(tf "${WORK_DIR}/tf-${tool}")
    file(MAKE_DIRECTORY "${tf}")
    file(WRITE "${tf}/cli.tfrc" "provider_installation {
  filesystem_mirror {
    path = \"${build}/widget-mirror\"
  }
}
")
    file(WRITE "${tf}/main.tf" "terraform {
  required_providers {
    widget = { source = \"registry.example.com/acme/widget\" }
  }
}
data \"widget_info\" \"this\" {}
output \"name\" {
  value = data.widget_info.this.name
}
")
    set(ENV{TF_CLI_CONFIG_FILE} "${tf}/cli.tfrc")
    set(ENV{CHECKPOINT_DISABLE} 1)
    unset(ENV{TF_PLUGIN_CACHE_DIR})
    unset(ENV{TF_DATA_DIR})
    execute_process(COMMAND "${tool_path}" init -input=false -no-color
      WORKING_DIRECTORY "${tf}" RESULT_VARIABLE rc OUTPUT_VARIABLE o
      ERROR_VARIABLE e)
    check("rc EQUAL 0" "- ${tool} init:\n${o}\n${e}")
    execute_process(COMMAND "${tool_path}" apply -auto-approve -input=false -no-color
      WORKING_DIRECTORY "${tf}" RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e)
    check("rc EQUAL 0" "- ${tool} apply:\n${o}\n${e}")
    execute_process(COMMAND "${tool_path}" output -raw name
      WORKING_DIRECTORY "${tf}" RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e)
    check("rc EQUAL 0 AND o STREQUAL \"widget\"" "- ${tool} output: '${o}' ${e}")
    message(STATUS "consumer: ${tool} ran the static provider")
  endforeach()
  message(STATUS "consumer: tfsdk_add_provider from the installed package OK")
  file(REMOVE_RECURSE "${WORK_DIR}")
  return()
endif()

check("MODE STREQUAL \"mirror\" OR MODE STREQUAL \"schema\"" "- unknown MODE ${MODE}")
string(TOUPPER "TFSDK_${TOOL_NAME}" tool_var)
if(NOT "$ENV{${tool_var}}" STREQUAL "")
  set(TOOL "$ENV{${tool_var}}")
endif()
if(NOT EXISTS "${TOOL}")
  message(FATAL_ERROR "${TOOL} not found: install it with scripts/install-tools.sh, or set "
    "$${tool_var}")
endif()
get_filename_component(tool_name "${TOOL}" NAME)
check("EXISTS \"${MIRROR_DIR}/registry.terraform.io/tfsdk/${name}/${version}\""
  "- build the ${name}-mirror target")

file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
file(WRITE "${WORK_DIR}/cli.tfrc" "provider_installation {
  filesystem_mirror {
    path    = \"${MIRROR_DIR}\"
    include = [\"registry.terraform.io/tfsdk/${name}\", \"registry.opentofu.org/tfsdk/${name}\"]
  }
}
")
set(out_file "${WORK_DIR}/hello.txt")
if(MODE STREQUAL "schema")
  file(WRITE "${WORK_DIR}/main.tf" "terraform {
  required_providers {
    ${name} = {
      source  = \"tfsdk/${name}\"
      version = \"${version}\"
    }
  }
}
")
else()
file(WRITE "${WORK_DIR}/main.tf" "terraform {
  required_providers {
    local = {
      source  = \"tfsdk/local\"
      version = \"${version}\"
    }
  }
}

resource \"local_file\" \"hello\" {
  path    = \"${out_file}\"
  content = \"hello from ${tool_name}\"
}

data \"local_file\" \"back\" {
  path       = local_file.hello.path
  depends_on = [local_file.hello]
}

output \"sha256\" {
  value = data.local_file.back.sha256
}
")
endif()
set(ENV{TF_CLI_CONFIG_FILE} "${WORK_DIR}/cli.tfrc")
set(ENV{TF_IN_AUTOMATION} 1)
set(ENV{CHECKPOINT_DISABLE} 1)
foreach(v TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_REATTACH_PROVIDERS TF_LOG TF_CLI_ARGS
          TF_CLI_ARGS_init TF_CLI_ARGS_apply)
  unset(ENV{${v}})
endforeach()

run(init_out "${TOOL}" init -input=false -no-color)
string(FIND "${init_out}" "tfsdk/${name} v${version}" installed_at)
check("NOT installed_at EQUAL -1" "- init output:\n${init_out}")
file(GLOB_RECURSE installed FOLLOW_SYMLINKS "${WORK_DIR}/.terraform/providers/${exe_name}")
check("installed" "- nothing installed under .terraform/providers")

if(MODE STREQUAL "mirror")
run(apply_out "${TOOL}" apply -auto-approve -input=false -no-color)
check("EXISTS \"${out_file}\"" "- apply output:\n${apply_out}")
file(READ "${out_file}" content)
check("content STREQUAL \"hello from ${tool_name}\"")
string(SHA256 content_hash "${content}")
run(sha_out "${TOOL}" output -raw sha256)
check("sha_out STREQUAL content_hash" "- sha256 output '${sha_out}'")
endif()

# The schema as the CLI reports it against the provider's own --schema-json.
run(cli_json "${TOOL}" providers schema -json)
run(own_json "${EXECUTABLE}" --schema-json)
foreach(doc cli own)
  string(JSON ${doc}_format GET "${${doc}_json}" format_version)
  string(JSON ${doc}_count LENGTH "${${doc}_json}" provider_schemas)
  check("${doc}_count EQUAL 1" "- ${doc}: ${${doc}_json}")
  string(JSON ${doc}_key MEMBER "${${doc}_json}" provider_schemas 0)
  string(JSON ${doc}_schema GET "${${doc}_json}" provider_schemas "${${doc}_key}")
endforeach()
# OpenTofu prints function signatures its own way (1.12.6): "description" and "summary" of a
# function and "description" of a parameter are always there, even empty, and
# "deprecation_message" never is. Terraform leaves empty ones out and prints the message;
# --schema-json follows Terraform, so for tofu both sides drop exactly those differences.
function(_normalize_tofu_functions var)
  set(doc "${${var}}")
  string(JSON n ERROR_VARIABLE missing LENGTH "${doc}" functions)
  if(missing OR n EQUAL 0)
    return()
  endif()
  math(EXPR last "${n} - 1")
  foreach(i RANGE ${last})
    string(JSON fname MEMBER "${doc}" functions ${i})
    string(JSON doc ERROR_VARIABLE ignored REMOVE "${doc}" functions "${fname}"
      deprecation_message)
    foreach(key description summary)
      string(JSON v ERROR_VARIABLE missing GET "${doc}" functions "${fname}" ${key})
      if(NOT missing AND v STREQUAL "")
        string(JSON doc REMOVE "${doc}" functions "${fname}" ${key})
      endif()
    endforeach()
    set(params "")
    string(JSON np ERROR_VARIABLE missing LENGTH "${doc}" functions "${fname}" parameters)
    if(NOT missing AND np GREATER 0)
      math(EXPR plast "${np} - 1")
      foreach(j RANGE ${plast})
        list(APPEND params "parameters|${j}")
      endforeach()
    endif()
    string(JSON ignored ERROR_VARIABLE missing GET "${doc}" functions "${fname}"
      variadic_parameter)
    if(NOT missing)
      list(APPEND params "variadic_parameter")
    endif()
    foreach(param IN LISTS params)
      string(REPLACE "|" ";" param_path "${param}")
      string(JSON v ERROR_VARIABLE missing GET "${doc}" functions "${fname}" ${param_path}
        description)
      if(NOT missing AND v STREQUAL "")
        string(JSON doc REMOVE "${doc}" functions "${fname}" ${param_path} description)
      endif()
    endforeach()
  endforeach()
  set(${var} "${doc}" PARENT_SCOPE)
endfunction()
if(tool_name MATCHES "tofu")
  _normalize_tofu_functions(cli_schema)
  _normalize_tofu_functions(own_schema)
endif()

# Terraform's current source prints "list_resource_schemas" and "resource_identity_schemas"
# (internal/command/jsonprovider), and --schema-json does; Terraform 1.15.5 and OpenTofu
# 1.12.6 do not print them yet. Where the CLI's document lacks one, ours must have it (the
# probe has a list resource and an identity) and it is left out of the comparison; its
# content is checked by src/serve/schema_json_test.cc.
foreach(key list_resource_schemas resource_identity_schemas)
  string(JSON ignored ERROR_VARIABLE cli_missing GET "${cli_schema}" ${key})
  string(JSON ignored ERROR_VARIABLE own_missing GET "${own_schema}" ${key})
  if(cli_missing AND NOT own_missing)
    string(JSON own_schema REMOVE "${own_schema}" ${key})
  elseif(cli_missing AND own_missing AND name STREQUAL "schemaprobe")
    message(FATAL_ERROR "--schema-json of the probe has no ${key}")
  endif()
endforeach()

check("cli_format STREQUAL own_format")
check("cli_key STREQUAL \"registry.terraform.io/tfsdk/${name}\" OR
       cli_key STREQUAL \"registry.opentofu.org/tfsdk/${name}\"" "- key ${cli_key}")
check("own_key STREQUAL \"registry.terraform.io/tfsdk/${name}\"")
string(JSON same EQUAL "${cli_schema}" "${own_schema}")
if(NOT same)
  file(WRITE "${WORK_DIR}/cli_schema.json" "${cli_schema}")
  file(WRITE "${WORK_DIR}/own_schema.json" "${own_schema}")
  message(FATAL_ERROR "${tool_name} providers schema -json differs from --schema-json: "
    "see ${WORK_DIR}/cli_schema.json and own_schema.json")
endif()

if(MODE STREQUAL "mirror")
run(destroy_out "${TOOL}" destroy -auto-approve -input=false -no-color)
check("NOT EXISTS \"${out_file}\"" "- destroy output:\n${destroy_out}")
endif()
message(STATUS "${tool_name} ${MODE} ${name}: OK")
file(REMOVE_RECURSE "${WORK_DIR}")
