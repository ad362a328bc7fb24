#!/usr/bin/env bash
# The link launcher of tfsdk's static releases (RULE_LAUNCH_LINK of NAME-release-exe, set by
# cmake/TfsdkProvider.cmake):
#
#   tfsdk-static-link.sh TARGET <the link command CMake made>...
#
# runs the link command with every shared library on it replaced by the static archive
# beside it (libfoo.so or libfoo.so.N -> libfoo.a), and every library after `-o OUTPUT` in one
# --start-group ... --end-group, so that the order of archives does not matter. CMake itself
# resolves the link closure (imported targets in the scope of the directory that linked them,
# link-only dependencies, configurations); this script only changes how each library is
# linked. A shared library without its archive fails the link with a message naming it and
# the fixes: never a silent dynamic link.
set -euo pipefail

target="$1"
shift

missing=()
out=()

# add ARG: appends ARG to the command, a shared library replaced by its archive.
add() {
  local arg="$1"
  case "$arg" in
    -*) ;;
    *.so | *.so.[0-9]*)
      local archive="${arg%.so*}.a"
      if [[ -f "$archive" ]]; then
        arg="$archive"
      else
        missing+=("$arg")
      fi
      ;;
  esac
  out+=("$arg")
}

grouping=0   # 1 once `-o OUTPUT` has gone by: what follows are the libraries
after_o=0
for arg in "$@"; do
  if [[ "$arg" == @* && -f "${arg#@}" ]]; then
    # A response file (generators use them for long commands): its words, shell-quoted.
    eval "words=($(<"${arg#@}"))"
    for w in "${words[@]}"; do add "$w"; done
    continue
  fi
  if [[ $after_o == 1 ]]; then
    add "$arg"
    out+=("-Wl,--start-group")
    after_o=0
    grouping=1
    continue
  fi
  add "$arg"
  if [[ "$arg" == -o && $grouping == 0 ]]; then
    after_o=1
  fi
done
if [[ $grouping == 1 ]]; then
  out+=("-Wl,--end-group")
fi

if ((${#missing[@]})); then
  {
    echo "tfsdk: ${target}: a static release needs the static archive (.a) of every library"
    echo "it links, and these have none:"
    printf '  %s\n' "${missing[@]}"
    echo "Install the development package that ships the archive, link a static build of the"
    echo "library instead, or use tfsdk_add_provider(... DYNAMIC_RELEASE) to release an"
    echo "executable that needs these shared libraries at run time."
  } >&2
  exit 1
fi
exec "${out[@]}"
