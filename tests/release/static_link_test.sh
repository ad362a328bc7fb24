#!/usr/bin/env bash
# The static-release link launcher (cmake/tfsdk-static-link.sh) on made-up libraries:
#   - a shared library with an archive beside it is linked as the archive, inside one
#     --start-group/--end-group after `-o OUTPUT`;
#   - an archive given as TFSDK_RELEASE_ARCHIVES replaces the shared library of its name;
#     one that replaces nothing is added to the group;
#   - a shared library without an archive fails the link, naming it and the fixes.
# `echo` stands in for the compiler driver, so what it prints is the command that would run.
set -euo pipefail
launcher="$1"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
fail() { printf 'FAIL: %s\n' "$*" >&2; exit 1; }
mkdir "$dir/own"
touch "$dir/libboth.so.1.2" "$dir/libboth.a" "$dir/libonly.so" "$dir/libpq.so.5" \
  "$dir/libpq.a" "$dir/own/libpq.a" "$dir/own/libextra.a"

out="$(bash "$launcher" demo "$dir/own/libpq.a" "$dir/own/libextra.a" -- \
  echo -O2 main.o -o prog "$dir/libboth.so.1.2" -lm "$dir/libpq.so.5")"
want="-O2 main.o -o prog -Wl,--start-group $dir/libboth.a -lm $dir/own/libpq.a $dir/own/libextra.a -Wl,--end-group"
[[ "$out" == "$want" ]] || fail "the command is '$out', want '$want'"

if err="$(bash "$launcher" demo -- echo main.o -o prog "$dir/libonly.so" 2>&1)"; then
  fail "a shared library without an archive linked: $err"
fi
[[ "$err" == *"$dir/libonly.so"* && "$err" == *"DYNAMIC_RELEASE"* ]] ||
  fail "the failure does not name the library and the fixes: $err"

if bash "$launcher" demo main.o 2>/dev/null; then
  fail "a call without -- was accepted"
fi
echo "OK: archives swapped in and grouped; a shared-only library refused with its name"
