// The fields of text that enter the kiosk: control characters and maximum lengths (see Fields.h).
#include "kiosk/core/Fields.h"

#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <tuple>
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

/// The code point of the well-formed UTF-8 sequence at `i` and its length; {-1, 1} for a stray byte.
std::pair<std::int32_t, std::size_t> CodePointAt(std::string_view text, std::size_t i) {
  const unsigned char c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return {c, 1};
  utf8proc_int32_t cp = -1;
  const utf8proc_ssize_t n =
      utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + i),
                       static_cast<utf8proc_ssize_t>(std::min<std::size_t>(4, text.size() - i)), &cp);
  if (n <= 0 || cp < 0) return {-1, 1};
  return {cp, static_cast<std::size_t>(n)};
}

/// UAX #9 section 2 "Explicit Directional Formatting Characters" and the implicit marks (LRM, RLM, ALM).
bool IsBidiControl(std::int32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

/// ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER: Cf, but Persian, the Indic scripts and emoji sequences need them.
bool IsJoiner(std::int32_t cp) { return cp == 0x200C || cp == 0x200D; }

bool IsLineSeparator(std::int32_t cp) { return cp == 0x2028 || cp == 0x2029; }  // Zl, Zp

bool IsFormat(std::int32_t cp) { return cp >= 0 && utf8proc_category(cp) == UTF8PROC_CATEGORY_CF; }

/// The Unicode name of the format characters messages name, or "".
std::string_view FormatName(std::int32_t cp) {
  switch (cp) {
    case 0x00AD:
      return "SOFT HYPHEN";
    case 0x061C:
      return "ARABIC LETTER MARK";
    case 0x200B:
      return "ZERO WIDTH SPACE";
    case 0x200C:
      return "ZERO WIDTH NON-JOINER";
    case 0x200D:
      return "ZERO WIDTH JOINER";
    case 0x200E:
      return "LEFT-TO-RIGHT MARK";
    case 0x200F:
      return "RIGHT-TO-LEFT MARK";
    case 0x2028:
      return "LINE SEPARATOR";
    case 0x2029:
      return "PARAGRAPH SEPARATOR";
    case 0x202A:
      return "LEFT-TO-RIGHT EMBEDDING";
    case 0x202B:
      return "RIGHT-TO-LEFT EMBEDDING";
    case 0x202C:
      return "POP DIRECTIONAL FORMATTING";
    case 0x202D:
      return "LEFT-TO-RIGHT OVERRIDE";
    case 0x202E:
      return "RIGHT-TO-LEFT OVERRIDE";
    case 0x2060:
      return "WORD JOINER";
    case 0x2066:
      return "LEFT-TO-RIGHT ISOLATE";
    case 0x2067:
      return "RIGHT-TO-LEFT ISOLATE";
    case 0x2068:
      return "FIRST STRONG ISOLATE";
    case 0x2069:
      return "POP DIRECTIONAL ISOLATE";
    case 0xFEFF:
      return "ZERO WIDTH NO-BREAK SPACE";
    default:
      return "";
  }
}

/// Why the character `cp` may not be in an identifier ("a bidirectional formatting character (U+202E RIGHT-TO-LEFT
/// OVERRIDE)"), or "" when it may. `joiners`: ZWNJ and ZWJ allowed (a room looked up by its display name).
std::string FormatProblem(std::int32_t cp, bool joiners) {
  const char* what = IsLineSeparator(cp)                          ? "a line or paragraph separator"
                     : IsBidiControl(cp)                          ? "a bidirectional formatting character"
                     : IsFormat(cp) && !(joiners && IsJoiner(cp)) ? "an invisible format character"
                                                                  : nullptr;
  if (what == nullptr) return {};
  const std::string_view name = FormatName(cp);
  return std::string(what) + " (U+" + Hex(static_cast<unsigned>(cp), cp > 0xFFFF ? 5 : 4) + (name.empty() ? "" : " ") +
         std::string(name) + ")";
}

/// The problem of `text` as an identifier of at most `max_chars` characters (see IdentifierProblem).
std::optional<std::string> Problem(std::string_view text, std::size_t max_chars, bool joiners) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsContinuation(c)) continue;
    ++chars;
    if (IsC0OrDel(c) || IsC1At(text, i)) {
      const unsigned code = IsC1At(text, i) ? static_cast<unsigned char>(text[i + 1]) : c;
      return "holds a control character (U+" + Hex(code, 4) + ") at character " + std::to_string(chars);
    }
    if (c >= 0xC2) {
      if (std::string problem = FormatProblem(CodePointAt(text, i).first, joiners); !problem.empty()) {
        return "holds " + problem + " at character " + std::to_string(chars);
      }
    }
  }
  if (chars > max_chars) {
    return "is " + std::to_string(chars) + " characters long; at most " + std::to_string(max_chars);
  }
  if (!IsValidUtf8(text)) return "is not valid UTF-8";
  return std::nullopt;
}

/// Removes, in place, the bidi controls of `text` that could reorder anything outside their own span (UAX #9
/// sections 3.3.2 X1-X8 as a stack per line): every override (LRO, RLO) with the PDF that closes it, and every
/// embedding (LRE, RLE) or isolate (LRI, RLI, FSI) not closed on its own line (by a PDF, resp. a PDI), an embedding
/// left open when its enclosing isolate closes, and every PDF or PDI that closes nothing. Marks (LRM, RLM, ALM) reverse
/// nothing and stay. With `room`, every format character (Cf) but ZWNJ and ZWJ goes. Returns how many went.
std::size_t BalanceBidi(std::string& text, bool room) {
  enum class Kind { Embedding, Override, Isolate };
  struct Open {
    Kind kind;
    std::size_t index;  // into `found`
  };
  struct Found {
    std::size_t offset, length;
    bool keep;
  };
  std::vector<Found> found;
  std::vector<Open> stack;
  auto end_line = [&] {
    for (const Open& open : stack) found[open.index].keep = false;
    stack.clear();
  };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') end_line();
    if (c < 0xC2) {
      ++i;
      continue;
    }
    const auto [cp, length] = CodePointAt(text, i);
    const bool bidi = IsBidiControl(cp);
    if (room ? (IsFormat(cp) && !IsJoiner(cp)) : bidi) found.push_back({i, length, !room});
    i += length;
    if (room || !bidi) continue;
    const std::size_t index = found.size() - 1;
    if (cp == 0x202A || cp == 0x202B) {
      stack.push_back({Kind::Embedding, index});
    } else if (cp == 0x202D || cp == 0x202E) {
      found[index].keep = false;
      stack.push_back({Kind::Override, index});
    } else if (cp >= 0x2066 && cp <= 0x2068) {
      stack.push_back({Kind::Isolate, index});
    } else if (cp == 0x202C) {  // PDF: closes the innermost embedding or override, never across an isolate (X7)
      if (stack.empty() || stack.back().kind == Kind::Isolate) {
        found[index].keep = false;
      } else {
        found[index].keep = stack.back().kind == Kind::Embedding;
        stack.pop_back();
      }
    } else if (cp == 0x2069) {  // PDI: closes the innermost isolate and whatever is open inside it (X6a)
      const auto isolate =
          std::find_if(stack.rbegin(), stack.rend(), [](const Open& o) { return o.kind == Kind::Isolate; });
      if (isolate == stack.rend()) {
        found[index].keep = false;
      } else {
        const auto first = isolate.base() - 1;
        for (auto it = first + 1; it != stack.end(); ++it) found[it->index].keep = false;
        stack.erase(first, stack.end());
      }
    }
  }
  end_line();
  std::size_t removed = 0;
  for (const Found& f : found) removed += f.keep ? 0 : 1;
  if (removed == 0) return 0;
  std::string out;
  out.reserve(text.size());
  std::size_t from = 0;
  for (const Found& f : found) {
    if (f.keep) continue;
    out.append(text, from, f.offset - from);
    from = f.offset + f.length;
  }
  out.append(text, from, std::string::npos);
  text = std::move(out);
  return removed;
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
  const FieldLimit& limit = LimitOf(kind);
  return Problem(text, limit.max_chars, !limit.identifier);
}

std::string WithoutFormatCharacters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto [cp, length] = CodePointAt(text, i);
    if (!IsFormat(cp) && !IsLineSeparator(cp)) out.append(text.substr(i, length));
    i += length;
  }
  return out;
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
  std::size_t removed = 0, separators = 0, byte_order_marks = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsC0OrDel(c) && c != '\n' && c != '\t') {
      ++removed;
    } else if (IsC1At(text, i)) {
      ++removed;
      ++i;
    } else if (c == 0xE2 && text.substr(i, 2) == "\xE2\x80" && i + 2 < text.size() &&
               (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      ++separators;  // U+2028, U+2029: a screen line is a line; a space keeps the words apart
      out.push_back(' ');
      i += 2;
    } else if (c == 0xEF && text.substr(i, 3) == "\xEF\xBB\xBF") {
      ++byte_order_marks;  // U+FEFF inside the text: a BOM left by a concatenation, or the deprecated ZWNBSP
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  const bool room = kind == FieldKind::RoomName;
  std::size_t bidi = BalanceBidi(out, room);
  const std::size_t max = LimitOf(kind).max_chars;
  const std::size_t chars = CountChars(out);
  if (chars > max) {
    out = CutText(out, max);
    bidi += BalanceBidi(out, room);  // an opener whose closer was cut off
  }
  if (warning != nullptr) {
    warning->clear();
    auto add = [warning](const std::string& part) { *warning += (warning->empty() ? "" : "; ") + part; };
    if (removed != 0) add("removed " + Plural(removed, "control character"));
    if (bidi != 0) {
      add("removed " + Plural(bidi, room ? "invisible format character" : "bidirectional formatting character") +
          (room ? "" : " (unbalanced or overriding, UAX #9)"));
    }
    if (separators != 0) add("replaced " + Plural(separators, "line or paragraph separator") + " with spaces");
    if (byte_order_marks != 0) add("removed " + Plural(byte_order_marks, "byte-order mark") + " (U+FEFF)");
    if (chars > max) {
      add("cut from " + std::to_string(chars) + " to " + std::to_string(max) + " characters (its maximum)");
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
    if (const std::int32_t cp = CodePointAt(text, i).first; IsLineSeparator(cp) || (IsFormat(cp) && !IsJoiner(cp))) {
      out += "\\u" + Hex(static_cast<unsigned>(cp), cp > 0xFFFF ? 5 : 4);  // would reorder, hide or break the line
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out;
}

void CheckSessionFields(Session& session, const std::string& where, const std::string& label,
                        std::vector<Warning>& warnings) {
  // A room key is a room's guid (checked where the importer read it) or its normalized name: display text, where
  // the joiners of Persian and Indic names are legitimate.
  for (auto [text, field, joiners] :
       {std::tuple{&session.uid, "uid", false}, std::tuple{&session.source_id, "id", false},
        std::tuple{&session.room_key, "room key", true}}) {
    if (auto problem = Problem(*text, LimitOf(FieldKind::Uid).max_chars, joiners)) {
      throw ImportError(where, (label.empty() ? std::string() : label + ": ") + field + " " + *problem);
    }
  }
  Clean(session.title, FieldKind::Title, where, label, "title", warnings);
  Clean(session.title_en, FieldKind::Title, where, label, "English title", warnings);
  Clean(session.kind, FieldKind::Label, where, label, "kind", warnings);
  Clean(session.track, FieldKind::Label, where, label, "track", warnings);
  Clean(session.language, FieldKind::Label, where, label, "language", warnings);
  Clean(session.description, FieldKind::Description, where, label, "description", warnings);
  Clean(session.interpretation.channel, FieldKind::Label, where, label, "interpretation channel", warnings);
  for (std::string& language : session.interpretation.languages)
    Clean(language, FieldKind::Label, where, label, "interpretation language", warnings);
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
  for (const std::string& code : registrant.ticket_codes) {
    if (auto problem = IdentifierProblem(FieldKind::OrderCode, code))
      throw ImportError(where, "ticket code " + *problem);
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
