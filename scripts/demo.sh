#!/usr/bin/env bash
# THE main-job command: installs what is needed, builds build/, and runs the demo program
# (target `tfsdk-demo`, from examples/demo/). Arguments are passed to the demo.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

log() { printf '[demo] %s\n' "$*" >&2; }

jobs="${TFSDK_JOBS:-$(nproc)}"

bash scripts/install-deps.sh
if ! command -v go >/dev/null 2>&1 && [[ -x /usr/local/go/bin/go ]]; then
  export PATH="/usr/local/go/bin:$PATH"
fi
bash scripts/install-tools.sh
export PATH="$root/.tools/bin:$PATH"

if [[ ! -f examples/demo/CMakeLists.txt ]]; then
  log "ERROR: there is no demo yet: examples/demo/CMakeLists.txt does not exist."
  exit 1
fi

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DTFSDK_BUILD_EXAMPLES=ON
if ! ninja -C build -t targets all | grep -q '^tfsdk-demo:'; then
  log "ERROR: examples/demo/CMakeLists.txt defines no 'tfsdk-demo' target."
  exit 1
fi
cmake --build build -j "$jobs" --target tfsdk-demo

demo="build/examples/demo/tfsdk-demo"
if [[ ! -x "$demo" ]]; then
  log "ERROR: the tfsdk-demo target did not produce $demo."
  exit 1
fi
log "running $demo $*"
exec "$demo" "$@"
