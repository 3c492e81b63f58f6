#!/usr/bin/env bash
# CTest splits a test name at ';', so a doctest case with ';' in its name would silently run nothing: refuse them.
# Usage: check_test_names.sh TEST_BINARY...
set -euo pipefail
status=0
for binary in "$@"; do
  while IFS= read -r name; do
    echo "$(basename "$binary"): test case name contains ';' (CTest would run nothing): $name" >&2
    status=1
  done < <("$binary" --list-test-cases --no-intro=true --no-version=true 2>/dev/null | grep -F ';' | grep -v '^\[doctest\]' || true)
done
[[ $status == 0 ]] && echo "test names: none contains ';' in $# suites"
exit $status
