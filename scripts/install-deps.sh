#!/usr/bin/env bash
# Installs everything tfsdk needs to build and test, from Debian's packages (bookworm).
# Idempotent and fast when nothing is missing: apt is not touched then.
#
#   bash scripts/install-deps.sh              # build + test + release dependencies
#   bash scripts/install-deps.sh --no-arm64   # without the linux_arm64 cross build (then
#                                             # examples/local, which releases linux_arm64
#                                             # too, does not build: for projects of your own)
#
# Releases (cmake/TfsdkProvider.cmake) are static executables for linux_amd64 and
# linux_arm64: the arm64 part enables Debian's arm64 architecture (dpkg multiarch) for the
# cross compiler's libraries, and qemu-user-static runs the arm64 executable in the tests.
# The PostgreSQL example's static release needs a libpq without GSSAPI/LDAP:
# scripts/build-libpq-static.sh builds it once into ~/.cache/tfsdk/libpq-static/.
#
# Go is not from apt: the machine's toolchain in /usr/local/go is used (scripts/
# install-tools.sh builds OpenTofu with it).
set -euo pipefail

arm64=1
for arg in "$@"; do
  case "$arg" in
    --no-arm64) arm64=0 ;;
    --arm64) arm64=1 ;;
    *) printf 'install-deps.sh: unknown argument %s\n' "$arg" >&2; exit 2 ;;
  esac
done

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

# Releases and their tests: file(1) and ldd check the static executables, gnupg signs
# SHA256SUMS and gpgv checks it (cmake/TfsdkRegistry.cmake), openssl makes the private registry test's throwaway CA, util-linux has
# unshare/chroot helpers and flock (one nested release build at a time), and dpkg-dev's
# dpkg-architecture names the cross triplet for scripts/build-libpq-static.sh.
RELEASE_PACKAGES=(
  file
  gnupg
  gpgv
  openssl
  util-linux
  binutils
  dpkg-dev
)

# linux_arm64 releases: the cross compiler, the :arm64 development packages tfsdk links,
# and qemu-user-static to run the result.
ARM64_PACKAGES=(
  crossbuild-essential-arm64
  binutils-aarch64-linux-gnu
  qemu-user-static
  libgrpc++-dev:arm64
  libprotobuf-dev:arm64
  libabsl-dev:arm64
  libssl-dev:arm64
  libc-ares-dev:arm64
  libfmt-dev:arm64
  zlib1g-dev:arm64
  libre2-dev:arm64
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

packages=("${BUILD_PACKAGES[@]}" "${TEST_PACKAGES[@]}" "${RELEASE_PACKAGES[@]}"
  "${POSTGRES_PACKAGES[@]}")
sudo=()
if [[ "$(id -u)" != 0 ]]; then
  sudo=(sudo)
fi
if [[ $arm64 == 1 ]]; then
  packages+=("${ARM64_PACKAGES[@]}")
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    log "enabling the arm64 architecture (dpkg --add-architecture arm64)"
    "${sudo[@]}" dpkg --add-architecture arm64
  fi
fi

# installed NAME[:ARCH]: whether dpkg has the package (of the native architecture, or
# architecture-independent, when no :ARCH is given: with multiarch both may be listed).
native="$(dpkg --print-architecture)"
installed() {
  local name="${1%%:*}" arch="$native"
  [[ "$1" == *:* ]] && arch="${1#*:}"
  dpkg-query -W -f='${db:Status-Status} ${Architecture}\n' "$name" 2>/dev/null |
    grep -qE "^installed ($arch|all)\$"
}
missing=()
for pkg in "${packages[@]}"; do
  if ! installed "$pkg"; then
    missing+=("$pkg")
  fi
done

if ((${#missing[@]} == 0)); then
  log "all ${#packages[@]} packages already installed"
else
  log "installing: ${missing[*]}"
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

# The static libpq of the PostgreSQL example's release (cached; about 30 s the first time).
bash "$(dirname "${BASH_SOURCE[0]}")/build-libpq-static.sh"
