#!/usr/bin/env bash
# Builds a static libpq for the PostgreSQL example's static release, and caches it:
#
#   bash scripts/build-libpq-static.sh [--arch amd64|arm64]
#     -> ${TFSDK_CACHE:-~/.cache/tfsdk}/libpq-static/<version>-<arch>/
#          libpq.a libpgcommon_shlib.a libpgport_shlib.a
#
# Why: Debian's libpq.a is built with GSSAPI and LDAP, and Debian ships no static archives
# of those (krb5, openldap), so a static executable cannot link it. This builds the same
# Debian source package (apt-get source postgresql-15, the version of the installed
# libpq-dev first) with --without-gssapi --without-ldap and OpenSSL, only the client
# library (about 30 s). The headers stay those of libpq-dev. Idempotent: an existing cache
# entry is reused. examples/postgresql/CMakeLists.txt finds it (TFSDK_LIBPQ_STATIC_DIR).
set -euo pipefail

log() { printf '[build-libpq-static] %s\n' "$*" >&2; }

arch="$(dpkg --print-architecture)"
if [[ "${1:-}" == --arch ]]; then
  arch="$2"
fi
cache="${TFSDK_CACHE:-$HOME/.cache/tfsdk}/libpq-static"
installed="$(dpkg-query -W -f='${Version}' libpq-dev 2>/dev/null || true)"
if [[ -z "$installed" ]]; then
  log "ERROR: libpq-dev is not installed (scripts/install-deps.sh installs it)"
  exit 1
fi
upstream="${installed%%-*}"
out="$cache/$upstream-$arch"
if [[ -f "$out/libpq.a" && -f "$out/libpgcommon_shlib.a" && -f "$out/libpgport_shlib.a" ]]; then
  log "cached: $out"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A private apt configuration with the deb-src entries of the machine's Debian release:
# the system's sources are left alone.
codename="$(. /etc/os-release && echo "$VERSION_CODENAME")"
mkdir -p "$work/apt/parts" "$work/apt/lists/partial" "$work/apt/cache/archives/partial"
cat >"$work/apt/parts/src.sources" <<EOF
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: $codename $codename-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: $codename-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
apt_opts=(-o "Dir::Etc::SourceList=/dev/null" -o "Dir::Etc::SourceParts=$work/apt/parts"
  -o "Dir::State::Lists=$work/apt/lists" -o "Dir::Cache=$work/apt/cache")
if [[ "$(id -u)" == 0 ]]; then
  apt_opts+=(-o "APT::Sandbox::User=root")  # the private lists are not _apt's to write
fi
log "apt-get update (deb-src, private lists)"
apt-get "${apt_opts[@]}" update -q >/dev/null
source_pkg="postgresql-${upstream%%.*}"
# The installed version first, then the others the archive lists (a security update's
# source can be listed before its files reach the mirror).
mapfile -t versions < <(apt-cache "${apt_opts[@]}" showsrc "$source_pkg" |
  sed -n 's/^Version: //p' | sort -u)
ordered=("$installed")
for v in "${versions[@]}"; do
  [[ "$v" != "$installed" ]] && ordered+=("$v")
done
fetched=""
for v in "${ordered[@]}"; do
  if (cd "$work" && apt-get "${apt_opts[@]}" source --download-only -q "$source_pkg=$v" \
      >/dev/null 2>&1); then
    fetched="$v"
    break
  fi
  log "source $source_pkg=$v not downloadable; trying the next"
done
if [[ -z "$fetched" ]]; then
  log "ERROR: no source of $source_pkg could be downloaded (tried: ${ordered[*]})"
  exit 1
fi
tarball="$(ls "$work"/"${source_pkg}"_*.orig.tar.* | head -1)"
log "building libpq from $(basename "$tarball") ($source_pkg $fetched) for $arch"
mkdir "$work/src"
tar xf "$tarball" -C "$work/src" --strip-components=1

configure_args=(--without-gssapi --without-ldap --without-readline --without-icu
  --without-zlib --with-openssl --without-llvm)
env_args=(CFLAGS="-O2 -fPIC")
if [[ "$arch" != "$(dpkg --print-architecture)" ]]; then
  triplet="$(dpkg-architecture -a"$arch" -qDEB_HOST_MULTIARCH)"
  configure_args+=(--host="$triplet")
  env_args+=(CC="$triplet-gcc")
fi
(
  cd "$work/src"
  env "${env_args[@]}" ./configure "${configure_args[@]}" >"$work/configure.log" 2>&1 || {
    tail -30 "$work/configure.log" >&2
    exit 1
  }
  jobs="$(nproc)"
  for dir in src/include src/common src/port src/interfaces/libpq; do
    make -s -C "$dir" -j "$jobs" >"$work/make.log" 2>&1 || {
      tail -30 "$work/make.log" >&2
      exit 1
    }
  done
)
mkdir -p "$out.tmp"
cp "$work/src/src/interfaces/libpq/libpq.a" "$work/src/src/common/libpgcommon_shlib.a" \
  "$work/src/src/port/libpgport_shlib.a" "$out.tmp/"
echo "$source_pkg $fetched $arch ${configure_args[*]}" >"$out.tmp/BUILD-INFO"
rm -rf "$out"
mv "$out.tmp" "$out"
log "built: $out"
