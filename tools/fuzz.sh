#!/usr/bin/env bash
# Runs each libFuzzer target (the importers, the check-in protocol's JSON forms, the signed manifest) for SECONDS
# (default 60) with the shared cases and tests/fuzz/seeds/ as seeds.
# Usage: tools/fuzz.sh [SECONDS] [TARGET…] (every target when none is named). Builds with clang in build-fuzz/
# (ASan + UBSan). Crashes land in build-fuzz/crashes/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
seconds="${1:-60}"
shift || true
all_targets=(fuzz_csv fuzz_frab_xml fuzz_frab_json fuzz_ics fuzz_registrants fuzz_hub_forms fuzz_manifest fuzz_sheet)
targets=("$@")
((${#targets[@]} > 0)) || targets=("${all_targets[@]}")
bash "$root/tools/setup.sh"
# The fuzzers' extras only (KIOSK_SETUP_EXTRAS=1 would also install the benchmark's browser).
fuzz_missing=()
for p in clang libclang-rt-14-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || fuzz_missing+=("$p")
done
if ((${#fuzz_missing[@]} > 0)); then
  SUDO=""
  [[ $(id -u) != 0 ]] && SUDO=sudo
  $SUDO apt-get install -y -qq --no-install-recommends "${fuzz_missing[@]}" >/dev/null
fi
build="$root/build-fuzz"
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -DKIOSK_FUZZ=ON -DKIOSK_BUILD_APP=OFF -DKIOSK_BUILD_TESTS=OFF \
  -DKIOSK_BUILD_BENCH=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target "${targets[@]}"
shared="$root/../shared"
seeds_dir="$root/tests/fuzz/seeds"
mkdir -p "$build/crashes"
status=0
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  case "$target" in
    fuzz_csv) seeds=("$root/schedules" "$shared/cases/cancelled" "$shared/cases/csv-encoding") ;;
    fuzz_frab_xml) seeds=("$shared/cases/durations" "$shared/cases/midnight" "$shared/cases/truncated") ;;
    fuzz_frab_json) seeds=("$shared/cases/duplicate-ids") ;;
    fuzz_ics) seeds=("$shared/cases/tz-ics" "$shared/cases/ical-folding" "$shared/corpus/ics") ;;
    fuzz_registrants) seeds=("$shared/cases/search-accents" "$shared/corpus/attendees") ;;
    # Bodies as the hub and the desks send them, and manifests as `kioskctl publish` writes them (byte 0 picks the
    # mode, see fuzz_manifest.cpp); tests/fuzz/seeds/README says how they were made.
    fuzz_hub_forms) seeds=("$seeds_dir/hub_forms") ;;
    fuzz_manifest) seeds=("$seeds_dir/manifest") ;;
    fuzz_sheet) seeds=("$seeds_dir/sheet") ;;  # xlsx/ods made by tests/SheetWriter.h
    *) echo "fuzz.sh: unknown target $target" >&2; exit 2 ;;
  esac
  # The workbook reader must hold its bounds (Table.h) on hostile ZIPs: half libFuzzer's default memory limit.
  limits=()
  [[ "$target" == fuzz_sheet ]] && limits=(-rss_limit_mb=512)
  existing=()
  for s in "${seeds[@]}"; do [[ -d "$s" ]] && existing+=("$s"); done
  echo "== $target for ${seconds}s"
  if ! "$build/tests/fuzz/$target" "$corpus" "${existing[@]}" -max_total_time="$seconds" -max_len=65536 "${limits[@]}" \
      -artifact_prefix="$build/crashes/$target-" -print_final_stats=1 2>&1 | tail -n 12; then
    status=1
  fi
done
exit $status
