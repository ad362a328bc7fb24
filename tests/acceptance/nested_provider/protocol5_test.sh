#!/usr/bin/env bash
# protocol5_test.sh EXE TOOL WORK: a provider with a nested attribute (main.cc here) and
# plugin protocol 5, which cannot express nested attributes (src/serve/protocol_choice.h):
#   1. asked for 5 and 6, it offers only 6: a client offering "5,6" gets 6, a client
#      offering only 5 gets no handshake, and the reason is logged naming the attribute;
#   2. asked for protocol 5 only, it does not start: the error names the attribute and the
#      choice (blocks, or protocol 6);
#   3. TOOL (terraform or tofu, via dev_overrides) applies the nested attribute over
#      protocol 6 with an empty plan after, and reports the start-up error of case 2.
set -euo pipefail
exe="$1"
tool="$2"
work="$3"
fail() { printf 'FAIL (%s): %s\n' "$(basename "$tool")" "$*" >&2; exit 1; }
[[ -x "$exe" ]] || fail "no provider executable $exe"
[[ -x "$tool" ]] || fail "no CLI at $tool (scripts/install-tools.sh installs it)"
rm -rf "$work"
mkdir -p "$work"
cookie=d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2
obstacle='resource "nestprobe_thing": attribute "settings" is a nested attribute'

# handshake VERSIONS [ENV...]: runs the provider as a plugin until its first stdout line
# (or exit), killing it after; sets line, err, rc.
handshake() {
  local versions="$1"
  shift
  : >"$work/out"
  env "$@" TF_PLUGIN_MAGIC_COOKIE=$cookie PLUGIN_PROTOCOL_VERSIONS="$versions" TF_LOG_PROVIDER=WARN \
    "$exe" >"$work/out" 2>"$work/err" &
  local pid=$! i
  for i in $(seq 100); do
    [[ -s "$work/out" ]] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  sleep 0.2  # a provider that refuses to start exits right after its line
  line="$(head -1 "$work/out")"
  if kill -0 "$pid" 2>/dev/null; then
    rc=running
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  else
    wait "$pid" && rc=0 || rc=$?
  fi
  err="$(cat "$work/err")"
}

handshake 5,6
[[ "$line" == 1\|6\|unix\|* ]] || fail "offering 5,6 did not give protocol 6: '$line' $err"
# (a JSON log line: the quotes are escaped)
[[ "$err" == *'"@level":"warn"'*'not offering plugin protocol 5: resource \"nestprobe_thing\": attribute \"settings\" is a nested attribute'* ]] ||
  fail "no warning naming the attribute: $err"
handshake 5
[[ -z "$line" && "$rc" != 0 && "$rc" != running ]] ||
  fail "a protocol-5-only client got a handshake ('$line', exit $rc)"
handshake 5,6 TFSDK_NESTPROBE_PROTOCOLS=5
# No handshake: the first stdout line is the reason, which the CLIs print.
[[ "$line" == "provider nestprobe cannot start: "* && "$rc" == 1 ]] ||
  fail "protocol 5 only started anyway ('$line', exit $rc)"
[[ "$line" == *"$obstacle"* ]] || fail "the stdout line does not name the attribute: $line"
[[ "$err" == *"$obstacle"* && "$err" == *"Block::Single/List/Set/Map"* &&
   "$err" == *"protocol_versions = {6}"* ]] || fail "the start-up error does not say why: $err"

# The CLI through dev_overrides.
cat >"$work/cli.tfrc" <<TFRC
provider_installation {
  dev_overrides {
    "registry.terraform.io/tfsdk/nestprobe" = "$(dirname "$exe")"
  }
  direct {}
}
TFRC
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
unset TF_LOG TF_REATTACH_PROVIDERS TF_DATA_DIR
mkdir "$work/config"
cat >"$work/config/main.tf" <<'TF'
terraform {
  required_providers {
    nestprobe = { source = "registry.terraform.io/tfsdk/nestprobe" }
  }
}
resource "nestprobe_thing" "t" {
  name     = "x"
  settings = { labels = ["a", "b"] }
}
output "size" {
  value = nestprobe_thing.t.settings.size
}
TF
cd "$work/config"
"$tool" apply -auto-approve -input=false -no-color >"$work/apply.log" 2>&1 || fail "apply: $(cat "$work/apply.log")"
[[ "$("$tool" output -raw size)" == 1 ]] || fail "settings.size is not its default 1"
rc=0
"$tool" plan -detailed-exitcode -input=false -no-color >"$work/plan.log" 2>&1 || rc=$?
[[ $rc == 0 ]] || fail "plan after apply is not empty (exit $rc): $(cat "$work/plan.log")"
rc=0
TFSDK_NESTPROBE_PROTOCOLS=5 "$tool" plan -input=false -no-color >"$work/plan5.log" 2>&1 || rc=$?
[[ $rc != 0 ]] || fail "plan with a protocol-5-only provider succeeded"
# The CLI shows the reason (wrapped at any space: compare with whitespace folded).
folded="$(tr -s ' \n' '  ' <"$work/plan5.log")"
[[ "$folded" == *"cannot start: this provider is set to serve plugin protocol 5 only"* &&
   "$folded" == *'attribute "settings" is a nested attribute'* ]] ||
  fail "the CLI does not show why the provider did not start: $(cat "$work/plan5.log")"
cp "$work/plan5.log" "$work/../plan5-$(basename "$tool").log"
echo "OK: $(basename "$tool"): protocol 6 offered alone, protocol 5 only refused at start-up"
