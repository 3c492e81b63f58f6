// The fields of text that enter the kiosk: control characters and maximum lengths (see Fields.h).
#include "kiosk/core/Fields.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "kiosk/core/Text.h"

namespace kiosk {
namespace {

constexpr std::string_view kEllipsisText = "\xE2\x80\xA6";  // U+2026

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

/// C0 or DEL: one byte. C1 (U+0080-U+009F) is, in UTF-8, 0xC2 followed by 0x80-0x9F.
bool IsC0OrDel(unsigned char c) { return c < 0x20 || c == 0x7F; }
bool IsC1At(std::string_view text, std::size_t i) {
  return static_cast<unsigned char>(text[i]) == 0xC2 && i + 1 < text.size() &&
         static_cast<unsigned char>(text[i + 1]) >= 0x80 && static_cast<unsigned char>(text[i + 1]) <= 0x9F;
}

std::size_t CountChars(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) count += !IsContinuation(static_cast<unsigned char>(c));
  return count;
}

std::string Hex(unsigned value, int digits) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string out(static_cast<std::size_t>(digits), '0');
  for (int i = digits - 1; i >= 0; --i, value >>= 4) out[static_cast<std::size_t>(i)] = kDigits[value & 0xF];
  return out;
}

std::string Plural(std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

std::string Prefix(const std::string& label, std::string_view field) {
  return (label.empty() ? std::string() : label + ": ") + std::string(field) + ": ";
}

/// Cleans `text` in place as `kind`; a warning at `where` naming `field` (and `label`) when anything changed.
void Clean(std::string& text, FieldKind kind, const std::string& where, const std::string& label,
           std::string_view field, std::vector<Warning>& warnings) {
  std::string warning;
  std::string cleaned = CleanDisplayText(kind, text, &warning);
  if (warning.empty()) return;
  text = std::move(cleaned);
  warnings.push_back({where, Prefix(label, field) + warning});
}

}  // namespace

const FieldLimit& LimitOf(FieldKind kind) {
  for (const FieldLimit& limit : kFieldLimits) {
    if (limit.kind == kind) return limit;
  }
  return kFieldLimits.front();  // unreachable: every kind has its row (see the table)
}

std::optional<std::string> IdentifierProblem(FieldKind kind, std::string_view text) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsContinuation(c)) continue;
    ++chars;
    if (IsC0OrDel(c) || IsC1At(text, i)) {
      const unsigned code = IsC1At(text, i) ? static_cast<unsigned char>(text[i + 1]) : c;
      return "holds a control character (U+" + Hex(code, 4) + ") at character " + std::to_string(chars);
    }
  }
  const std::size_t max = LimitOf(kind).max_chars;
  if (chars > max) {
    return "is " + std::to_string(chars) + " characters long; at most " + std::to_string(max);
  }
  if (!IsValidUtf8(text)) return "is not valid UTF-8";
  return std::nullopt;
}

std::string CutText(std::string_view text, std::size_t max_chars) {
  if (max_chars == 0) return {};
  // The byte offset after max_chars - 1 characters, and whether there are more than max_chars characters at all.
  std::size_t chars = 0, keep = text.size();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (IsContinuation(static_cast<unsigned char>(text[i]))) continue;
    if (chars == max_chars - 1) keep = i;
    if (++chars > max_chars) return std::string(text.substr(0, keep)) + std::string(kEllipsisText);
  }
  return std::string(text);
}

std::string CleanDisplayText(FieldKind kind, std::string_view text, std::string* warning) {
  std::string out;
  out.reserve(std::min(text.size(), LimitOf(kind).max_chars * 4 + 4));
  std::size_t removed = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsC0OrDel(c) && c != '\n' && c != '\t') {
      ++removed;
    } else if (IsC1At(text, i)) {
      ++removed;
      ++i;
    } else {
      out.push_back(text[i]);
    }
  }
  const std::size_t max = LimitOf(kind).max_chars;
  const std::size_t chars = CountChars(out);
  if (chars > max) out = CutText(out, max);
  if (warning != nullptr) {
    warning->clear();
    if (removed != 0) *warning = "removed " + Plural(removed, "control character");
    if (chars > max) {
      if (!warning->empty()) *warning += "; ";
      *warning += "cut from " + std::to_string(chars) + " to " + std::to_string(max) + " characters (its maximum)";
    }
  }
  return out;
}

std::string Printable(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (chars == max_chars) return out + std::string(kEllipsisText);
    ++chars;
    if (IsC0OrDel(c)) {
      out += "\\x" + Hex(c, 2);
      ++i;
      continue;
    }
    if (IsC1At(text, i)) {
      out += "\\u" + Hex(static_cast<unsigned char>(text[i + 1]), 4);
      i += 2;
      continue;
    }
    std::size_t length = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (length == 0 || i + length > text.size() || !IsValidUtf8(text.substr(i, length))) {
      out += "\\x" + Hex(c, 2);
      ++i;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

void CheckSessionFields(Session& session, const std::string& where, const std::string& label,
                        std::vector<Warning>& warnings) {
  for (auto [text, field] : {std::pair{&session.uid, "uid"}, std::pair{&session.source_id, "id"},
                             std::pair{&session.room_key, "room key"}}) {
    if (auto problem = IdentifierProblem(FieldKind::Uid, *text)) {
      throw ImportError(where, (label.empty() ? std::string() : label + ": ") + field + " " + *problem);
    }
  }
  Clean(session.title, FieldKind::Title, where, label, "title", warnings);
  Clean(session.title_en, FieldKind::Title, where, label, "English title", warnings);
  Clean(session.kind, FieldKind::Label, where, label, "kind", warnings);
  Clean(session.track, FieldKind::Label, where, label, "track", warnings);
  Clean(session.language, FieldKind::Label, where, label, "language", warnings);
  Clean(session.description, FieldKind::Description, where, label, "description", warnings);
  if (session.speakers.size() > kMaxSpeakers) {
    warnings.push_back({where, Prefix(label, "speakers") + "more than " + std::to_string(kMaxSpeakers) +
                                   " speakers; the first " + std::to_string(kMaxSpeakers) + " kept"});
    session.speakers.resize(kMaxSpeakers);
  }
  std::size_t changed = 0;
  for (Speaker& speaker : session.speakers) {
    std::string name_warning, role_warning;
    std::string name = CleanDisplayText(FieldKind::SpeakerName, speaker.name, &name_warning);
    std::string role = CleanDisplayText(FieldKind::SpeakerRole, speaker.role, &role_warning);
    if (name_warning.empty() && role_warning.empty()) continue;
    ++changed;
    speaker.name = std::move(name);
    speaker.role = std::move(role);
  }
  if (changed != 0) {
    warnings.push_back({where, Prefix(label, "speakers") + "control characters removed or text cut in " +
                                   Plural(changed, "speaker") + " (a name has at most " +
                                   std::to_string(LimitOf(FieldKind::SpeakerName).max_chars) + " characters, a role " +
                                   std::to_string(LimitOf(FieldKind::SpeakerRole).max_chars) + ")"});
  }
}

void CheckConferenceFields(ConferenceInfo& conference, const std::string& where, std::vector<Warning>& warnings) {
  Clean(conference.title, FieldKind::Title, where, "conference", "title", warnings);
  Clean(conference.acronym, FieldKind::Label, where, "conference", "acronym", warnings);
  Clean(conference.description, FieldKind::Description, where, "conference", "description", warnings);
}

void CheckRegistrantFields(Registrant& registrant, const std::string& where, std::vector<Warning>& warnings) {
  if (auto problem = IdentifierProblem(FieldKind::OrderCode, registrant.order_code)) {
    throw ImportError(where, "order code " + *problem);
  }
  const std::string label = "order code " + registrant.order_code;
  Clean(registrant.first_name, FieldKind::PersonName, where, label, "first name", warnings);
  Clean(registrant.last_name, FieldKind::PersonName, where, label, "last name", warnings);
  Clean(registrant.organisation, FieldKind::Organisation, where, label, "organisation", warnings);
  Clean(registrant.email, FieldKind::Email, where, label, "e-mail", warnings);
  Clean(registrant.category, FieldKind::Label, where, label, "category", warnings);
  Clean(registrant.country, FieldKind::Label, where, label, "country", warnings);
  Clean(registrant.note, FieldKind::Note, where, label, "note", warnings);
  for (RegistrantAppointment& appointment : registrant.appointments) {
    Clean(appointment.title, FieldKind::Title, where, label, "programme title", warnings);
    Clean(appointment.place, FieldKind::Place, where, label, "programme place", warnings);
  }
}

void RequireIdentifierField(FieldKind kind, std::string_view json_field, std::string_view text) {
  if (auto problem = IdentifierProblem(kind, text)) {
    throw std::invalid_argument("field \"" + std::string(json_field) + "\" " + *problem);
  }
}

}  // namespace kiosk
