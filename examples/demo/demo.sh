#!/usr/bin/env bash
# The tfsdk demo: a provider written in C++ with tfsdk (examples/local/), launched by real
# OpenTofu and then by real HashiCorp Terraform, exactly as they launch any provider: the
# go-plugin handshake, AutoMTLS, gRPC over a unix socket. No registry: the freshly built
# executable is laid out as a local filesystem mirror, which `init` installs from.
#
# For each binary it runs init, plan, apply, show, an in-place update, an empty plan and
# destroy, and checks the file on disk at every stage. Exits non-zero on the first problem.
#
# Usage: demo.sh --provider PATH/terraform-provider-local [--keep]
#   --keep   keep the working directories (their paths are printed)
# Binaries: $TFSDK_TOFU / $TFSDK_TERRAFORM, else <repo>/.tools/bin (scripts/install-tools.sh
# puts them there), else `tofu` / `terraform` on PATH.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"

provider=""
keep=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --provider) provider="${2:?--provider needs a path}"; shift 2 ;;
    --provider=*) provider="${1#--provider=}"; shift ;;
    --keep) keep=1; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "demo.sh: unknown argument: $1" >&2; exit 2 ;;
  esac
done

work=""
die() {
  printf '\n\033[1;31mDEMO FAILED:\033[0m %s\n' "$*" >&2
  [[ -z "$work" ]] || printf 'The working directory is kept for inspection: %s\n' "$work" >&2
  exit 1
}
banner() { printf '\n\033[1;34m==== %s ====\033[0m\n' "$*"; }
say() { printf '\033[1m%s\033[0m\n' "$*"; }

[[ -n "$provider" ]] || die "pass --provider PATH/terraform-provider-local"
[[ -x "$provider" ]] || die "$provider is not an executable (build target terraform-provider-local)"
provider="$(cd "$(dirname "$provider")" && pwd)/$(basename "$provider")"
[[ "$(basename "$provider")" == terraform-provider-local ]] ||
  die "the executable must be named terraform-provider-local (Terraform looks it up by name)"

find_tool() {  # find_tool NAME ENVVAR
  local name="$1" var="$2"
  if [[ -n "${!var:-}" ]]; then echo "${!var}"; return; fi
  if [[ -x "$root/.tools/bin/$name" ]]; then echo "$root/.tools/bin/$name"; return; fi
  if command -v "$name" >/dev/null 2>&1; then command -v "$name"; return; fi
  return 1
}

# run TOOL ARGS...: prints the command, then runs it in the working directory.
run() {
  printf '\n\033[1;32m$ %s\033[0m\n' "$(basename "$1") ${*:2}"
  (cd "$work" && "$@")
}

file_sha256() { sha256sum "$1" | cut -d' ' -f1; }

demo_with() {  # demo_with NAME PATH
  local name="$1" tool="$2"
  work="$(mktemp -d "${TMPDIR:-/tmp}/tfsdk-demo-$name-XXXXXX")"
  local file="$work/greeting.txt"

  banner "$name ($tool)"
  say "Working directory: $work"

  # A filesystem mirror (HOST/NAMESPACE/TYPE/VERSION/OS_ARCH/terraform-provider-TYPE_vVERSION)
  # for both registries' host names: "tfsdk/local" means registry.terraform.io/tfsdk/local
  # to Terraform and registry.opentofu.org/tfsdk/local to OpenTofu.
  local host
  for host in registry.terraform.io registry.opentofu.org; do
    mkdir -p "$work/mirror/$host/tfsdk/local/0.1.0/linux_amd64"
    cp "$provider" "$work/mirror/$host/tfsdk/local/0.1.0/linux_amd64/terraform-provider-local_v0.1.0"
  done
  cat > "$work/cli.tfrc" <<EOF
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/tfsdk/local", "registry.opentofu.org/tfsdk/local"]
  }
}
EOF
  cat > "$work/main.tf" <<EOF
terraform {
  required_providers {
    local = {
      source  = "tfsdk/local"
      version = "0.1.0"
    }
  }
}

variable "message" {
  type    = string
  default = "Hello from a C++ provider, served to $name by tfsdk!"
}

# A managed resource: tfsdk's example local_file writes the file and computes its SHA-256.
resource "local_file" "greeting" {
  path    = "$file"
  content = var.message
}

# A data source reading the file back, once the resource has written it.
data "local_file" "readback" {
  path       = local_file.greeting.path
  depends_on = [local_file.greeting]
}

output "sha256" {
  value = local_file.greeting.sha256
}

output "readback" {
  value = data.local_file.readback.content
}
EOF
  say "Configuration (main.tf):"
  sed 's/^/    /' "$work/main.tf"

  export TF_CLI_CONFIG_FILE="$work/cli.tfrc"
  export TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
  unset TF_REATTACH_PROVIDERS TF_PLUGIN_CACHE_DIR TF_DATA_DIR TF_CLI_ARGS

  run "$tool" version || die "$name version failed"

  run "$tool" init -input=false -no-color || die "$name init failed"
  run "$tool" plan -input=false -no-color || die "$name plan failed"
  [[ ! -e "$file" ]] || die "plan must not create $file"

  run "$tool" apply -auto-approve -input=false -no-color || die "$name apply failed"
  [[ -f "$file" ]] || die "apply did not create $file"
  say "On disk: $file"
  sed 's/^/    /' "$file"; echo
  local want got
  want="$(file_sha256 "$file")"
  got="$(cd "$work" && "$tool" output -raw sha256)"
  [[ "$got" == "$want" ]] || die "sha256 output $got differs from sha256sum's $want"
  say "sha256 attribute matches sha256sum: $got"

  run "$tool" show -no-color || die "$name show failed"

  say "Changing the content updates the file in place:"
  run "$tool" apply -auto-approve -input=false -no-color -var "message=Updated by $name." ||
    die "$name update failed"
  [[ "$(cat "$file")" == "Updated by $name." ]] || die "the update did not reach $file"

  say "Nothing left to do (plan -detailed-exitcode exits 0):"
  local code=0
  run "$tool" plan -detailed-exitcode -input=false -no-color -var "message=Updated by $name." ||
    code=$?
  [[ $code -eq 0 ]] || die "$name plan after apply was not empty (exit code $code)"

  run "$tool" destroy -auto-approve -input=false -no-color -var "message=Updated by $name." ||
    die "$name destroy failed"
  [[ ! -e "$file" ]] || die "destroy did not remove $file"
  say "$file is gone."

  if [[ $keep -eq 1 ]]; then
    say "Kept $work"
  else
    rm -rf "$work"
  fi
}

banner "tfsdk demo: provider $provider"
tofu_bin="$(find_tool tofu TFSDK_TOFU)" ||
  die "OpenTofu (tofu) not found; run scripts/install-tools.sh"
terraform_bin="$(find_tool terraform TFSDK_TERRAFORM)" ||
  die "Terraform (terraform) not found; run scripts/install-tools.sh"

demo_with tofu "$tofu_bin"
demo_with terraform "$terraform_bin"

banner "Demo succeeded: the same C++ provider served OpenTofu and Terraform"
