# CTest script behind the signed-release and private-registry tests (registered by
# tests/release/registry.cmake), with the local example's released linux_amd64 executable:
#
#   cmake -DMODE=signature -DWORK_DIR=... -DEXECUTABLE=... -DDEBUG_FILE=...
#         -DTFSDK_SOURCE_DIR=... -P registry_test.cmake
#     a throwaway GPG key (gpg --batch, %no-protection) signs a release made by the real
#     release step of cmake/TfsdkProvider.cmake (SIGNING_KEY, then $TFSDK_SIGNING_KEY):
#     the .sig is a binary detached signature that `gpg --verify` accepts, a tampered SUMS
#     fails verification; an unknown key fails the step with a message naming the key and
#     leaves no .sig.
#   cmake -DMODE=documents (otherwise as MODE=signature)
#     cmake/TfsdkRegistry.cmake on signed releases: the documents (discovery, versions,
#     download/OS/ARCH with the key, relative and BASE_URL URLs), two versions in one site,
#     republishing, other discovery services kept; and its refusals: no SUMS, no .sig with
#     a key, a secret key as PUBLIC_KEY, a key not in the keyring, another key's public
#     half, a zip changed after packaging.
#   cmake -DMODE=registry -DTOOL_NAME=terraform|tofu -DTOOL=/default/path (otherwise as
#         MODE=signature)
#     ($TFSDK_TERRAFORM / $TFSDK_TOFU override TOOL; a missing CLI fails) the signed release
#     -> TfsdkRegistry.cmake -> HTTPS on 127.0.0.1 (registry_server.py on a free port, a
#     certificate for localhost from a throwaway openssl CA trusted through SSL_CERT_FILE)
#     -> TOOL, with a CLI configuration without mirrors or plugin cache: init installs
#     localhost:PORT/tfsdk/local 0.1.0 from the registry and reports the signing key,
#     apply writes the file, plan -detailed-exitcode is empty, destroy removes it; a
#     release whose signature is another key's (localhost:PORT/forged/local) fails init.
#
# Each test runs its body in a child cmake (STEP=body) so that, pass or fail, this outer
# script stops the registry server, stops the gpg-agent of the throwaway GnuPG home and
# removes that home. The server also stops by itself when the test's processes are gone.
cmake_minimum_required(VERSION 3.20)

set(server_script "${CMAKE_CURRENT_LIST_DIR}/registry_server.py")
set(forward MODE WORK_DIR EXECUTABLE DEBUG_FILE TFSDK_SOURCE_DIR TOOL_NAME TOOL PYTHON3)

if(NOT STEP)
  foreach(var MODE WORK_DIR EXECUTABLE DEBUG_FILE TFSDK_SOURCE_DIR)
    if("${${var}}" STREQUAL "")
      message(FATAL_ERROR "registry_test.cmake: -D${var}=... is required (see the header)")
    endif()
  endforeach()
  if(NOT PYTHON3)
    find_program(PYTHON3 NAMES python3)
  endif()
  file(REMOVE_RECURSE "${WORK_DIR}")
  file(MAKE_DIRECTORY "${WORK_DIR}")
  # The GnuPG home lives in /tmp: gpg-agent's socket path must stay short.
  set(tmp "$ENV{TMPDIR}")
  if(NOT tmp OR NOT IS_DIRECTORY "${tmp}")
    set(tmp /tmp)
  endif()
  foreach(attempt RANGE 20)
    string(RANDOM LENGTH 8 ALPHABET abcdefghijklmnopqrstuvwxyz0123456789 suffix)
    set(gpg_home "${tmp}/tfsdk-${MODE}${TOOL_NAME}-${suffix}")
    if(NOT EXISTS "${gpg_home}")
      break()
    endif()
  endforeach()
  set(args "-DSTEP=body" "-DGPG_HOME=${gpg_home}")
  foreach(var IN LISTS forward)
    list(APPEND args "-D${var}=${${var}}")
  endforeach()
  execute_process(COMMAND "${CMAKE_COMMAND}" ${args} -P "${CMAKE_CURRENT_LIST_FILE}"
    RESULT_VARIABLE rc)
  # Cleanup, whatever happened.
  if(PYTHON3 AND EXISTS "${WORK_DIR}/registry-server.pid")
    execute_process(COMMAND "${PYTHON3}" "${server_script}" stop
      --state "${WORK_DIR}/registry-server")
  endif()
  find_program(GPGCONF gpgconf)
  if(GPGCONF AND EXISTS "${gpg_home}")
    execute_process(COMMAND "${GPGCONF}" --homedir "${gpg_home}" --kill all
      OUTPUT_QUIET ERROR_QUIET)
  endif()
  file(REMOVE_RECURSE "${gpg_home}")
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "registry_test ${MODE} ${TOOL_NAME} failed (${rc}); its files are in "
      "${WORK_DIR}")
  endif()
  file(REMOVE_RECURSE "${WORK_DIR}")
  return()
endif()

# --- the test body (STEP=body) ----------------------------------------------------------------

include("${TFSDK_SOURCE_DIR}/tests/packaging/script_helpers.cmake")  # check(), run()

set(provider_module "${TFSDK_SOURCE_DIR}/cmake/TfsdkProvider.cmake")
set(registry_module "${TFSDK_SOURCE_DIR}/cmake/TfsdkRegistry.cmake")
set(base terraform-provider-local_0.1.0)

foreach(tool gpg openssl)
  string(TOUPPER "${tool}" var)
  find_program(${var} ${tool})
  check("${var}" "- ${tool} not found (scripts/install-deps.sh installs gnupg and openssl)")
endforeach()
check("EXISTS \"${EXECUTABLE}\" AND EXISTS \"${DEBUG_FILE}\""
  "- no released executable ${EXECUTABLE} / ${DEBUG_FILE} (build local-release-exe)")

file(MAKE_DIRECTORY "${GPG_HOME}")
file(CHMOD "${GPG_HOME}" PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
set(ENV{GNUPGHOME} "${GPG_HOME}")
unset(ENV{TFSDK_SIGNING_KEY})

# new_key(<id_out> <label>): a throwaway RSA signing key without passphrase; its long key ID.
function(new_key out label)
  file(WRITE "${WORK_DIR}/${label}.keyspec" "%no-protection
Key-Type: RSA
Key-Length: 3072
Key-Usage: sign
Name-Real: tfsdk ${label}
Name-Email: ${label}@tfsdk.invalid
Expire-Date: 1d
%commit
")
  run(ignored "${GPG}" --batch --gen-key "${WORK_DIR}/${label}.keyspec")
  run(colons "${GPG}" --batch --with-colons --list-secret-keys "${label}@tfsdk.invalid")
  string(REGEX MATCH "sec:[^:]*:[^:]*:[^:]*:([0-9A-F]+):" ignored "${colons}")
  set(id "${CMAKE_MATCH_1}")
  check("id MATCHES \"^[0-9A-F]+$\"" "- no key ID in:\n${colons}")
  string(LENGTH "${id}" id_length)
  check("id_length EQUAL 16" "- key ID '${id}' is not a long key ID")
  set(${out} "${id}" PARENT_SCOPE)
endfunction()

# release(<out_dir> <rc_out> <output_out> [-D...]): the release step of tfsdk_add_provider,
# as the NAME-release target runs it. PLATFORMS, VERSION override the defaults.
function(release out_dir rc_out output_out)
  cmake_parse_arguments(arg "" "VERSION" "PLATFORMS" ${ARGN})
  if(NOT arg_VERSION)
    set(arg_VERSION 0.1.0)
  endif()
  if(NOT arg_PLATFORMS)
    set(arg_PLATFORMS linux_amd64)
  endif()
  set(triples "")
  foreach(p IN LISTS arg_PLATFORMS)
    list(APPEND triples "${p}|${EXECUTABLE}|${DEBUG_FILE}")
  endforeach()
  list(JOIN triples "," triples)
  execute_process(COMMAND "${CMAKE_COMMAND}" -DTFSDK_PROVIDER_STEP=release
      "-DPLATFORMS=${triples}" "-DEXE_NAME=terraform-provider-local_v${arg_VERSION}"
      "-DBASE=terraform-provider-local_${arg_VERSION}" "-DOUT_DIR=${out_dir}"
      -DPROTOCOLS=6,5 "-DGPG=${GPG}" ${arg_UNPARSED_ARGUMENTS} -P "${provider_module}"
    WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e)
  set(${rc_out} "${rc}" PARENT_SCOPE)
  set(${output_out} "${o}${e}" PARENT_SCOPE)
endfunction()

# registry(<rc_out> <output_out> -D...): cmake/TfsdkRegistry.cmake.
function(registry rc_out output_out)
  execute_process(COMMAND "${CMAKE_COMMAND}" "-DGPG=${GPG}" ${ARGN} -P "${registry_module}"
    WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e)
  set(${rc_out} "${rc}" PARENT_SCOPE)
  set(${output_out} "${o}${e}" PARENT_SCOPE)
endfunction()

# verify(<rc_out> <status_out> SIG FILE): gpg --verify with machine-readable status.
function(verify rc_out status_out sig signed)
  execute_process(COMMAND "${GPG}" --batch --status-fd 1 --verify "${sig}" "${signed}"
    RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e)
  set(${rc_out} "${rc}" PARENT_SCOPE)
  set(${status_out} "${o}${e}" PARENT_SCOPE)
endfunction()

# json_get(<out> FILE key...): a member of a JSON document; fails the test when absent.
function(json_get out json_file)
  file(READ "${json_file}" doc)
  string(JSON value ERROR_VARIABLE err GET "${doc}" ${ARGN})
  check("NOT err" "- ${json_file}: ${ARGN}: ${err}\n${doc}")
  set(${out} "${value}" PARENT_SCOPE)
endfunction()

# A signed release of 0.1.0 for the modes below.
new_key(key_id release)
set(release_dir "${WORK_DIR}/release")
set(sums "${release_dir}/${base}_SHA256SUMS")
if(MODE STREQUAL "documents")
  release("${release_dir}" rc out "-DSIGNING_KEY=${key_id}" PLATFORMS linux_amd64 linux_arm64)
else()
  release("${release_dir}" rc out "-DSIGNING_KEY=${key_id}")
endif()
check("rc EQUAL 0" "- the release step with SIGNING_KEY ${key_id} failed:\n${out}")
check("EXISTS \"${sums}.sig\"" "- no ${base}_SHA256SUMS.sig; release step said:\n${out}")

if(MODE STREQUAL "signature")
  string(FIND "${out}" "Signed ${base}_SHA256SUMS with key ${key_id}" said_signed)
  check("NOT said_signed EQUAL -1" "- the release step did not report the key:\n${out}")
  # A binary OpenPGP packet (gpg --detach-sign without --armor), not "-----BEGIN PGP".
  file(READ "${sums}.sig" first HEX LIMIT 1)
  check("NOT first STREQUAL \"2d\"" "- the signature is ASCII-armored, not binary")
  verify(rc status "${sums}.sig" "${sums}")
  check("rc EQUAL 0" "- gpg --verify rejected the release's signature:\n${status}")
  check("status MATCHES \"GOODSIG ${key_id} \"" "- gpg --verify said:\n${status}")

  # One changed hex digit in the SUMS: the signature must not cover it.
  file(READ "${sums}" text)
  string(SUBSTRING "${text}" 0 1 digit)
  string(SUBSTRING "${text}" 1 -1 rest)
  if(digit STREQUAL "0")
    set(digit 1)
  else()
    set(digit 0)
  endif()
  file(WRITE "${WORK_DIR}/tampered_SHA256SUMS" "${digit}${rest}")
  verify(rc status "${sums}.sig" "${WORK_DIR}/tampered_SHA256SUMS")
  check("NOT rc EQUAL 0" "- gpg --verify accepted a tampered SHA256SUMS:\n${status}")
  check("status MATCHES \"BADSIG\"" "- gpg --verify said:\n${status}")

  # $TFSDK_SIGNING_KEY signs as SIGNING_KEY does.
  set(ENV{TFSDK_SIGNING_KEY} "${key_id}")
  release("${WORK_DIR}/release-env" rc out)
  unset(ENV{TFSDK_SIGNING_KEY})
  check("rc EQUAL 0" "- the release step with $TFSDK_SIGNING_KEY failed:\n${out}")
  set(env_sums "${WORK_DIR}/release-env/${base}_SHA256SUMS")
  verify(rc status "${env_sums}.sig" "${env_sums}")
  check("rc EQUAL 0" "- the release signed through $TFSDK_SIGNING_KEY does not verify:\n${status}")

  # A key gpg does not have: the step fails naming it, and leaves no signature behind.
  set(unknown 0123456789ABCDEF)
  release("${WORK_DIR}/release-unknown" rc out "-DSIGNING_KEY=${unknown}")
  check("NOT rc EQUAL 0" "- the release step succeeded with the unknown key ${unknown}:\n${out}")
  string(FIND "${out}" "${unknown}" names_key)
  check("NOT names_key EQUAL -1" "- the failure does not name the key:\n${out}")
  check("NOT EXISTS \"${WORK_DIR}/release-unknown/${base}_SHA256SUMS.sig\""
    "- a failed signing left a .sig")
  message(STATUS "release_signature: key ${key_id} signs the SUMS (binary .sig, gpg --verify "
    "good), a tampered SUMS is rejected, $TFSDK_SIGNING_KEY signs too, unknown key "
    "${unknown} fails the release step")
  return()
endif()

run(public_key "${GPG}" --batch --armor --export "${key_id}")
file(WRITE "${WORK_DIR}/signing-key.asc" "${public_key}")
string(REPLACE "\r" "" public_key "${public_key}")

if(MODE STREQUAL "documents")
  set(site "${WORK_DIR}/site")
  registry(rc out "-DRELEASE_DIR=${release_dir}" "-DOUT_DIR=${site}" -DNAMESPACE=tfsdk
    "-DPUBLIC_KEY=${WORK_DIR}/signing-key.asc")
  check("rc EQUAL 0" "- TfsdkRegistry.cmake failed:\n${out}")
  file(READ "${site}/.well-known/terraform.json" disco)
  string(JSON same EQUAL "${disco}" [[{"providers.v1":"/v1/providers/"}]])
  check("same" "- .well-known/terraform.json is ${disco}")
  set(provider_dir "${site}/v1/providers/tfsdk/local")
  file(READ "${provider_dir}/versions" versions)
  string(JSON same EQUAL "${versions}" [[{"versions":[{"version":"0.1.0",
    "protocols":["6.0","5.0"],"platforms":[{"os":"linux","arch":"amd64"},
    {"os":"linux","arch":"arm64"}]}]}]])
  check("same" "- versions is ${versions}")
  foreach(arch amd64 arm64)
    set(doc "${provider_dir}/0.1.0/download/linux/${arch}")
    check("EXISTS \"${doc}\"" "- no download/linux/${arch}")
    set(zip "${base}_linux_${arch}.zip")
    foreach(field os arch filename shasum download_url shasums_url shasums_signature_url)
      json_get(${field} "${doc}" ${field})
    endforeach()
    file(SHA256 "${release_dir}/${zip}" zip_hash)
    check("os STREQUAL \"linux\" AND arch STREQUAL \"${arch}\" AND filename STREQUAL \"${zip}\"
           AND shasum STREQUAL \"${zip_hash}\""
      "- download/linux/${arch}: ${os} ${arch} ${filename} ${shasum}")
    json_get(protocols "${doc}" protocols)
    string(JSON same EQUAL "${protocols}" [=[["6.0","5.0"]]=])
    check("same" "- protocols ${protocols}")
    json_get(doc_key_id "${doc}" signing_keys gpg_public_keys 0 key_id)
    json_get(armor "${doc}" signing_keys gpg_public_keys 0 ascii_armor)
    check("doc_key_id STREQUAL key_id" "- key_id ${doc_key_id}, the key is ${key_id}")
    check("armor STREQUAL public_key" "- ascii_armor is not the public key:\n${armor}")
    # The relative URLs resolve, from the document's own URL, to the published files.
    get_filename_component(doc_dir "${doc}" DIRECTORY)
    foreach(url download_url shasums_url shasums_signature_url)
      check("NOT ${url} MATCHES \"^(/|https?:)\"" "- ${url} is not relative: ${${url}}")
      get_filename_component(target "${doc_dir}/${${url}}" ABSOLUTE)
      check("EXISTS \"${target}\"" "- ${url} ${${url}} names no file (${target})")
      get_filename_component(fname "${target}" NAME)
      file(SHA256 "${target}" got)
      file(SHA256 "${release_dir}/${fname}" want)
      check("got STREQUAL want" "- ${target} differs from the release's ${fname}")
    endforeach()
  endforeach()
  foreach(fname ${base}_manifest.json ${base}_SHA256SUMS ${base}_SHA256SUMS.sig)
    check("EXISTS \"${provider_dir}/0.1.0/${fname}\"" "- ${fname} was not published")
  endforeach()
  file(GLOB leftovers "${site}/.tfsdk-registry-gpg-*")
  check("NOT leftovers" "- TfsdkRegistry.cmake left its keyring: ${leftovers}")

  # A second version, with the key named by KEY_ID only (exported from the keyring), into
  # the same site whose discovery document announces another service too.
  file(WRITE "${site}/.well-known/terraform.json"
    "{\"providers.v1\":\"/v1/providers/\",\"modules.v1\":\"/v1/modules/\"}\n")
  release("${WORK_DIR}/release-0.2.0" rc out VERSION 0.2.0 "-DSIGNING_KEY=${key_id}")
  check("rc EQUAL 0" "- the 0.2.0 release step failed:\n${out}")
  registry(rc out "-DRELEASE_DIR=${WORK_DIR}/release-0.2.0" "-DOUT_DIR=${site}"
    -DNAMESPACE=tfsdk "-DKEY_ID=${key_id}")
  check("rc EQUAL 0" "- TfsdkRegistry.cmake with KEY_ID failed:\n${out}")
  # ... and 0.1.0 again: it replaces its entry, 0.2.0 stays.
  registry(rc out "-DRELEASE_DIR=${release_dir}" "-DOUT_DIR=${site}" -DNAMESPACE=tfsdk)
  check("rc EQUAL 0" "- republishing 0.1.0 (key from the signature's issuer) failed:\n${out}")
  file(READ "${provider_dir}/versions" versions)
  string(JSON same EQUAL "${versions}" [[{"versions":[{"version":"0.1.0",
    "protocols":["6.0","5.0"],"platforms":[{"os":"linux","arch":"amd64"},
    {"os":"linux","arch":"arm64"}]},{"version":"0.2.0","protocols":["6.0","5.0"],
    "platforms":[{"os":"linux","arch":"amd64"}]}]}]])
  check("same" "- versions after publishing 0.2.0 and 0.1.0 again: ${versions}")
  check("EXISTS \"${provider_dir}/0.2.0/download/linux/amd64\" AND
         EXISTS \"${provider_dir}/0.1.0/download/linux/arm64\"" "- a version's documents went")
  json_get(modules "${site}/.well-known/terraform.json" modules.v1)
  check("modules STREQUAL \"/v1/modules/\"" "- the discovery document lost modules.v1")

  # BASE_URL: absolute URLs.
  registry(rc out "-DRELEASE_DIR=${release_dir}" "-DOUT_DIR=${WORK_DIR}/site-url"
    -DNAMESPACE=Acme "-DPUBLIC_KEY=${WORK_DIR}/signing-key.asc"
    "-DBASE_URL=https://registry.example.com/tf/")
  check("rc EQUAL 0" "- TfsdkRegistry.cmake with BASE_URL failed:\n${out}")
  json_get(v1 "${WORK_DIR}/site-url/.well-known/terraform.json" providers.v1)
  check("v1 STREQUAL \"https://registry.example.com/tf/v1/providers/\"" "- providers.v1 ${v1}")
  json_get(url "${WORK_DIR}/site-url/v1/providers/acme/local/0.1.0/download/linux/amd64"
    download_url)
  check("url STREQUAL \"https://registry.example.com/tf/v1/providers/acme/local/0.1.0/${base}_linux_amd64.zip\""
    "- download_url ${url}")

  # Refusals: each fails naming the problem, and publishes nothing.
  # expect_refusal(<what the message says> -D...)
  function(expect_refusal message_part)
    set(out_dir "${WORK_DIR}/refused")
    file(REMOVE_RECURSE "${out_dir}")
    registry(rc out "-DOUT_DIR=${out_dir}" -DNAMESPACE=tfsdk ${ARGN})
    check("NOT rc EQUAL 0" "- TfsdkRegistry.cmake accepted ${ARGN}:\n${out}")
    # CMake wraps the message's lines: compare with the white space folded.
    string(REGEX REPLACE "[ \t\n]+" " " folded "${out}")
    string(FIND "${folded}" "${message_part}" says)
    check("NOT says EQUAL -1" "- for ${ARGN} it said, not '${message_part}':\n${out}")
    check("NOT EXISTS \"${out_dir}/v1\"" "- a refused release was published: ${ARGN}")
    message(STATUS "refused as expected: ${message_part}")
  endfunction()
  file(MAKE_DIRECTORY "${WORK_DIR}/empty")
  expect_refusal("no terraform-provider-NAME_VERSION_SHA256SUMS in"
    "-DRELEASE_DIR=${WORK_DIR}/empty")
  release("${WORK_DIR}/release-unsigned" rc out)
  check("rc EQUAL 0" "- the unsigned release step failed:\n${out}")
  expect_refusal("has no ${base}_SHA256SUMS.sig" "-DRELEASE_DIR=${WORK_DIR}/release-unsigned"
    "-DPUBLIC_KEY=${WORK_DIR}/signing-key.asc")
  expect_refusal("has no ${base}_SHA256SUMS.sig" "-DRELEASE_DIR=${WORK_DIR}/release-unsigned")
  run(secret "${GPG}" --batch --armor --export-secret-keys "${key_id}")
  file(WRITE "${WORK_DIR}/secret.asc" "${secret}")
  expect_refusal("holds a SECRET key" "-DRELEASE_DIR=${release_dir}"
    "-DPUBLIC_KEY=${WORK_DIR}/secret.asc")
  file(WRITE "${WORK_DIR}/not-a-key.asc" "hello\n")
  expect_refusal("is not an ASCII-armored public key" "-DRELEASE_DIR=${release_dir}"
    "-DPUBLIC_KEY=${WORK_DIR}/not-a-key.asc")
  # Armored, but no key inside: gpg --show-keys finds nothing to list.
  file(WRITE "${WORK_DIR}/empty-key.asc" "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n"
    "bm90IGEga2V5Cg==\n=AAAA\n-----END PGP PUBLIC KEY BLOCK-----\n")
  expect_refusal("not a valid OpenPGP key" "-DRELEASE_DIR=${release_dir}"
    "-DPUBLIC_KEY=${WORK_DIR}/empty-key.asc")
  expect_refusal("has no public key 'FEDCBA9876543210'" "-DRELEASE_DIR=${release_dir}"
    -DKEY_ID=FEDCBA9876543210)
  new_key(other_id other)
  run(other_key "${GPG}" --batch --armor --export "${other_id}")
  file(WRITE "${WORK_DIR}/other-key.asc" "${other_key}")
  expect_refusal("is not a valid signature of ${base}_SHA256SUMS" "-DRELEASE_DIR=${release_dir}"
    "-DPUBLIC_KEY=${WORK_DIR}/other-key.asc")
  expect_refusal("KEY_ID ${other_id} is not the key that signed" "-DRELEASE_DIR=${release_dir}"
    "-DPUBLIC_KEY=${WORK_DIR}/signing-key.asc" "-DKEY_ID=${other_id}")
  file(COPY "${release_dir}/" DESTINATION "${WORK_DIR}/release-changed")
  file(APPEND "${WORK_DIR}/release-changed/${base}_linux_amd64.zip" "x")
  expect_refusal("changed after it was packaged" "-DRELEASE_DIR=${WORK_DIR}/release-changed")
  message(STATUS "release_registry_documents: discovery, versions (two versions, republish), "
    "download documents with key ${key_id}, relative and BASE_URL URLs, and the refusals OK")
  return()
endif()

check("MODE STREQUAL \"registry\"" "- unknown MODE ${MODE}")

# --- a private registry served over HTTPS, installed from by TOOL -----------------------------

string(TOUPPER "TFSDK_${TOOL_NAME}" tool_var)
if(NOT "$ENV{${tool_var}}" STREQUAL "")
  set(TOOL "$ENV{${tool_var}}")
endif()
set(hint "install it with scripts/install-tools.sh, or set $${tool_var}")
check("EXISTS \"${TOOL}\"" "- ${TOOL_NAME} not found at '${TOOL}': ${hint}")
check("PYTHON3" "- python3 not found (the test's HTTPS server is tests/release/registry_server.py)")

set(site "${WORK_DIR}/site")
registry(rc out "-DRELEASE_DIR=${release_dir}" "-DOUT_DIR=${site}" -DNAMESPACE=tfsdk
  "-DPUBLIC_KEY=${WORK_DIR}/signing-key.asc")
check("rc EQUAL 0" "- TfsdkRegistry.cmake failed:\n${out}")
# The same release under another namespace, its signature replaced by another key's: the
# registry still names the release key, so the CLI must refuse it.
registry(rc out "-DRELEASE_DIR=${release_dir}" "-DOUT_DIR=${site}" -DNAMESPACE=forged
  "-DPUBLIC_KEY=${WORK_DIR}/signing-key.asc")
check("rc EQUAL 0" "- TfsdkRegistry.cmake (forged) failed:\n${out}")
new_key(forger_id forger)
set(forged_sig "${site}/v1/providers/forged/local/0.1.0/${base}_SHA256SUMS.sig")
file(REMOVE "${forged_sig}")
run(ignored "${GPG}" --batch --local-user "${forger_id}" --output "${forged_sig}"
  --detach-sign "${sums}")

# A throwaway CA and a certificate for localhost (and 127.0.0.1) it signs.
set(tls "${WORK_DIR}/tls")
file(MAKE_DIRECTORY "${tls}")
set(WORK_DIR_SAVED "${WORK_DIR}")
set(WORK_DIR "${tls}")
run(ignored "${OPENSSL}" req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes
  -days 2 -subj "/CN=tfsdk registry test CA" -keyout ca.key -out ca.pem
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign")
run(ignored "${OPENSSL}" req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes
  -subj "/CN=localhost" -keyout server.key -out server.csr)
file(WRITE "${tls}/server.ext" "subjectAltName=DNS:localhost,IP:127.0.0.1
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
")
run(ignored "${OPENSSL}" x509 -req -in server.csr -CA ca.pem -CAkey ca.key -set_serial 1
  -days 2 -extfile server.ext -out server.pem)
set(WORK_DIR "${WORK_DIR_SAVED}")

# The server: a free port, chosen by the server itself.
set(server_state "${WORK_DIR}/registry-server")
run(port "${PYTHON3}" "${server_script}" start --root "${site}" --cert "${tls}/server.pem"
  --key "${tls}/server.key" --state "${server_state}" --lifetime 900)
string(STRIP "${port}" port)
check("port MATCHES \"^[0-9]+$\"" "- the server printed '${port}'")
set(host "localhost:${port}")
message(STATUS "registry: https://${host}/ serves ${site}")

# The CLI: no mirror, no dev_overrides, no plugin cache; the certificate trusted through
# SSL_CERT_FILE (our CA only).
file(WRITE "${WORK_DIR}/cli.tfrc" "disable_checkpoint = true
provider_installation {
  direct {}
}
")
set(ENV{TF_CLI_CONFIG_FILE} "${WORK_DIR}/cli.tfrc")
set(ENV{SSL_CERT_FILE} "${tls}/ca.pem")
unset(ENV{SSL_CERT_DIR})
set(ENV{CHECKPOINT_DISABLE} 1)
set(ENV{TF_IN_AUTOMATION} 1)
set(ENV{NO_PROXY} "localhost,127.0.0.1")
set(ENV{no_proxy} "localhost,127.0.0.1")
foreach(v TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_REATTACH_PROVIDERS TF_LOG TF_CLI_ARGS
          TF_CLI_ARGS_init TF_CLI_ARGS_apply TF_CLI_ARGS_plan TF_CLI_ARGS_destroy
          TF_PROVIDER_INSTALLATION_MODE HTTPS_PROXY https_proxy HTTP_PROXY http_proxy)
  unset(ENV{${v}})
endforeach()

# cli(<rc_out> <output_out> <dir> args...): TOOL in <dir>, -no-color, at most 5 minutes.
function(cli rc_out output_out dir)
  execute_process(COMMAND "${TOOL}" ${ARGN} -no-color WORKING_DIRECTORY "${dir}"
    TIMEOUT 300 RESULT_VARIABLE rc OUTPUT_VARIABLE o ERROR_VARIABLE e)
  set(${rc_out} "${rc}" PARENT_SCOPE)
  set(${output_out} "${o}${e}" PARENT_SCOPE)
endfunction()
function(server_log out)
  file(READ "${server_state}.log" log)
  set(${out} "${log}" PARENT_SCOPE)
endfunction()

get_filename_component(tool_name "${TOOL}" NAME)
set(config "${WORK_DIR}/config")
set(out_file "${WORK_DIR}/hello.txt")
file(MAKE_DIRECTORY "${config}")
file(WRITE "${config}/main.tf" "terraform {
  required_providers {
    local = {
      source  = \"${host}/tfsdk/local\"
      version = \"0.1.0\"
    }
  }
}

resource \"local_file\" \"hello\" {
  path    = \"${out_file}\"
  content = \"installed by ${tool_name} from a private registry\"
}
")

cli(rc init_out "${config}" init -input=false)
server_log(log)
check("rc EQUAL 0" "- ${tool_name} init (exit ${rc}):\n${init_out}\nserver log:\n${log}")
string(REGEX MATCH "[^\n]*Installed ${host}/tfsdk/local v0\\.1\\.0[^\n]*" installed_line
  "${init_out}")
check("installed_line" "- init did not install ${host}/tfsdk/local v0.1.0:\n${init_out}")
check("installed_line MATCHES \"signed, key ID ${key_id}\""
  "- init did not report the signing key ${key_id}: ${installed_line}")
string(STRIP "${installed_line}" installed_line)
message(STATUS "${tool_name} init: ${installed_line}")
# Fetched from this registry: the download document, the zip, the SUMS and its signature.
foreach(path "/v1/providers/tfsdk/local/versions"
             "/v1/providers/tfsdk/local/0.1.0/download/linux/amd64"
             "/v1/providers/tfsdk/local/0.1.0/${base}_linux_amd64.zip"
             "/v1/providers/tfsdk/local/0.1.0/${base}_SHA256SUMS"
             "/v1/providers/tfsdk/local/0.1.0/${base}_SHA256SUMS.sig")
  string(FIND "${log}" "\"GET ${path} HTTP/1.1\" 200" fetched)
  check("NOT fetched EQUAL -1" "- the server log has no successful GET ${path}:\n${log}")
endforeach()
file(GLOB_RECURSE installed "${config}/.terraform/providers/*/terraform-provider-local_v0.1.0")
check("installed" "- nothing installed under ${config}/.terraform/providers")
list(GET installed 0 installed)
file(SHA256 "${installed}" installed_hash)
file(SHA256 "${EXECUTABLE}" released_hash)
check("installed_hash STREQUAL released_hash" "- the installed executable is not the release")
file(READ "${config}/.terraform.lock.hcl" lock)
file(SHA256 "${release_dir}/${base}_linux_amd64.zip" zip_hash)
string(FIND "${lock}" "provider \"${host}/tfsdk/local\"" locks_provider)
string(FIND "${lock}" "\"zh:${zip_hash}\"" locks_zip)
check("NOT locks_provider EQUAL -1 AND NOT locks_zip EQUAL -1"
  "- .terraform.lock.hcl does not record the signed zip's hash zh:${zip_hash}:\n${lock}")

cli(rc out "${config}" apply -auto-approve -input=false)
check("rc EQUAL 0" "- ${tool_name} apply (exit ${rc}):\n${out}")
check("EXISTS \"${out_file}\"" "- apply did not write ${out_file}:\n${out}")
file(READ "${out_file}" content)
check("content STREQUAL \"installed by ${tool_name} from a private registry\""
  "- ${out_file} holds '${content}'")
cli(rc out "${config}" plan -detailed-exitcode -input=false)
check("rc EQUAL 0" "- the plan after apply is not empty (exit ${rc}):\n${out}")
cli(rc out "${config}" destroy -auto-approve -input=false)
check("rc EQUAL 0" "- ${tool_name} destroy (exit ${rc}):\n${out}")
check("NOT EXISTS \"${out_file}\"" "- destroy left ${out_file}:\n${out}")

# The forged signature: the CLI refuses to install.
set(forged "${WORK_DIR}/forged")
file(MAKE_DIRECTORY "${forged}")
file(WRITE "${forged}/main.tf" "terraform {
  required_providers {
    local = {
      source  = \"${host}/forged/local\"
      version = \"0.1.0\"
    }
  }
}
")
cli(rc forged_out "${forged}" init -input=false)
check("NOT rc EQUAL 0" "- ${tool_name} installed a release signed by another key:\n${forged_out}")
string(TOLOWER "${forged_out}" forged_lower)
check("forged_lower MATCHES \"signature|issuer\""
  "- init failed, but not for the signature:\n${forged_out}")
file(GLOB_RECURSE forged_installed "${forged}/.terraform/providers/*/terraform-provider-local_v0.1.0")
check("NOT forged_installed" "- the forged release was installed")
string(REGEX MATCH "[^\n]*(signature|issuer)[^\n]*" forged_line "${forged_out}")
string(STRIP "${forged_line}" forged_line)
message(STATUS "${tool_name} refused the forged signature: ${forged_line}")

run(ignored "${PYTHON3}" "${server_script}" stop --state "${server_state}")
check("NOT EXISTS \"${server_state}.pid\"" "- the server did not stop")
message(STATUS "release_registry_${TOOL_NAME}: ${tool_name} installed tfsdk/local 0.1.0 from "
  "https://${host} (key ${key_id}), applied, planned empty, destroyed")
