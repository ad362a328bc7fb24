#!/usr/bin/env bash
# Installs everything tfsdk needs to build and test, from Debian's packages (bookworm).
# Idempotent and fast when nothing is missing: apt is not touched then.
#
#   bash scripts/install-deps.sh            # build + test dependencies
#
# Go is not from apt: the machine's toolchain in /usr/local/go is used (scripts/
# install-tools.sh builds OpenTofu with it).
set -euo pipefail

log() { printf '[install-deps] %s\n' "$*" >&2; }

# Compilers, build tools, and the libraries tfsdk builds against.
BUILD_PACKAGES=(
  build-essential
  cmake
  ninja-build
  pkg-config
  libgrpc++-dev
  protobuf-compiler-grpc
  libprotobuf-dev
  protobuf-compiler
  libabsl-dev
  libfmt-dev
  libssl-dev
  libmsgpack-cxx-dev
  nlohmann-json3-dev
)

# Tests, benchmarks and the real peers (install-tools.sh makes a Python venv for the
# Terraform build shipped on PyPI); ccache lets the test command's consumer builds reuse
# the objects of its main build (scripts/test.sh).
TEST_PACKAGES=(
  libgtest-dev
  libgmock-dev
  libbenchmark-dev
  python3-venv
  ca-certificates
  ccache
)

# The PostgreSQL example provider (examples/postgresql/) links libpqxx; its acceptance
# tests start a throwaway server with the postgresql package's initdb/pg_ctl (from
# /usr/lib/postgresql/<version>/bin; no system cluster is used). Under root the server runs
# as the package's "postgres" system user. util-linux provides setpriv for that.
POSTGRES_PACKAGES=(
  postgresql
  libpqxx-dev
  util-linux
)

packages=("${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${POSTGRES_PACKAGES[@]}")

missing=()
for pkg in "${packages[@]}"; do
  status="$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)"
  if [[ "$status" != "installed" ]]; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  log "all ${#packages[@]} packages already installed"
else
  log "installing: ${missing[*]}"
  sudo=()
  if [[ "$(id -u)" != 0 ]]; then
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Go: preinstalled under /usr/local/go on our machines, not taken from apt.
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  export PATH="/usr/local/go/bin:$PATH"
fi
if ! command -v go >/dev/null 2>&1; then
  log "ERROR: no Go toolchain: 'go' is not on PATH and /usr/local/go/bin/go does not exist."
  log "       Install a Go toolchain into /usr/local/go; scripts/install-tools.sh"
  log "       needs it to build OpenTofu."
  exit 1
fi
log "$(go version)"
