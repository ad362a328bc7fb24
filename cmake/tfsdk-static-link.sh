#!/usr/bin/env bash
# The link launcher of tfsdk's static releases (RULE_LAUNCH_LINK of NAME-release-exe, set by
# cmake/TfsdkProvider.cmake):
#
#   tfsdk-static-link.sh TARGET [ARCHIVE...] -- <the link command CMake made>...
#
# runs the link command with every shared library on it replaced by the static archive
# beside it (libfoo.so or libfoo.so.N -> libfoo.a), and every library after `-o OUTPUT` in one
# --start-group ... --end-group, so that the order of archives does not matter. CMake itself
# resolves the link closure (imported targets in the scope of the directory that linked them,
# link-only dependencies, configurations); this script only changes how each library is
# linked. A shared library without its archive fails the link with a message naming it and
# the fixes: never a silent dynamic link.
#
# ARCHIVEs (the TFSDK_RELEASE_ARCHIVES property of the provider's executable): an archive
# named like a shared library of the command (libpq.a for .../libpq.so.5) replaces it;
# the others are added to the group, for the libraries that archive needs.
set -euo pipefail

target="$1"
shift
declare -A replace=() used=()
extra=()
while (($#)) && [[ "$1" != -- ]]; do
  base="$(basename "$1")"
  replace["${base%.a}"]="$1"
  extra+=("$1")
  shift
done
if [[ "${1:-}" != -- ]]; then
  echo "tfsdk-static-link.sh: usage: TARGET [ARCHIVE...] -- COMMAND..." >&2
  exit 2
fi
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
      local stem
      stem="$(basename "${arg%.so*}")"
      if [[ -n "${replace[$stem]:-}" ]]; then
        arg="${replace[$stem]}"
        used["$stem"]=1
      elif [[ -f "$archive" ]]; then
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
# The given archives that replaced nothing, inside the group.
for a in "${extra[@]}"; do
  stem="$(basename "${a%.a}")"
  if [[ -z "${used[$stem]:-}" ]]; then
    out+=("$a")
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
