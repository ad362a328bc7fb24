# Writes a private provider registry from tfsdk_add_provider releases, as static files that
# any HTTPS file server can serve (the provider registry protocol, version 1):
#
#   cmake -DRELEASE_DIR=build/NAME-release -DSITE_DIR=site -DNAMESPACE=acme
#         [-DPUBLIC_KEY=key.asc] -P TfsdkRegistry.cmake
#
#   RELEASE_DIR  a NAME-release directory: terraform-provider-NAME_VERSION_OS_ARCH.zip,
#                _manifest.json, _SHA256SUMS and (with PUBLIC_KEY) _SHA256SUMS.sig
#   SITE_DIR     the site root; written (or added to: publish several versions into one site)
#   NAMESPACE    the provider's namespace in its source address HOST/NAMESPACE/NAME
#   PUBLIC_KEY   the ASCII-armored public half of the key that signed the SUMS
#                (gpg --armor --export KEY); its key id is read with gpg (TFSDK_GPG, or gpg)
#
# It writes, for `source = "HOST/NAMESPACE/NAME"` served from https://HOST/:
#   .well-known/terraform.json                     service discovery: {"providers.v1": ...}
#   v1/providers/NAMESPACE/NAME/versions           every published version, its protocols
#                                                  and platforms (merged with what is there)
#   v1/providers/NAMESPACE/NAME/VERSION/download/OS/ARCH
#                                                  one platform: the zip's file name, URL and
#                                                  SHA-256, the SUMS and signature URLs and
#                                                  the signing key
#   v1/providers/NAMESPACE/NAME/VERSION/<the release files>
# The download documents name their files relative to themselves, so the site can live under
# any host name. Serve `versions` and `download/OS/ARCH` as application/json (the CLIs
# parse them whatever the type; some servers need the type for files without extension).
#
# The public registries take the same release files: registry.terraform.io reads them from a
# GitHub release of the provider's repository, OpenTofu's registry from the same release
# listed in its opentofu/registry repository (README, "Releasing a provider").
cmake_minimum_required(VERSION 3.20)

foreach(var RELEASE_DIR SITE_DIR NAMESPACE)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "TfsdkRegistry.cmake: -D${var}=... is required (see the header)")
  endif()
endforeach()
if(NOT NAMESPACE MATCHES "^[a-zA-Z0-9][a-zA-Z0-9_-]*$")
  message(FATAL_ERROR "TfsdkRegistry.cmake: NAMESPACE '${NAMESPACE}' is not a registry namespace")
endif()
get_filename_component(RELEASE_DIR "${RELEASE_DIR}" ABSOLUTE)
get_filename_component(SITE_DIR "${SITE_DIR}" ABSOLUTE)

file(GLOB sums_files "${RELEASE_DIR}/terraform-provider-*_SHA256SUMS")
list(LENGTH sums_files n)
if(NOT n EQUAL 1)
  message(FATAL_ERROR "TfsdkRegistry.cmake: want exactly one terraform-provider-NAME_VERSION_"
    "SHA256SUMS in ${RELEASE_DIR}, found ${n} (build the NAME-release target)")
endif()
get_filename_component(sums_name "${sums_files}" NAME)
if(NOT sums_name MATCHES "^terraform-provider-([a-z0-9-]+)_([0-9]+\\.[0-9]+\\.[0-9]+[-0-9A-Za-z.]*)_SHA256SUMS$")
  message(FATAL_ERROR "TfsdkRegistry.cmake: cannot read NAME and VERSION from ${sums_name}")
endif()
set(name "${CMAKE_MATCH_1}")
set(version "${CMAKE_MATCH_2}")
set(base "terraform-provider-${name}_${version}")

# Protocols from the manifest ("6.0" -> "6.0"; the registry lists MAJOR.MINOR).
set(manifest "${RELEASE_DIR}/${base}_manifest.json")
if(NOT EXISTS "${manifest}")
  message(FATAL_ERROR "TfsdkRegistry.cmake: no ${base}_manifest.json in ${RELEASE_DIR}")
endif()
file(READ "${manifest}" manifest_json)
string(JSON protocols_json GET "${manifest_json}" metadata protocol_versions)

# The SUMS list the zips; every zip in it must be there, with that hash.
file(STRINGS "${sums_files}" sums_lines)
set(platforms "")
set(zip_hashes "")
foreach(line IN LISTS sums_lines)
  if(NOT line MATCHES "^([0-9a-f]+)  (.+)$")
    message(FATAL_ERROR "TfsdkRegistry.cmake: ${sums_name}: unreadable line '${line}'")
  endif()
  set(hash "${CMAKE_MATCH_1}")
  set(file_name "${CMAKE_MATCH_2}")
  if(NOT EXISTS "${RELEASE_DIR}/${file_name}")
    message(FATAL_ERROR "TfsdkRegistry.cmake: ${sums_name} lists ${file_name}, which is not in ${RELEASE_DIR}")
  endif()
  file(SHA256 "${RELEASE_DIR}/${file_name}" actual)
  if(NOT actual STREQUAL hash)
    message(FATAL_ERROR "TfsdkRegistry.cmake: ${file_name} does not match ${sums_name}")
  endif()
  if(file_name MATCHES "^${base}_([a-z0-9]+)_([a-z0-9]+)\\.zip$")
    list(APPEND platforms "${CMAKE_MATCH_1}_${CMAKE_MATCH_2}")
    set(hash_${CMAKE_MATCH_1}_${CMAKE_MATCH_2} "${hash}")
  endif()
endforeach()
if(NOT platforms)
  message(FATAL_ERROR "TfsdkRegistry.cmake: ${sums_name} lists no ${base}_OS_ARCH.zip")
endif()

set(signature "${RELEASE_DIR}/${base}_SHA256SUMS.sig")
set(keys_json "[]")
if(PUBLIC_KEY)
  if(NOT EXISTS "${signature}")
    message(FATAL_ERROR "TfsdkRegistry.cmake: PUBLIC_KEY is given but ${RELEASE_DIR} has no "
      "${base}_SHA256SUMS.sig: build the release with SIGNING_KEY (or $TFSDK_SIGNING_KEY)")
  endif()
  file(READ "${PUBLIC_KEY}" armor)
  if(NOT armor MATCHES "-----BEGIN PGP PUBLIC KEY BLOCK-----")
    message(FATAL_ERROR "TfsdkRegistry.cmake: ${PUBLIC_KEY} is not an ASCII-armored public "
      "key (gpg --armor --export KEY)")
  endif()
  if(NOT TFSDK_GPG)
    set(TFSDK_GPG gpg)
  endif()
  find_program(gpg_path NAMES "${TFSDK_GPG}")
  if(NOT gpg_path)
    message(FATAL_ERROR "TfsdkRegistry.cmake: gpg is needed to read the key id of ${PUBLIC_KEY}")
  endif()
  execute_process(COMMAND "${gpg_path}" --batch --with-colons --show-keys "${PUBLIC_KEY}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE colons ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT colons MATCHES "(^|\n)pub:[^:]*:[^:]*:[^:]*:([0-9A-F]+):")
    message(FATAL_ERROR "TfsdkRegistry.cmake: gpg cannot read ${PUBLIC_KEY}: ${err}")
  endif()
  set(key_id "${CMAKE_MATCH_2}")
  # The signature must be this key's, or every `init` would fail later: checked in a
  # throwaway GnuPG home holding only this key.
  set(gpg_home "${SITE_DIR}/.tfsdk-registry-gnupg")
  file(REMOVE_RECURSE "${gpg_home}")
  file(MAKE_DIRECTORY "${gpg_home}")
  file(CHMOD "${gpg_home}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
  execute_process(COMMAND "${gpg_path}" --homedir "${gpg_home}" --batch --import "${PUBLIC_KEY}"
    RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(rc EQUAL 0)
    execute_process(COMMAND "${gpg_path}" --homedir "${gpg_home}" --batch
        --verify "${signature}" "${sums_files}"
      RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  endif()
  find_program(gpgconf_path gpgconf)
  if(gpgconf_path)
    execute_process(COMMAND "${gpgconf_path}" --homedir "${gpg_home}" --kill all
      OUTPUT_QUIET ERROR_QUIET)
  endif()
  file(REMOVE_RECURSE "${gpg_home}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "TfsdkRegistry.cmake: ${base}_SHA256SUMS.sig is not a good "
      "signature by ${PUBLIC_KEY} (key ${key_id}):\n${err}")
  endif()
  string(JSON keys_json SET "[]" 0 "{}")
  string(JSON keys_json SET "${keys_json}" 0 key_id "\"${key_id}\"")
  string(REPLACE "\\" "\\\\" armor_escaped "${armor}")
  string(REPLACE "\"" "\\\"" armor_escaped "${armor_escaped}")
  string(REPLACE "\n" "\\n" armor_escaped "${armor_escaped}")
  string(REPLACE "\r" "" armor_escaped "${armor_escaped}")
  string(JSON keys_json SET "${keys_json}" 0 ascii_armor "\"${armor_escaped}\"")
endif()

set(provider_dir "${SITE_DIR}/v1/providers/${NAMESPACE}/${name}")
set(version_dir "${provider_dir}/${version}")
file(MAKE_DIRECTORY "${version_dir}")
file(GLOB release_files "${RELEASE_DIR}/${base}_*.zip" "${RELEASE_DIR}/${base}_SHA256SUMS"
  "${RELEASE_DIR}/${base}_SHA256SUMS.sig" "${manifest}")
file(COPY ${release_files} DESTINATION "${version_dir}")

file(MAKE_DIRECTORY "${SITE_DIR}/.well-known")
file(WRITE "${SITE_DIR}/.well-known/terraform.json" "{\"providers.v1\":\"/v1/providers/\"}\n")

# One download document per platform; its URLs are relative to its own location
# (v1/providers/NS/NAME/VERSION/download/OS/ARCH -> ../../<file>).
set(platforms_json "[]")
set(i 0)
foreach(platform IN LISTS platforms)
  string(REPLACE "_" ";" parts "${platform}")
  list(GET parts 0 os)
  list(GET parts 1 arch)
  set(zip "${base}_${platform}.zip")
  set(doc "{}")
  string(JSON doc SET "${doc}" protocols "${protocols_json}")
  string(JSON doc SET "${doc}" os "\"${os}\"")
  string(JSON doc SET "${doc}" arch "\"${arch}\"")
  string(JSON doc SET "${doc}" filename "\"${zip}\"")
  string(JSON doc SET "${doc}" download_url "\"../../${zip}\"")
  string(JSON doc SET "${doc}" shasum "\"${hash_${platform}}\"")
  string(JSON doc SET "${doc}" shasums_url "\"../../${base}_SHA256SUMS\"")
  if(PUBLIC_KEY)
    string(JSON doc SET "${doc}" shasums_signature_url "\"../../${base}_SHA256SUMS.sig\"")
  else()
    string(JSON doc SET "${doc}" shasums_signature_url "\"\"")
  endif()
  string(JSON doc SET "${doc}" signing_keys "{}")
  string(JSON doc SET "${doc}" signing_keys gpg_public_keys "${keys_json}")
  file(WRITE "${version_dir}/download/${os}/${arch}" "${doc}\n")
  string(JSON platforms_json SET "${platforms_json}" ${i} "{\"os\":\"${os}\",\"arch\":\"${arch}\"}")
  math(EXPR i "${i} + 1")
endforeach()

# The versions document: this version replaces an earlier entry of the same version.
set(versions_file "${provider_dir}/versions")
set(versions_doc "{\"versions\":[]}")
if(EXISTS "${versions_file}")
  file(READ "${versions_file}" versions_doc)
endif()
string(JSON count LENGTH "${versions_doc}" versions)
set(kept "[]")
set(k 0)
if(count GREATER 0)
  math(EXPR last "${count} - 1")
  foreach(j RANGE ${last})
    string(JSON entry GET "${versions_doc}" versions ${j})
    string(JSON v GET "${entry}" version)
    if(NOT v STREQUAL version)
      string(JSON kept SET "${kept}" ${k} "${entry}")
      math(EXPR k "${k} + 1")
    endif()
  endforeach()
endif()
set(entry "{}")
string(JSON entry SET "${entry}" version "\"${version}\"")
string(JSON entry SET "${entry}" protocols "${protocols_json}")
string(JSON entry SET "${entry}" platforms "${platforms_json}")
string(JSON kept SET "${kept}" ${k} "${entry}")
file(WRITE "${versions_file}" "{\"versions\":${kept}}\n")

list(JOIN platforms ", " platform_list)
if(PUBLIC_KEY)
  set(signed ", signed by ${key_id}")
endif()
message(STATUS "registry: ${NAMESPACE}/${name} ${version} (${platform_list})${signed} in "
  "${SITE_DIR}")
