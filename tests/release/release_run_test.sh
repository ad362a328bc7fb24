#!/usr/bin/env bash
# Runs released (static) provider executables the way their users do, driven by a real CLI
# (registered by tests/release/emptyroot.cmake):
#
#   release_run_test.sh emptyroot-local      TOOL EXE WORK
#   release_run_test.sh emptyroot-postgresql TOOL EXE WORK
#     EXE runs in an empty root filesystem: a directory holding only the executable, /tmp,
#     /etc/hosts and /etc/resolv.conf, entered with chroot in a private mount namespace
#     (unshare --mount; as root). Nothing of the build machine's /lib or /usr is visible to
#     it. The CLI installs it from a filesystem mirror whose "executable" is a launcher that
#     makes that root and execs EXE inside it; /tmp of the root is the host's /tmp
#     (bind-mounted), so the plugin socket the provider prints is where the CLI looks.
#     local: init, apply (a file), plan (empty), destroy. postgresql: the same against a
#     throwaway PostgreSQL server reached by a host name that only the root's /etc/hosts
#     knows (db.tfsdk-release.test): name resolution without NSS modules.
#
#   release_run_test.sh qemu-arm64 TOOL EXE WORK
#     EXE is the linux_arm64 release: it runs under qemu-aarch64-static (handshake), and
#     in --debug mode, attached to the amd64 CLI through TF_REATTACH_PROVIDERS, it is
#     planned, applied and destroyed.
#
# TOOL is terraform or tofu; a missing one fails (never a skip).
set -euo pipefail

mode="$1"
tool="$2"
exe="$3"
work="$4"

fail() {
  printf 'FAIL (%s, %s): %s\n' "$mode" "$(basename "$tool")" "$*" >&2
  exit 1
}
[[ -x "$tool" ]] || fail "no CLI at $tool (scripts/install-tools.sh installs it)"
tool="$(cd "$(dirname "$tool")" && pwd)/$(basename "$tool")"
[[ -x "$exe" ]] || fail "no released executable at $exe (build the release targets)"

rm -rf "$work"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
# The files the provider writes live in the host's /tmp: the root's /tmp is that one.
scratch="$(mktemp -d /tmp/tfsdk-release-test.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  [[ -n "${pg_stop:-}" ]] && eval "$pg_stop" >/dev/null 2>&1 || true
  rm -rf "$scratch"
}
trap cleanup EXIT

export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
unset TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_REATTACH_PROVIDERS TF_LOG TF_CLI_ARGS \
  TF_CLI_ARGS_init TF_CLI_ARGS_apply TF_CLI_ARGS_plan

# run_cli ARGS...: the CLI in $work/config, output in $work/last.log; fails on error.
run_cli() {
  if ! (cd "$work/config" && "$tool" "$@" -no-color) >"$work/last.log" 2>&1; then
    fail "$(basename "$tool") $*:"$'\n'"$(cat "$work/last.log")"
  fi
}

# empty_plan: `plan -detailed-exitcode` must report no changes (exit 0).
empty_plan() {
  local rc=0
  (cd "$work/config" && "$tool" plan -detailed-exitcode -input=false -no-color) \
    >"$work/last.log" 2>&1 || rc=$?
  [[ $rc == 0 ]] || fail "plan after apply is not empty (exit $rc):"$'\n'"$(cat "$work/last.log")"
}

# make_root NAME HOSTS_LINE: the empty root in $work/root and a filesystem mirror in
# $work/mirror whose executable enters it.
make_root() {
  local name="$1" hosts_line="$2"
  local root="$work/root"
  mkdir -p "$root/tmp" "$root/etc"
  cp "$exe" "$root/terraform-provider-$name"
  printf '127.0.0.1 localhost\n%s\n' "$hosts_line" >"$root/etc/hosts"
  # A resolver that answers nothing: the test needs /etc/hosts only.
  printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' >"$root/etc/resolv.conf"
  local listing
  listing="$(cd "$root" && find . -mindepth 1 | sort | tr '\n' ' ')"
  [[ "$listing" == "./etc ./etc/hosts ./etc/resolv.conf ./terraform-provider-$name ./tmp " ]] ||
    fail "the root holds more than the binary, /tmp and /etc: $listing"
  local dir="$work/mirror/registry.terraform.io/tfsdk/$name/0.1.0/linux_amd64"
  mkdir -p "$dir"
  cat >"$dir/terraform-provider-${name}_v0.1.0" <<EOF
#!/bin/sh
# Enters the empty root $root (private mount namespace, its /tmp bound to the host's).
export TMPDIR=/tmp
exec unshare --mount sh -c 'mount --bind /tmp "\$0/tmp" && exec chroot "\$0" /terraform-provider-$name "\$@"' "$root" "\$@"
EOF
  chmod +x "$dir/terraform-provider-${name}_v0.1.0"
  mkdir -p "$work/config"
  cat >"$work/cli.tfrc" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/tfsdk/$name"]
  }
  direct {
    exclude = ["registry.terraform.io/tfsdk/$name"]
  }
}
EOF
  export TF_CLI_CONFIG_FILE="$work/cli.tfrc"
}

case "$mode" in
emptyroot-local)
  command -v unshare >/dev/null && command -v chroot >/dev/null ||
    fail "unshare and chroot (util-linux, coreutils) are needed"
  [[ "$(id -u)" == 0 ]] || fail "the empty-root test runs as root (chroot, mount)"
  make_root local "# no other names"
  out="$scratch/hello.txt"
  cat >"$work/config/main.tf" <<EOF
terraform {
  required_providers {
    local = { source = "registry.terraform.io/tfsdk/local", version = "0.1.0" }
  }
}
resource "local_file" "hello" {
  path    = "$out"
  content = "hello from an empty root"
}
EOF
  run_cli init -input=false
  grep -q "tfsdk/local v0.1.0" "$work/last.log" || fail "init did not install tfsdk/local: $(cat "$work/last.log")"
  run_cli apply -auto-approve -input=false
  [[ "$(cat "$out" 2>/dev/null)" == "hello from an empty root" ]] ||
    fail "apply did not write $out:"$'\n'"$(cat "$work/last.log")"
  empty_plan
  run_cli destroy -auto-approve -input=false
  [[ ! -e "$out" ]] || fail "destroy left $out"
  ;;

emptyroot-postgresql)
  [[ "$(id -u)" == 0 ]] || fail "the empty-root test runs as root (chroot, mount)"
  bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
  [[ -x "$bindir/initdb" ]] || fail "no PostgreSQL server (scripts/install-deps.sh installs it)"
  # A throwaway server on 127.0.0.1, as the postgres user (initdb refuses root).
  chmod 0711 "$scratch"  # the postgres user walks through it
  pgdir="$scratch/pg"
  mkdir -p "$pgdir"
  chown postgres: "$pgdir"
  as_pg=(setpriv --reuid=postgres --regid=postgres --clear-groups)
  "${as_pg[@]}" "$bindir/initdb" --pgdata="$pgdir/data" --username=postgres \
    --auth-local=trust --auth-host=trust >"$work/initdb.log" 2>&1 ||
    fail "initdb: $(cat "$work/initdb.log")"
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  pg_stop="${as_pg[*]} $bindir/pg_ctl --pgdata=$pgdir/data --mode=immediate stop"
  "${as_pg[@]}" "$bindir/pg_ctl" --pgdata="$pgdir/data" --wait --log="$pgdir/log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdir" start >"$work/pg_ctl.log" 2>&1 ||
    fail "pg_ctl start: $(cat "$work/pg_ctl.log" "$pgdir/log" 2>/dev/null)"
  make_root postgresql "127.0.0.1 db.tfsdk-release.test"
  ! getent hosts db.tfsdk-release.test >/dev/null ||
    fail "the build machine resolves db.tfsdk-release.test: the test would prove nothing"
  cat >"$work/config/main.tf" <<EOF
terraform {
  required_providers {
    postgresql = { source = "registry.terraform.io/tfsdk/postgresql", version = "0.1.0" }
  }
}
provider "postgresql" {
  host     = "db.tfsdk-release.test"
  port     = $port
  username = "postgres"
  database = "postgres"
  sslmode  = "disable"
}
resource "postgresql_role" "app" {
  name  = "emptyroot_app"
  login = true
}
EOF
  run_cli init -input=false
  run_cli apply -auto-approve -input=false
  exists="$("$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -At \
    -c "SELECT rolcanlogin FROM pg_roles WHERE rolname = 'emptyroot_app'")"
  [[ "$exists" == t ]] || fail "apply made no login role emptyroot_app ($exists):"$'\n'"$(cat "$work/last.log")"
  empty_plan
  run_cli destroy -auto-approve -input=false
  gone="$("$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -At \
    -c "SELECT count(*) FROM pg_roles WHERE rolname = 'emptyroot_app'")"
  [[ "$gone" == 0 ]] || fail "destroy left the role"
  ;;

qemu-arm64)
  qemu="$(command -v qemu-aarch64-static || true)"
  [[ -n "$qemu" ]] || fail "qemu-aarch64-static not found (scripts/install-deps.sh installs qemu-user-static)"
  kind="$(file -b "$exe")"
  [[ "$kind" == *"ARM aarch64"*"statically linked"* ]] || fail "not a static arm64 executable: $kind"
  # The handshake line, as go-plugin reads it.
  TF_PLUGIN_MAGIC_COOKIE=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2 \
    PLUGIN_PROTOCOL_VERSIONS=5,6 "$qemu" "$exe" >"$work/handshake.out" 2>"$work/handshake.err" &
  handshake_pid=$!
  pids+=("$handshake_pid")
  line=""
  for _ in $(seq 200); do
    line="$(head -1 "$work/handshake.out")"
    [[ -n "$line" ]] && break
    sleep 0.1
  done
  kill "$handshake_pid" 2>/dev/null || true
  [[ "$line" =~ ^1\|6\|unix\|/.*\|grpc\| ]] || fail "handshake line '$line': $(cat "$work/handshake.err")"
  # Debug mode under qemu; the CLI attaches to it.
  "$qemu" "$exe" --debug >"$work/debug.out" 2>&1 &
  pids+=($!)
  reattach=""
  for _ in $(seq 200); do
    reattach="$(sed -n "s/^[[:space:]]*export TF_REATTACH_PROVIDERS='\(.*\)'$/\1/p" "$work/debug.out")"
    [[ -n "$reattach" ]] && break
    sleep 0.1
  done
  [[ -n "$reattach" ]] || fail "no TF_REATTACH_PROVIDERS from --debug: $(cat "$work/debug.out")"
  export TF_REATTACH_PROVIDERS="$reattach"
  mkdir -p "$work/config"
  printf '' >"$work/cli.tfrc"
  export TF_CLI_CONFIG_FILE="$work/cli.tfrc"
  out="$scratch/arm64.txt"
  cat >"$work/config/main.tf" <<EOF
terraform {
  required_providers {
    local = { source = "registry.terraform.io/tfsdk/local" }
  }
}
resource "local_file" "hello" {
  path    = "$out"
  content = "written by linux_arm64"
}
EOF
  run_cli init -input=false
  run_cli apply -auto-approve -input=false
  [[ "$(cat "$out" 2>/dev/null)" == "written by linux_arm64" ]] ||
    fail "apply did not write $out:"$'\n'"$(cat "$work/last.log")"
  empty_plan
  run_cli destroy -auto-approve -input=false
  [[ ! -e "$out" ]] || fail "destroy left $out"
  ;;

*)
  fail "unknown mode $mode"
  ;;
esac
printf 'OK: %s with %s\n' "$mode" "$("$tool" version 2>/dev/null | head -1)"
rm -rf "$work"
