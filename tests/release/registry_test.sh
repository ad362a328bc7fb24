#!/usr/bin/env bash
# Signed releases and a private registry, as a team ships an internal provider (registered
# by tests/release/registry.cmake):
#
#   registry_test.sh signature TFSDK_SOURCE_DIR EXE DEBUG WORK
#     a throwaway GPG key (gpg --batch, no passphrase) signs a release made by the real
#     release step of cmake/TfsdkProvider.cmake (with SIGNING_KEY, and with
#     $TFSDK_SIGNING_KEY): gpg --verify accepts the .sig, rejects a tampered SUMS; an
#     unknown key fails the step, naming the key, and leaves no unsigned release behind.
#
#   registry_test.sh registry TFSDK_SOURCE_DIR EXE DEBUG WORK TOOL
#     the signed release -> cmake/TfsdkRegistry.cmake -> an HTTPS server on 127.0.0.1
#     (registry_server.py; a throwaway CA made with openssl, trusted through
#     SSL_CERT_FILE) -> TOOL init installs localhost:PORT/tfsdk/local from it, verifying
#     the signature, then apply, an empty plan, destroy.
#
# EXE/DEBUG: the released linux_amd64 local example and its .debug file.
set -euo pipefail

mode="$1"
src="$2"
exe="$3"
debug="$4"
work="$5"
tool="${6:-}"

fail() {
  printf 'FAIL (registry_test %s%s): %s\n' "$mode" "${tool:+, $(basename "$tool")}" "$*" >&2
  exit 1
}
[[ -x "$exe" && -f "$debug" ]] || fail "no released executable $exe / $debug (build local-release)"
rm -rf "$work"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  gpgconf --homedir "$work/gnupg" --kill all >/dev/null 2>&1 || true
}
trap cleanup EXIT

# A throwaway signing key in its own GnuPG home.
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
cat >"$work/keyspec" <<'EOF'
%no-protection
Key-Type: RSA
Key-Length: 3072
Key-Usage: sign
Name-Real: tfsdk release test
Name-Email: release-test@tfsdk.invalid
Expire-Date: 0
%commit
EOF
gpg --batch --gen-key "$work/keyspec" >"$work/gen-key.log" 2>&1 || fail "gpg --gen-key: $(cat "$work/gen-key.log")"
key_id="$(gpg --batch --with-colons --list-secret-keys 2>/dev/null | awk -F: '$1 == "sec" { print $5; exit }')"
[[ -n "$key_id" ]] || fail "no key id from gpg --list-secret-keys"

base=terraform-provider-local_0.1.0
# release OUT_DIR [-DSIGNING_KEY=...]: the release step of tfsdk_add_provider.
release() {
  local out="$1"
  shift
  cmake "-DTFSDK_PROVIDER_STEP=release" "-DPLATFORMS=linux_amd64|$exe|$debug" \
    "-DEXE_NAME=terraform-provider-local_v0.1.0" "-DBASE=$base" "-DOUT_DIR=$out" \
    "-DPROTOCOLS=6,5" "-DGPG=gpg" "$@" -P "$src/cmake/TfsdkProvider.cmake"
}

release "$work/release" "-DSIGNING_KEY=$key_id" >"$work/release.log" 2>&1 ||
  fail "release step with SIGNING_KEY: $(cat "$work/release.log")"
sums="$work/release/${base}_SHA256SUMS"

if [[ "$mode" == signature ]]; then
  [[ -f "$sums.sig" ]] || fail "no ${base}_SHA256SUMS.sig beside the SUMS"
  head -c 1 "$sums.sig" | od -An -tx1 | grep -qv 2d || fail "the signature is ASCII-armored, not binary"
  gpg --batch --verify "$sums.sig" "$sums" >"$work/verify.log" 2>&1 ||
    fail "gpg --verify: $(cat "$work/verify.log")"
  grep -q "Good signature" "$work/verify.log" || fail "gpg --verify said: $(cat "$work/verify.log")"
  # A tampered SUMS must not verify.
  cp "$sums" "$work/tampered"
  sed -i '1s/^./0/' "$work/tampered"
  ! gpg --batch --verify "$sums.sig" "$work/tampered" >/dev/null 2>&1 ||
    fail "gpg --verify accepted a tampered SHA256SUMS"
  # $TFSDK_SIGNING_KEY signs as the option does.
  TFSDK_SIGNING_KEY="$key_id" release "$work/release-env" >"$work/release-env.log" 2>&1 ||
    fail "release step with TFSDK_SIGNING_KEY: $(cat "$work/release-env.log")"
  gpg --batch --verify "$work/release-env/${base}_SHA256SUMS.sig" \
    "$work/release-env/${base}_SHA256SUMS" >/dev/null 2>&1 ||
    fail "the release signed through \$TFSDK_SIGNING_KEY does not verify"
  # An unknown key fails, naming the key, and leaves no signature.
  if release "$work/release-bad" "-DSIGNING_KEY=0000DEADBEEF0000" >"$work/release-bad.log" 2>&1; then
    fail "the release step succeeded with an unknown key"
  fi
  grep -q "0000DEADBEEF0000" "$work/release-bad.log" ||
    fail "the failure does not name the key: $(cat "$work/release-bad.log")"
  [[ ! -e "$work/release-bad/${base}_SHA256SUMS.sig" ]] || fail "a failed signing left a .sig"
  echo "OK: signature (key $key_id): gpg --verify good, tampered SUMS rejected, unknown key refused"
  rm -rf "$work"
  exit 0
fi

[[ "$mode" == registry ]] || fail "unknown mode $mode"
[[ -x "$tool" ]] || fail "no CLI at $tool (scripts/install-tools.sh installs it)"
tool="$(cd "$(dirname "$tool")" && pwd)/$(basename "$tool")"

# The registry's files from the release directory, with the public key.
gpg --batch --armor --export "$key_id" >"$work/public.asc"
cmake "-DRELEASE_DIR=$work/release" "-DSITE_DIR=$work/site" -DNAMESPACE=tfsdk \
  "-DPUBLIC_KEY=$work/public.asc" -P "$src/cmake/TfsdkRegistry.cmake" >"$work/registry.log" 2>&1 ||
  fail "TfsdkRegistry.cmake: $(cat "$work/registry.log")"

# A throwaway CA and a certificate for localhost, trusted by the CLIs through SSL_CERT_FILE.
(
  cd "$work"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=tfsdk test CA" \
    -keyout ca.key -out ca.pem -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout server.key -out server.csr
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >ext.cnf
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
    -extfile ext.cnf -out server.pem
) >"$work/openssl.log" 2>&1 || fail "openssl: $(cat "$work/openssl.log")"

python3 "$src/tests/release/registry_server.py" "$work/site" "$work/server.pem" \
  "$work/server.key" "$work/port" $$ 2>"$work/server.log" &
server_pid=$!
for _ in $(seq 100); do
  [[ -s "$work/port" ]] && break
  sleep 0.1
done
[[ -s "$work/port" ]] || fail "the registry server did not start: $(cat "$work/server.log")"
port="$(cat "$work/port")"
host="localhost:$port"

export SSL_CERT_FILE="$work/ca.pem"
export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
unset TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_REATTACH_PROVIDERS TF_LOG TF_CLI_ARGS \
  TF_CLI_ARGS_init TF_CLI_ARGS_apply TF_CLI_ARGS_plan
# No mirror, no dev_overrides: the CLI installs from the registry named in the source.
printf '' >"$work/cli.tfrc"
export TF_CLI_CONFIG_FILE="$work/cli.tfrc"
mkdir "$work/config"
out="$work/hello.txt"
cat >"$work/config/main.tf" <<EOF
terraform {
  required_providers {
    local = { source = "$host/tfsdk/local", version = "0.1.0" }
  }
}
resource "local_file" "hello" {
  path    = "$out"
  content = "installed from a private registry"
}
EOF
run_cli() {
  if ! (cd "$work/config" && "$tool" "$@" -no-color) >"$work/last.log" 2>&1; then
    fail "$(basename "$tool") $*:"$'\n'"$(cat "$work/last.log")"$'\n'"server log:"$'\n'"$(tail -20 "$work/server.log")"
  fi
}
run_cli init -input=false
grep -q "Installed $host/tfsdk/local v0.1.0" "$work/last.log" ||
  fail "init did not install from the registry: $(cat "$work/last.log")"
cp "$work/last.log" "$work/../registry-init-$(basename "$tool").log"
grep -qi "key ID $key_id" "$work/last.log" ||
  fail "init did not report the signing key $key_id: $(cat "$work/last.log")"
grep -q "download/linux/amd64" "$work/server.log" || fail "the CLI did not ask the registry"
grep -q "${base}_SHA256SUMS.sig" "$work/server.log" || fail "the CLI did not fetch the signature"
run_cli apply -auto-approve -input=false
[[ "$(cat "$out" 2>/dev/null)" == "installed from a private registry" ]] ||
  fail "apply did not write $out: $(cat "$work/last.log")"
rc=0
(cd "$work/config" && "$tool" plan -detailed-exitcode -input=false -no-color) >"$work/last.log" 2>&1 || rc=$?
[[ $rc == 0 ]] || fail "plan after apply is not empty (exit $rc): $(cat "$work/last.log")"
run_cli destroy -auto-approve -input=false
[[ ! -e "$out" ]] || fail "destroy left $out"
echo "OK: registry with $("$tool" version 2>/dev/null | head -1): installed from https://$host, key $key_id"
cleanup
rm -rf "$work"
