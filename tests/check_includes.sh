#!/usr/bin/env bash
# The public screens (lobby, door sign, touch screen, headless) cannot reach personal data by construction (DESIGN.md,
# issue 12): none of their sources includes a check-in header (kiosk/checkin/, kiosk/app/CheckinDesk.h) or the
# registrant store's (kiosk/store/Registrant*.h), and their library links neither kiosk/checkin nor the registrant
# store. Beside e2e_people_private (strace: a running public screen never opens the registrant file).
# Usage: check_includes.sh SOURCE_DIR [TARGET...]   TARGETs: kiosk_screens' link closure (from CMakeLists.txt).
set -euo pipefail
source_dir=$1
shift
status=0

# Their sources: every folder the public screens' library is built from or links, walked (a new file is covered
# without a list to update). Not public: the desk's window loop, the mode dispatcher and its command line, the registrant store itself
# (kiosk/store/Registrant*: the kiosk_registrant_store library).
public_sources=()
while IFS= read -r -d '' file; do
  case "$file" in
    */kiosk/app/CheckinDesk.* | */kiosk/app/main.cpp | */kiosk/app/CommandLine.* | */kiosk/store/Registrant*) continue ;;
  esac
  public_sources+=("$file")
done < <(find "$source_dir/kiosk/app" "$source_dir/kiosk/ui" "$source_dir/kiosk/core" "$source_dir/kiosk/store" \
  "$source_dir/kiosk/sync" "$source_dir/kiosk/importers" "$source_dir/kiosk/server" \
  -type f \( -name '*.cpp' -o -name '*.h' -o -name '*.hpp' \) -print0 | sort -z)

for file in "${public_sources[@]}"; do
  # #include "…" or <…> naming a check-in header or one of the registrant store's (kiosk/store/Registrant*: the
  # store, its internals, its search), however the path is written.
  while IFS= read -r line; do
    echo "${file#"$source_dir"/}: includes personal data: $line" >&2
    status=1
  done < <(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*["<]([^">]*/)?(checkin/[^">]*|CheckinDesk\.h|store/Registrant[^">/]*|Registrant(Store|Search)[^">/]*\.h)[">]' \
    "$file" || true)
done

for target in "$@"; do
  case "$target" in
    kiosk_checkin | kiosk_checkin_desk | kiosk_desk | kiosk_registrant_store)
      echo "the public screens' library links $target" >&2
      status=1
      ;;
  esac
done

if [[ $status == 0 ]]; then
  echo "public screens: ${#public_sources[@]} sources include no check-in or registrant store header;" \
    "links: ${*:-(none given)}"
fi
exit $status
