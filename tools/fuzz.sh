#!/usr/bin/env bash
# Runs each importer's libFuzzer target for SECONDS (default 60) with the shared cases as seeds.
# Usage: tools/fuzz.sh [SECONDS]. Builds with clang in build-fuzz/ (ASan + UBSan). Crashes land in build-fuzz/crashes/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
KIOSK_SETUP_EXTRAS=1 bash "$root/tools/setup.sh"
build="$root/build-fuzz"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DKIOSK_FUZZ=ON -DKIOSK_BUILD_APP=OFF -DKIOSK_BUILD_TESTS=OFF \
  -DKIOSK_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target fuzz_csv fuzz_frab_xml fuzz_frab_json fuzz_ics fuzz_registrants
shared="$root/../shared"
mkdir -p "$build/crashes"
status=0
for target in fuzz_csv fuzz_frab_xml fuzz_frab_json fuzz_ics fuzz_registrants; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  case "$target" in
    fuzz_csv) seeds=("$root/schedules" "$shared/cases/cancelled" "$shared/cases/csv-encoding") ;;
    fuzz_frab_xml) seeds=("$shared/cases/durations" "$shared/cases/midnight" "$shared/cases/truncated") ;;
    fuzz_frab_json) seeds=("$shared/cases/duplicate-ids") ;;
    fuzz_ics) seeds=("$shared/cases/tz-ics" "$shared/cases/ical-folding" "$shared/corpus/ics") ;;
    fuzz_registrants) seeds=("$shared/cases/search-accents" "$shared/corpus/attendees") ;;
  esac
  existing=()
  for s in "${seeds[@]}"; do [[ -d "$s" ]] && existing+=("$s"); done
  echo "== $target for ${seconds}s"
  if ! "$build/tests/fuzz/$target" "$corpus" "${existing[@]}" -max_total_time="$seconds" -max_len=65536 \
      -artifact_prefix="$build/crashes/$target-" -print_final_stats=1 2>&1 | tail -n 12; then
    status=1
  fi
done
exit $status
