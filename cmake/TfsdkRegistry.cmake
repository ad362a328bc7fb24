# TfsdkRegistry.cmake: publish a tfsdk_add_provider release on a provider registry of your
# own, as static files that any HTTPS file server can serve (nginx, Apache, S3 + CloudFront,
# GitHub/GitLab Pages, ...). Users then write
#   required_providers { acme = { source = "registry.example.com/acme/acme" } }
# and `terraform init` / `tofu init` find, download and verify the release from there.
#
#   cmake -DRELEASE_DIR=build/acme-release -DOUT_DIR=site -DNAMESPACE=acme
#         [-DPUBLIC_KEY=signing-key.asc]  # the signing key's public half (gpg --armor --export)
#         [-DKEY_ID=<gpg key>]            # default: $TFSDK_SIGNING_KEY, else the .sig's issuer
#         [-DVERSION=1.2.3]               # when RELEASE_DIR holds several releases
#         [-DBASE_URL=https://registry.example.com/tf]  # where OUT_DIR is served (below)
#         [-DGPG=gpg]                     # gpgv is taken from beside it
#         -P <tfsdk prefix>/lib/cmake/tfsdk/TfsdkRegistry.cmake   (or cmake/ in tfsdk's tree)
#
# RELEASE_DIR is what NAME-release writes (cmake/TfsdkProvider.cmake): the provider's name,
# version and platforms come from the file names, its plugin protocols from the manifest:
#   terraform-provider-NAME_VERSION_SHA256SUMS       zips + manifest (every file is checked)
#   terraform-provider-NAME_VERSION_SHA256SUMS.sig   gpg's detached binary signature of it
#   terraform-provider-NAME_VERSION_OS_ARCH.zip      one per platform
#   terraform-provider-NAME_VERSION_manifest.json    {"metadata":{"protocol_versions":[...]}}
# Both CLIs refuse a package from a registry that is not signed by a key the registry names,
# so the .sig is required, and so is the public key: PUBLIC_KEY, or else KEY_ID (or the key
# that made the signature) exported from gpg's keyring (GNUPGHOME). The signature is checked
# against that key (gpgv, with a keyring holding only it) before anything is written.
#
# OUT_DIR receives the provider registry protocol's documents (see "Provider Registry
# Protocol" in Terraform's documentation) and the release files:
#   .well-known/terraform.json                  service discovery: {"providers.v1":...};
#                                               other services already in it are kept
#   v1/providers/NS/NAME/versions               every version published so far, with its
#                                               protocols and platforms; publishing another
#                                               version adds to it (the same one replaces it)
#   v1/providers/NS/NAME/VERSION/download/OS/ARCH  one per platform: the zip's name, URL and
#                                               SHA-256, the SHA256SUMS and .sig URLs, the
#                                               public key
#   v1/providers/NS/NAME/VERSION/<the zips, SHA256SUMS, .sig, manifest>
# Without BASE_URL the URLs are relative (the CLIs resolve them against the document's
# own URL), so OUT_DIR works at the root of any host: upload it as it is, keeping the
# directory layout, to the host named in the source addresses. With BASE_URL (the URL that
# serves OUT_DIR, e.g. below a path) the URLs are absolute; .well-known/terraform.json must
# still be served at https://HOST/.well-known/terraform.json. The discovery document must be
# served as application/json (both CLIs check; servers derive it from the .json name); the
# other documents have no extension and are read whatever their content type. The server
# must speak HTTPS with a certificate the users' machines trust.
#
# The public registries take the same files, not these documents: registry.terraform.io
# reads the zips, SHA256SUMS, .sig and manifest from the assets of a GitHub release (tag
# vVERSION) of the repository terraform-provider-NAME, with the public key added to the
# namespace in its settings; OpenTofu's registry reads the same GitHub release once the
# provider and its key are added to the opentofu/registry repository.
#
# Only CMake, gpg and gpgv are used.

cmake_minimum_required(VERSION 3.20)

function(_tfsdk_registry_fail)
  string(JOIN "" text ${ARGN})
  message(FATAL_ERROR "TfsdkRegistry: ${text}")
endfunction()

# `text` as a JSON string literal (quotes included).
function(_tfsdk_registry_json_string out text)
  string(REPLACE "\\" "\\\\" text "${text}")
  string(REPLACE "\"" "\\\"" text "${text}")
  string(REPLACE "\r" "" text "${text}")
  string(REPLACE "\n" "\\n" text "${text}")
  string(REPLACE "\t" "\\t" text "${text}")
  set(${out} "\"${text}\"" PARENT_SCOPE)
endfunction()

# A list of strings as a JSON array.
function(_tfsdk_registry_json_array out)
  set(items "")
  foreach(item IN LISTS ARGN)
    _tfsdk_registry_json_string(quoted "${item}")
    list(APPEND items "${quoted}")
  endforeach()
  list(JOIN items "," joined)
  set(${out} "[${joined}]" PARENT_SCOPE)
endfunction()

# Writes a JSON document after checking that it parses.
function(_tfsdk_registry_write file json)
  string(JSON ignored ERROR_VARIABLE err TYPE "${json}")
  if(err)
    _tfsdk_registry_fail("internal error, invalid JSON for ${file}: ${err}\n${json}")
  endif()
  file(WRITE "${file}" "${json}\n")
endfunction()

# Reads a JSON document written earlier (or by someone else) into `out`; "" if absent.
function(_tfsdk_registry_read file out)
  set(${out} "" PARENT_SCOPE)
  if(NOT EXISTS "${file}")
    return()
  endif()
  file(READ "${file}" json)
  string(JSON type ERROR_VARIABLE err TYPE "${json}")
  if(err OR NOT type STREQUAL "OBJECT")
    _tfsdk_registry_fail("${file} exists but is not a JSON object (${err}): remove it, or "
      "point OUT_DIR at the registry site it belongs to")
  endif()
  set(${out} "${json}" PARENT_SCOPE)
endfunction()

# Runs gpg (GPG_PATH) with the arguments after `out`; fails with `what` in the message.
function(_tfsdk_registry_gpg out what)
  execute_process(COMMAND "${GPG_PATH}" --batch --no-tty ${ARGN}
    RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
  if(NOT rc EQUAL 0)
    if(verify_home)
      file(REMOVE_RECURSE "${verify_home}")
    endif()
    _tfsdk_registry_fail("${what} (gpg exit ${rc}):\n${stderr}")
  endif()
  set(${out} "${stdout}" PARENT_SCOPE)
endfunction()

if(NOT CMAKE_SCRIPT_MODE_FILE)
  message(FATAL_ERROR "TfsdkRegistry.cmake is a script: cmake -DRELEASE_DIR=... -DOUT_DIR=... "
    "-DNAMESPACE=... -P TfsdkRegistry.cmake (see its header)")
endif()

# --- inputs ---------------------------------------------------------------------------------

foreach(var RELEASE_DIR OUT_DIR NAMESPACE)
  if("${${var}}" STREQUAL "")
    _tfsdk_registry_fail("${var} is required: cmake -DRELEASE_DIR=<NAME-release dir> "
      "-DOUT_DIR=<site root> -DNAMESPACE=<registry namespace> -P TfsdkRegistry.cmake")
  endif()
endforeach()
get_filename_component(RELEASE_DIR "${RELEASE_DIR}" ABSOLUTE)
get_filename_component(OUT_DIR "${OUT_DIR}" ABSOLUTE)
if(NOT IS_DIRECTORY "${RELEASE_DIR}")
  _tfsdk_registry_fail("RELEASE_DIR ${RELEASE_DIR} is not a directory: build the NAME-release "
    "target first (it writes <binary dir>/NAME-release/)")
endif()
if(NOT NAMESPACE MATCHES "^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$")
  _tfsdk_registry_fail("NAMESPACE '${NAMESPACE}' must be letters, digits and dashes (not "
    "first or last), as in source = \"HOST/NAMESPACE/NAME\"")
endif()
string(TOLOWER "${NAMESPACE}" NAMESPACE)  # registry addresses compare case-insensitively
if(BASE_URL)
  if(NOT BASE_URL MATCHES "^https?://[^/]+")
    _tfsdk_registry_fail("BASE_URL '${BASE_URL}' must be an http(s):// URL (the URL that "
      "serves OUT_DIR)")
  endif()
  string(REGEX REPLACE "/+$" "" BASE_URL "${BASE_URL}")
endif()
if(NOT GPG)
  set(GPG gpg)
endif()
if("${KEY_ID}" STREQUAL "")
  set(KEY_ID "$ENV{TFSDK_SIGNING_KEY}")
endif()

# The release: its SHA256SUMS names the provider and version.
set(sums_re "^terraform-provider-([a-z0-9][a-z0-9-]*)_([0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?)_SHA256SUMS$")
file(GLOB all_sums RELATIVE "${RELEASE_DIR}" "${RELEASE_DIR}/terraform-provider-*_SHA256SUMS")
set(candidates "")
foreach(fname IN LISTS all_sums)
  if(fname MATCHES "${sums_re}" AND (NOT VERSION OR CMAKE_MATCH_2 STREQUAL VERSION))
    list(APPEND candidates "${fname}")
  endif()
endforeach()
list(LENGTH candidates count)
if(count EQUAL 0)
  if(VERSION)
    set(which "terraform-provider-NAME_${VERSION}_SHA256SUMS")
  else()
    set(which "terraform-provider-NAME_VERSION_SHA256SUMS")
  endif()
  _tfsdk_registry_fail("no ${which} in ${RELEASE_DIR}: build the NAME-release target "
    "(it writes the zips, the manifest and the SHA256SUMS) before publishing")
elseif(count GREATER 1)
  list(JOIN candidates ", " listed)
  _tfsdk_registry_fail("${RELEASE_DIR} holds several releases (${listed}): choose one with "
    "-DVERSION=...")
endif()
set(sums_name "${candidates}")
string(REGEX MATCH "${sums_re}" ignored "${sums_name}")
set(name "${CMAKE_MATCH_1}")
set(version "${CMAKE_MATCH_2}")
set(base "terraform-provider-${name}_${version}")
set(sums "${RELEASE_DIR}/${sums_name}")
set(sig "${sums}.sig")

# Every file the SHA256SUMS lists must be there, with that hash: a zip rebuilt after the
# release was signed would be refused by every user's CLI.
file(STRINGS "${sums}" lines)
set(platforms "")
set(release_files "")
set(manifest "")
foreach(line IN LISTS lines)
  if(line STREQUAL "")
    continue()
  endif()
  if(NOT line MATCHES "^([0-9a-f]+) [ *](.+)$")
    _tfsdk_registry_fail("${sums} has a line that is not \"SHA256  FILE\": '${line}'")
  endif()
  set(hash "${CMAKE_MATCH_1}")
  set(fname "${CMAKE_MATCH_2}")
  string(LENGTH "${hash}" hash_length)
  if(NOT hash_length EQUAL 64)
    _tfsdk_registry_fail("${sums} has a line that is not \"SHA256  FILE\": '${line}'")
  endif()
  if(NOT EXISTS "${RELEASE_DIR}/${fname}")
    _tfsdk_registry_fail("${sums} lists ${fname}, which is not in ${RELEASE_DIR}")
  endif()
  file(SHA256 "${RELEASE_DIR}/${fname}" actual)
  if(NOT actual STREQUAL hash)
    _tfsdk_registry_fail("${RELEASE_DIR}/${fname} has SHA-256 ${actual}, but ${sums_name} "
      "says ${hash}: the release directory changed after it was packaged; run the "
      "NAME-release target again")
  endif()
  list(APPEND release_files "${fname}")
  if(fname MATCHES "^${base}_([a-z0-9]+)_([a-z0-9]+)\\.zip$")
    set(platform "${CMAKE_MATCH_1}_${CMAKE_MATCH_2}")
    list(APPEND platforms "${platform}")
    set(hash_${platform} "${hash}")
  elseif(fname STREQUAL "${base}_manifest.json")
    set(manifest "${RELEASE_DIR}/${fname}")
  endif()
endforeach()
if(NOT platforms)
  _tfsdk_registry_fail("${sums} lists no ${base}_OS_ARCH.zip")
endif()
file(GLOB zips RELATIVE "${RELEASE_DIR}" "${RELEASE_DIR}/${base}_*.zip")
foreach(fname IN LISTS zips)
  if(NOT fname IN_LIST release_files)
    message(WARNING "TfsdkRegistry: ${RELEASE_DIR}/${fname} is not in ${sums_name}; it is "
      "not published")
  endif()
endforeach()

# Protocols: from the manifest, as the public registries read them; without a manifest
# they assume protocol 5.
set(protocols "")
if(manifest)
  file(READ "${manifest}" manifest_json)
  string(JSON n ERROR_VARIABLE err LENGTH "${manifest_json}" metadata protocol_versions)
  if(err)
    _tfsdk_registry_fail("${manifest} has no metadata.protocol_versions array (${err})")
  endif()
  if(n GREATER 0)
    math(EXPR last "${n} - 1")
    foreach(i RANGE ${last})
      string(JSON p GET "${manifest_json}" metadata protocol_versions ${i})
      if(NOT p MATCHES "^[0-9]+\\.[0-9]+$")
        _tfsdk_registry_fail("${manifest}: protocol version '${p}' is not MAJOR.MINOR")
      endif()
      list(APPEND protocols "${p}")
    endforeach()
  endif()
  if(NOT protocols)
    _tfsdk_registry_fail("${manifest} names no protocol versions")
  endif()
else()
  message(WARNING "TfsdkRegistry: ${sums_name} lists no ${base}_manifest.json: publishing "
    "with protocol 5.0, as the public registries assume")
  set(protocols 5.0)
endif()

# --- signature and key ----------------------------------------------------------------------

if(NOT EXISTS "${sig}")
  if(KEY_ID OR PUBLIC_KEY)
    set(given "a key is given (${KEY_ID}${PUBLIC_KEY}) but ")
  else()
    set(given "")
  endif()
  _tfsdk_registry_fail("${given}${RELEASE_DIR} has no ${sums_name}.sig: the release is not "
    "signed, and terraform and tofu refuse unsigned packages from a registry. Sign it: "
    "tfsdk_add_provider(... SIGNING_KEY <key>) or TFSDK_SIGNING_KEY=<key> when NAME-release "
    "runs, then publish again")
endif()
find_program(GPG_PATH NAMES "${GPG}")
if(NOT GPG_PATH)
  _tfsdk_registry_fail("'${GPG}' is not found: gpg checks the signature against the public "
    "key (install gnupg, or pass -DGPG=...)")
endif()
# gpgv (Debian's gpgv package, which apt itself needs) sits beside gpg.
get_filename_component(gpg_dir "${GPG_PATH}" DIRECTORY)
find_program(GPGV_PATH NAMES gpgv HINTS "${gpg_dir}")
if(NOT GPGV_PATH)
  _tfsdk_registry_fail("gpgv is not found beside ${GPG_PATH}: it checks the signature "
    "against the public key (install gpgv)")
endif()

if(PUBLIC_KEY)
  get_filename_component(PUBLIC_KEY "${PUBLIC_KEY}" ABSOLUTE)
  if(NOT EXISTS "${PUBLIC_KEY}")
    _tfsdk_registry_fail("PUBLIC_KEY ${PUBLIC_KEY} does not exist")
  endif()
  file(READ "${PUBLIC_KEY}" armor)
  if(armor MATCHES "-----BEGIN PGP PRIVATE KEY BLOCK-----")
    _tfsdk_registry_fail("PUBLIC_KEY ${PUBLIC_KEY} holds a SECRET key; it must never be "
      "published. Export the public half: gpg --armor --export <key> > key.asc")
  endif()
  if(NOT armor MATCHES "-----BEGIN PGP PUBLIC KEY BLOCK-----")
    _tfsdk_registry_fail("PUBLIC_KEY ${PUBLIC_KEY} is not an ASCII-armored public key "
      "(-----BEGIN PGP PUBLIC KEY BLOCK-----): gpg --armor --export <key> > key.asc")
  endif()
else()
  # The key from gpg's keyring: KEY_ID, or the one that made the signature.
  set(export_id "${KEY_ID}")
  if(NOT export_id)
    _tfsdk_registry_gpg(packets "cannot read ${sig} as an OpenPGP signature"
      --list-packets "${sig}")
    if(NOT packets MATCHES "keyid ([0-9A-Fa-f]+)")
      _tfsdk_registry_fail("${sig} names no issuer key: pass -DPUBLIC_KEY=<public key file>")
    endif()
    set(export_id "${CMAKE_MATCH_1}")
  endif()
  _tfsdk_registry_gpg(armor "cannot export the public key '${export_id}' from gpg's keyring"
    --armor --export "${export_id}")
  if(NOT armor MATCHES "-----BEGIN PGP PUBLIC KEY BLOCK-----")
    _tfsdk_registry_fail("gpg's keyring (GNUPGHOME) has no public key '${export_id}': the "
      "registry must hand its public half to the CLIs. Import it, or pass "
      "-DPUBLIC_KEY=<file from gpg --armor --export ${export_id}>")
  endif()
endif()

# Check the signature with exactly that key: gpgv against a keyring file holding only it.
# Neither `gpg --show-keys`, `gpg --dearmor` nor gpgv talks to gpg-agent, whose socket path
# would otherwise have to fit in 108 bytes below OUT_DIR (an import into a throwaway home
# fails with "can't connect to the agent: File name too long" in a deep build tree).
string(RANDOM LENGTH 10 suffix)
set(verify_home "${OUT_DIR}/.tfsdk-registry-gpg-${suffix}")
file(REMOVE_RECURSE "${verify_home}")
file(MAKE_DIRECTORY "${verify_home}")
file(CHMOD "${verify_home}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
file(WRITE "${verify_home}/key.asc" "${armor}")
set(gpg_home --homedir "${verify_home}" --no-autostart)
_tfsdk_registry_gpg(listed "the public key is not a valid OpenPGP key"
  ${gpg_home} --with-colons --show-keys "${verify_home}/key.asc")
if(NOT listed MATCHES "(^|\n)pub:")
  file(REMOVE_RECURSE "${verify_home}")
  _tfsdk_registry_fail("the public key given (${PUBLIC_KEY}${KEY_ID}) holds no OpenPGP "
    "public key")
endif()
_tfsdk_registry_gpg(ignored "cannot convert the public key to a keyring"
  ${gpg_home} --dearmor --output "${verify_home}/key.gpg" "${verify_home}/key.asc")
execute_process(COMMAND "${GPGV_PATH}" --homedir "${verify_home}"
    --keyring "${verify_home}/key.gpg" --status-fd 1 "${sig}" "${sums}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE status ERROR_VARIABLE err)
file(REMOVE_RECURSE "${verify_home}")
if(NOT rc EQUAL 0 OR NOT status MATCHES "\\[GNUPG:\\] VALIDSIG ([0-9A-F]+) [^\n]* ([0-9A-F]+)\n")
  _tfsdk_registry_fail("${sig} is not a valid signature of ${sums_name} by the public key "
    "given (${PUBLIC_KEY}${KEY_ID}): the CLIs would refuse the release. Publish the key the "
    "release was signed with, or sign it again (gpg exit ${rc}):\n${err}")
endif()
set(signing_fpr "${CMAKE_MATCH_1}")
set(primary_fpr "${CMAKE_MATCH_2}")
# The key ID the CLIs report: the primary key's long ID.
string(LENGTH "${primary_fpr}" fpr_length)
math(EXPR from "${fpr_length} - 16")
string(SUBSTRING "${primary_fpr}" ${from} 16 key_id)
if(KEY_ID MATCHES "^(0[xX])?([0-9A-Fa-f]+)$")
  string(TOUPPER "${CMAKE_MATCH_2}" wanted)
  string(LENGTH "${wanted}" wanted_length)
  string(FIND "${primary_fpr}" "${wanted}" in_primary REVERSE)
  string(FIND "${signing_fpr}" "${wanted}" in_signing REVERSE)
  math(EXPR primary_at "${fpr_length} - ${wanted_length}")
  string(LENGTH "${signing_fpr}" signing_length)
  math(EXPR signing_at "${signing_length} - ${wanted_length}")
  if(NOT in_primary EQUAL primary_at AND NOT in_signing EQUAL signing_at)
    _tfsdk_registry_fail("KEY_ID ${KEY_ID} is not the key that signed ${sums_name} "
      "(${primary_fpr}): pass the release's signing key")
  endif()
endif()

# --- the documents --------------------------------------------------------------------------

set(provider_dir "${OUT_DIR}/v1/providers/${NAMESPACE}/${name}")
set(version_dir "${provider_dir}/${version}")
if(BASE_URL)
  set(providers_v1 "${BASE_URL}/v1/providers/")
  set(file_url "${BASE_URL}/v1/providers/${NAMESPACE}/${name}/${version}/")
else()
  set(providers_v1 "/v1/providers/")
  # Relative to .../VERSION/download/OS/ARCH, the document that names them.
  set(file_url "../../")
endif()

# Republishing a version replaces it whole (a platform no longer released must go).
file(REMOVE_RECURSE "${version_dir}")
file(MAKE_DIRECTORY "${version_dir}")
foreach(fname IN LISTS release_files ITEMS "${sums_name}" "${sums_name}.sig")
  file(COPY "${RELEASE_DIR}/${fname}" DESTINATION "${version_dir}")
endforeach()

_tfsdk_registry_json_array(protocols_json ${protocols})
_tfsdk_registry_json_string(key_id_json "${key_id}")
_tfsdk_registry_json_string(armor_json "${armor}")
set(keys_json "{\"gpg_public_keys\":[{\"key_id\":${key_id_json},\"ascii_armor\":${armor_json}}]}")
set(platforms_json "")
foreach(platform IN LISTS platforms)
  string(REGEX MATCH "^([a-z0-9]+)_([a-z0-9]+)$" ignored "${platform}")
  set(os "${CMAKE_MATCH_1}")
  set(arch "${CMAKE_MATCH_2}")
  set(zip "${base}_${platform}.zip")
  _tfsdk_registry_json_string(zip_json "${zip}")
  _tfsdk_registry_json_string(download_json "${file_url}${zip}")
  _tfsdk_registry_json_string(sums_json "${file_url}${sums_name}")
  _tfsdk_registry_json_string(sig_json "${file_url}${sums_name}.sig")
  set(doc "{\"protocols\":${protocols_json},\"os\":\"${os}\",\"arch\":\"${arch}\",")
  string(APPEND doc "\"filename\":${zip_json},\"download_url\":${download_json},"
    "\"shasum\":\"${hash_${platform}}\",\"shasums_url\":${sums_json},"
    "\"shasums_signature_url\":${sig_json},\"signing_keys\":${keys_json}}")
  file(MAKE_DIRECTORY "${version_dir}/download/${os}")
  _tfsdk_registry_write("${version_dir}/download/${os}/${arch}" "${doc}")
  list(APPEND platforms_json "{\"os\":\"${os}\",\"arch\":\"${arch}\"}")
endforeach()
list(JOIN platforms_json "," platforms_json)
_tfsdk_registry_json_string(version_json "${version}")
set(entry "{\"version\":${version_json},\"protocols\":${protocols_json},\"platforms\":[${platforms_json}]}")

# versions: the entries of the versions already published, this one replaced or added.
set(versions_file "${provider_dir}/versions")
_tfsdk_registry_read("${versions_file}" old)
set(entries "")
set(replaced OFF)
set(published "")
if(old)
  string(JSON n ERROR_VARIABLE err LENGTH "${old}" versions)
  if(err)
    _tfsdk_registry_fail("${versions_file} has no \"versions\" array (${err})")
  endif()
  if(n GREATER 0)
    math(EXPR last "${n} - 1")
    foreach(i RANGE ${last})
      string(JSON v ERROR_VARIABLE err GET "${old}" versions ${i} version)
      if(err)
        _tfsdk_registry_fail("${versions_file}: entry ${i} has no version (${err})")
      endif()
      if(v STREQUAL version)
        list(APPEND entries "${entry}")
        set(replaced ON)
      else()
        string(JSON e GET "${old}" versions ${i})
        string(REGEX REPLACE "[\n\t ]*\n[\n\t ]*" "" e "${e}")  # CMake pretty-prints it
        list(APPEND entries "${e}")
        list(APPEND published "${v}")
      endif()
    endforeach()
  endif()
endif()
if(NOT replaced)
  list(APPEND entries "${entry}")
endif()
list(JOIN entries "," entries_json)
_tfsdk_registry_write("${versions_file}" "{\"versions\":[${entries_json}]}")

# Service discovery: providers.v1 set, whatever else the host announces kept.
set(disco_file "${OUT_DIR}/.well-known/terraform.json")
_tfsdk_registry_read("${disco_file}" disco)
_tfsdk_registry_json_string(providers_v1_json "${providers_v1}")
if(disco)
  string(JSON disco SET "${disco}" "providers.v1" "${providers_v1_json}")
  string(REGEX REPLACE "[\n\t ]*\n[\n\t ]*" "" disco "${disco}")  # CMake pretty-prints it
else()
  set(disco "{\"providers.v1\":${providers_v1_json}}")
endif()
file(MAKE_DIRECTORY "${OUT_DIR}/.well-known")
_tfsdk_registry_write("${disco_file}" "${disco}")

list(JOIN platforms ", " platforms_text)
list(JOIN protocols ", " protocols_text)
if(published)
  list(JOIN published ", " published)
  set(also " (also listed: ${published})")
else()
  set(also "")
endif()
message(STATUS "Published ${NAMESPACE}/${name} ${version} in ${OUT_DIR}: ${platforms_text}, "
  "protocols ${protocols_text}, signed by key ${key_id}${also}")
