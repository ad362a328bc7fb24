#!/usr/bin/env bash
# THE test command (CI runs it through .ci/run):
#   1. installs the dependencies (scripts/install-deps.sh) and the real peers, OpenTofu and
#      Terraform (scripts/install-tools.sh), and prints their versions;
#   2. build/       Ninja, RelWithDebInfo, everything: unit, header-hygiene, package-consumer
#                   and acceptance tests;
#   3. build-asan/  Debug with AddressSanitizer + UndefinedBehaviorSanitizer, no examples,
#                   no consumer or acceptance tests.
# Exits non-zero on the first failure.
#
# Environment: TFSDK_JOBS (default: nproc), TFSDK_SKIP_ASAN=1 to stop after step 2.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

log() { printf '\n[test] %s\n' "$*" >&2; }

jobs="${TFSDK_JOBS:-$(nproc)}"
failures=()

# build_and_test DIR CTEST_ARGS...: builds everything that can be built (-k 0, so one broken
# file does not hide the results of the others), then runs ctest even if the build failed
# (a test whose executable did not build shows up as <name>_NOT_BUILT and fails).
build_and_test() {
  local dir="$1"
  shift
  if ! cmake --build "$dir" -j "$jobs" -- -k 0; then
    failures+=("build of $dir/")
  fi
  log "ctest $dir/"
  if ! ctest --test-dir "$dir" --output-on-failure --no-tests=error -j "$jobs" "$@"; then
    failures+=("ctest in $dir/")
  fi
}

log "dependencies"
bash scripts/install-deps.sh
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  export PATH="/usr/local/go/bin:$PATH"
fi

log "tools (OpenTofu, Terraform)"
bash scripts/install-tools.sh
export PATH="$root/.tools/bin:$PATH"
log "tool versions"
for tool in tofu terraform; do
  if [[ -x "$root/.tools/bin/$tool" ]]; then
    # The first "OpenTofu vX" / "Terraform vX" line: CLI-config warnings may come first.
    version="$("$root/.tools/bin/$tool" version 2>&1 | grep -m1 -E '^(OpenTofu|Terraform) v' || true)"
    printf '%s: %s\n' "$tool" "${version:-UNKNOWN (\`$tool version\` printed no version line)}"
  else
    printf '%s: MISSING from .tools/bin\n' "$tool"
    exit 1
  fi
done

# ccache for every compile of the test command, the nested projects the consumer and
# packaging tests configure included (they inherit CMAKE_CXX_COMPILER_LAUNCHER from the
# environment): those rebuild tfsdk from the same sources, and with hash_dir off and
# absolute paths (no base_dir) their objects are the main build's. TFSDK_CCACHE=0 disables.
launcher=()
if [[ "${TFSDK_CCACHE:-1}" != 0 ]] && command -v ccache >/dev/null 2>&1; then
  export CCACHE_DIR="${CCACHE_DIR:-${TFSDK_CACHE:-$HOME/.cache/tfsdk}/ccache}"
  export CCACHE_NOHASHDIR=1
  unset CCACHE_BASEDIR  # relative paths would differ between build directories
  export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-5G}"
  export CMAKE_CXX_COMPILER_LAUNCHER=ccache
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  ccache --zero-stats >/dev/null
  log "ccache in $CCACHE_DIR"
fi

log "build/ (RelWithDebInfo)"
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  "${launcher[@]}"
build_and_test build

if [[ "${TFSDK_SKIP_ASAN:-0}" == 1 ]]; then
  log "TFSDK_SKIP_ASAN=1: skipping the sanitizer build"
else
  log "build-asan/ (Debug, address+undefined)"
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=Debug \
    -DTFSDK_SANITIZE=address,undefined \
    -DTFSDK_BUILD_EXAMPLES=OFF -DTFSDK_BUILD_ACCEPTANCE_TESTS=OFF -DTFSDK_INSTALL=OFF \
    "${launcher[@]}"
  export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:strict_string_checks=1:check_initialization_order=1}"
  export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
  build_and_test build-asan --label-exclude 'consumer|acceptance'
fi

if ((${#launcher[@]} > 0)); then
  log "ccache statistics"
  ccache --show-stats || true
fi

if ((${#failures[@]} > 0)); then
  log "FAILED: ${failures[*]}"
  exit 1
fi
