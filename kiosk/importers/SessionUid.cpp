// A session's uid (see SessionUid.h).
#include "kiosk/importers/SessionUid.h"

#include "kiosk/core/Fields.h"
#include "kiosk/core/Text.h"

namespace kiosk::importers {

std::string SessionUid(std::string_view guid, std::string_view source_id, const DerivedUid& derived) {
  if (!guid.empty()) return std::string(guid);
  if (!source_id.empty()) return "id:" + std::string(source_id);
  std::string uid = std::string(derived.scheme) + ":" + derived.when;
  if (!derived.room_key.empty()) uid += "@" + std::string(derived.room_key);
  return uid + "/" + NormalizeKey(WithoutFormatCharacters(CleanDisplayText(FieldKind::Title, derived.title)));
}

}  // namespace kiosk::importers
