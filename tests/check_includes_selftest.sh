#!/usr/bin/env bash
# check_includes.sh catches what it is for: a public-screen source including a check-in header or one of the
# registrant store's headers (the store's split gave it RegistrantStoreInternal.h and RegistrantSearch.h beside
# RegistrantStore.h), however the path is written, and a link closure holding the check-in library.
# Usage: check_includes_selftest.sh SOURCE_DIR
set -euo pipefail
script=$1/tests/check_includes.sh
tree=$(mktemp -d)
trap 'rm -rf "$tree"' EXIT
mkdir -p "$tree"/kiosk/{app,ui,core,store,sync,importers,server}
printf '#include "kiosk/store/RegistrantStoreInternal.h"\n' >"$tree/kiosk/app/Internal.cpp"
printf '#include <kiosk/store/RegistrantSearch.h>\n' >"$tree/kiosk/ui/Search.h"
printf '#include "RegistrantStore.h"\n' >"$tree/kiosk/store/ScheduleRelative.cpp"
printf '#  include "../checkin/Protocol.h"\n' >"$tree/kiosk/core/Relative.cpp"
printf '#include "kiosk/store/ScheduleStore.h"\n#include "kiosk/core/Registrant.h"\n' >"$tree/kiosk/app/Clean.cpp"
status=0
if errors=$(bash "$script" "$tree" kiosk_core kiosk_checkin 2>&1 >/dev/null); then
  echo "check_includes.sh passed a tree that includes personal data" >&2
  status=1
fi
for file in kiosk/app/Internal.cpp kiosk/ui/Search.h kiosk/store/ScheduleRelative.cpp kiosk/core/Relative.cpp \
  "links kiosk_checkin"; do
  if ! grep -qF "$file" <<<"$errors"; then
    echo "check_includes.sh missed: $file" >&2
    status=1
  fi
done
if grep -qF "Clean.cpp" <<<"$errors"; then
  echo "check_includes.sh flagged a clean file: $errors" >&2
  status=1
fi
[[ $status == 0 ]] && echo "check_includes.sh catches every leak of the sample tree"
exit $status
