// The forms organizers write days and hours in (issue 13 section 2). Pure functions over short cells: every entry
// point refuses text over kMaxCellBytes before looking at it.
#include "kiosk/importers/CellForms.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <string>

#include "kiosk/core/Text.h"
#include "kiosk/importers/CsvText.h"

namespace kiosk::cells {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

/// Cells longer than this are not a day or a time: refused before any parsing (bounded work per cell).
constexpr std::size_t kMaxCellBytes = 200;
constexpr long kMaxDurationMinutes = 7 * 24 * 60;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.substr(0, prefix.size()) == prefix;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

/// The text trimmed, in NFC, ASCII lower-cased, with the Unicode spaces (NBSP, narrow NBSP, thin space) as ' ',
/// the dashes (en, em, minus, hyphen) as '-' and "à" as 'a': the alphabet the time and duration grammars read.
std::string Simplify(std::string_view text) {
  const std::string nfc = ToNfc(Trim(text));
  std::string out;
  out.reserve(nfc.size());
  for (std::size_t i = 0; i < nfc.size(); ++i) {
    const auto c = static_cast<unsigned char>(nfc[i]);
    const std::string_view rest = std::string_view(nfc).substr(i);
    if (c < 0x80) {
      out += static_cast<char>(std::tolower(c));
    } else if (StartsWith(rest, "\xC2\xA0")) {  // NBSP
      out += ' ';
      i += 1;
    } else if (StartsWith(rest, "\xC3\xA0") || StartsWith(rest, "\xC3\x80")) {  // à À
      out += 'a';
      i += 1;
    } else if (StartsWith(rest, "\xE2\x80\x99") || StartsWith(rest, "\xE2\x80\xB2")) {  // ’ and prime: 90’
      out += '\'';
      i += 2;
    } else if (StartsWith(rest, "\xE2\x80\xAF") || StartsWith(rest, "\xE2\x80\x89")) {  // narrow NBSP, thin space
      out += ' ';
      i += 2;
    } else if (StartsWith(rest, "\xE2\x80\x90") || StartsWith(rest, "\xE2\x80\x91") ||
               StartsWith(rest, "\xE2\x80\x93") || StartsWith(rest, "\xE2\x80\x94") ||
               StartsWith(rest, "\xE2\x88\x92")) {  // hyphen, non-breaking hyphen, en dash, em dash, minus
      out += '-';
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return std::string(Trim(out));
}

/// The words of a cell as NormalizeKey folds them (case, accents and punctuation ignored).
std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  const std::string key = NormalizeKey(text);
  std::size_t start = 0;
  while (start < key.size()) {
    std::size_t end = key.find('-', start);
    if (end == std::string::npos) end = key.size();
    if (end > start) words.push_back(key.substr(start, end - start));
    start = end + 1;
  }
  return words;
}

bool AllDigits(std::string_view text) { return !text.empty() && std::all_of(text.begin(), text.end(), IsDigit); }

// ---------------------------------------------------------------------------------------------------------------
// Times of day

enum class Meridiem { None, Am, Pm };

/// Removes a trailing "am", "pm", "a.m.", "p.m." (after a digit or a space) from `text`.
Meridiem StripMeridiem(std::string_view& text) {
  for (std::string_view suffix : {"a.m.", "p.m.", "a.m", "p.m", "am", "pm"}) {
    if (!EndsWith(text, suffix) || text.size() == suffix.size()) continue;
    const char before = text[text.size() - suffix.size() - 1];
    if (!IsDigit(before) && before != ' ') continue;
    const Meridiem meridiem = suffix[0] == 'a' ? Meridiem::Am : Meridiem::Pm;
    text = Trim(text.substr(0, text.size() - suffix.size()));
    return meridiem;
  }
  return Meridiem::None;
}

/// Reads 1 or 2 digits at `pos` (exactly 2 when `exactly_two`) not followed by another digit.
std::optional<int> ReadNumber(std::string_view text, std::size_t& pos, bool exactly_two) {
  std::size_t end = pos;
  while (end < text.size() && IsDigit(text[end])) ++end;
  const std::size_t length = end - pos;
  if (length == 0 || length > 2 || (exactly_two && length != 2)) return std::nullopt;
  const auto value = ParseDigits(text.substr(pos, length), 2);
  pos = end;
  return value;
}

void SkipSpaces(std::string_view text, std::size_t& pos) {
  while (pos < text.size() && text[pos] == ' ') ++pos;
}

/// ParseTimeOfDay on Simplify()d text.
std::optional<seconds> ParseSimpleTime(std::string_view text, bool allow_midnight_end) {
  text = Trim(text);
  if (EndsWith(text, "uhr")) text = Trim(text.substr(0, text.size() - 3));
  const Meridiem meridiem = StripMeridiem(text);
  std::size_t pos = 0;
  const auto hour = ReadNumber(text, pos, false);
  if (!hour) return std::nullopt;
  int minute = 0, second = 0;
  std::size_t after_hour = pos;
  SkipSpaces(text, after_hour);
  if (after_hour == text.size()) {
    if (meridiem == Meridiem::None || pos != text.size()) return std::nullopt;  // "9" alone is a number, not a time
  } else if (text[after_hour] == 'h') {                                         // "9h30", "9 h 30", "21h"
    pos = after_hour + 1;
    SkipSpaces(text, pos);
    if (pos < text.size()) {
      const auto value = ReadNumber(text, pos, true);
      if (!value) return std::nullopt;
      minute = *value;
    }
  } else if (pos < text.size() && (text[pos] == ':' || text[pos] == '.')) {  // "09:30", "09:30:00", "9.30"
    const char separator = text[pos++];
    const auto value = ReadNumber(text, pos, true);
    if (!value) return std::nullopt;
    minute = *value;
    if (separator == ':' && pos < text.size() && text[pos] == ':') {
      ++pos;
      const auto sec = ReadNumber(text, pos, true);
      if (!sec) return std::nullopt;
      second = *sec;
    }
  } else {
    return std::nullopt;
  }
  if (pos != text.size() || minute > 59 || second > 59) return std::nullopt;
  int h = *hour;
  if (meridiem != Meridiem::None) {
    if (h < 1 || h > 12) return std::nullopt;  // "13:00 PM", "0:30 AM"
    if (h == 12) h = 0;                        // 12 AM is midnight, 12 PM noon
    if (meridiem == Meridiem::Pm) h += 12;
  }
  const seconds total = hours{h} + minutes{minute} + seconds{second};
  if (total < hours{24}) return total;
  if (allow_midnight_end && total == hours{24}) return total;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------------------------
// Days

constexpr std::array<std::string_view, 8> kWeekdayNames{"",         "Monday", "Tuesday",  "Wednesday",
                                                        "Thursday", "Friday", "Saturday", "Sunday"};
constexpr std::array<std::string_view, 13> kMonthNames{"",        "January",  "February", "March",  "April",
                                                       "May",     "June",     "July",     "August", "September",
                                                       "October", "November", "December"};

struct NameValue {
  std::string_view name;
  unsigned value;
};

/// Weekday names and abbreviations in French, English and German, as NormalizeKey folds them. ISO 1 = Monday.
constexpr NameValue kWeekdays[] = {
    {"lundi", 1},  {"lun", 1},        {"monday", 1},    {"mon", 1},       {"montag", 1},   {"mo", 1},
    {"mardi", 2},  {"mar", 2},        {"tuesday", 2},   {"tue", 2},       {"tues", 2},     {"dienstag", 2},
    {"di", 2},     {"mercredi", 3},   {"mer", 3},       {"wednesday", 3}, {"wed", 3},      {"mittwoch", 3},
    {"mi", 3},     {"jeudi", 4},      {"jeu", 4},       {"thursday", 4},  {"thu", 4},      {"thur", 4},
    {"thurs", 4},  {"donnerstag", 4}, {"do", 4},        {"vendredi", 5},  {"ven", 5},      {"friday", 5},
    {"fri", 5},    {"freitag", 5},    {"fr", 5},        {"samedi", 6},    {"sam", 6},      {"saturday", 6},
    {"sat", 6},    {"samstag", 6},    {"sonnabend", 6}, {"sa", 6},        {"dimanche", 7}, {"dim", 7},
    {"sunday", 7}, {"sun", 7},        {"sonntag", 7},   {"so", 7},
};

/// Month names and abbreviations in French, English and German, as NormalizeKey folds them ("août" is "aout",
/// "Mär" is "mar").
constexpr NameValue kMonths[] = {
    {"janvier", 1},   {"janv", 1},      {"jan", 1},      {"january", 1},   {"januar", 1},    {"janner", 1},
    {"fevrier", 2},   {"fevr", 2},      {"fev", 2},      {"february", 2},  {"feb", 2},       {"februar", 2},
    {"mars", 3},      {"mar", 3},       {"march", 3},    {"marz", 3},      {"avril", 4},     {"avr", 4},
    {"april", 4},     {"apr", 4},       {"mai", 5},      {"may", 5},       {"juin", 6},      {"june", 6},
    {"jun", 6},       {"juni", 6},      {"juillet", 7},  {"juil", 7},      {"july", 7},      {"jul", 7},
    {"juli", 7},      {"aout", 8},      {"august", 8},   {"aug", 8},       {"septembre", 9}, {"sept", 9},
    {"sep", 9},       {"september", 9}, {"octobre", 10}, {"oct", 10},      {"october", 10},  {"oktober", 10},
    {"okt", 10},      {"novembre", 11}, {"nov", 11},     {"november", 11}, {"decembre", 12}, {"dec", 12},
    {"december", 12}, {"dezember", 12}, {"dez", 12},
};

template <std::size_t N>
std::optional<unsigned> Lookup(const NameValue (&table)[N], std::string_view word) {
  for (const auto& entry : table) {
    if (entry.name == word) return entry.value;
  }
  return std::nullopt;
}

/// A number written as a day of the month or a day of the event: "8", "1er", "2e", "2eme", "1st", "3rd", "8th".
std::optional<int> OrdinalNumber(std::string_view word) {
  std::size_t digits = 0;
  while (digits < word.size() && IsDigit(word[digits])) ++digits;
  if (digits == 0 || digits > 2) return std::nullopt;
  const std::string_view suffix = word.substr(digits);
  for (std::string_view allowed : {"", "er", "re", "e", "eme", "ieme", "st", "nd", "rd", "th"}) {
    if (suffix == allowed) return ParseDigits(word.substr(0, digits), 2);
  }
  return std::nullopt;
}

bool IsDayWord(std::string_view word) {
  return word == "jour" || word == "journee" || word == "j" || word == "day" || word == "tag";
}

/// A calendar date, any year, from the words of a day cell (weekday already removed); nullopt when the words are not
/// one. `year_month_day` may be !ok() (31/02/2026): the caller tells that apart.
std::optional<Day> DateOfWords(const std::vector<std::string>& words) {
  if (words.size() != 3) return std::nullopt;
  int year = 0, month = 0, day = 0;
  if (AllDigits(words[0]) && AllDigits(words[1]) && AllDigits(words[2])) {
    if (words[0].size() == 4 && words[1].size() <= 2 && words[2].size() <= 2) {  // ISO 2026-07-08
      year = *ParseDigits(words[0], 4);
      month = *ParseDigits(words[1], 2);
      day = *ParseDigits(words[2], 2);
    } else if (words[2].size() == 4 && words[0].size() <= 2 && words[1].size() <= 2) {  // day first 08/07/2026
      day = *ParseDigits(words[0], 2);
      month = *ParseDigits(words[1], 2);
      year = *ParseDigits(words[2], 4);
    } else {
      return std::nullopt;
    }
  } else {
    if (words[2].size() != 4 || !AllDigits(words[2])) return std::nullopt;
    year = *ParseDigits(words[2], 4);
    if (const auto name = Lookup(kMonths, words[1]); name && OrdinalNumber(words[0])) {  // 8 juillet 2026
      month = static_cast<int>(*name);
      day = *OrdinalNumber(words[0]);
    } else if (const auto first = Lookup(kMonths, words[0]); first && OrdinalNumber(words[1])) {  // July 8, 2026
      month = static_cast<int>(*first);
      day = *OrdinalNumber(words[1]);
    } else {
      return std::nullopt;
    }
  }
  return Day{date::year{year}, date::month{static_cast<unsigned>(month)}, date::day{static_cast<unsigned>(day)}};
}

/// A day and a month written without a year ("8 juillet", "July 8", "8. Juli", "1er août"); nullopt otherwise.
std::optional<date::month_day> MonthDayOfWords(const std::vector<std::string>& words) {
  if (words.size() != 2) return std::nullopt;
  std::optional<unsigned> month = Lookup(kMonths, words[1]);
  std::optional<int> day = OrdinalNumber(words[0]);
  if (!month || !day) {  // "July 8"
    month = Lookup(kMonths, words[0]);
    day = OrdinalNumber(words[1]);
  }
  if (!month || !day) return std::nullopt;
  const date::month_day result{date::month{*month}, date::day{static_cast<unsigned>(*day)}};
  if (!result.ok()) return std::nullopt;
  return result;
}

unsigned IsoWeekday(Day day) { return date::weekday{date::sys_days{day}}.iso_encoding(); }

std::string FormatIso(Day day) { return date::format("%Y-%m-%d", day); }

/// "8 July 2026".
std::string FormatLong(Day day) {
  return std::to_string(static_cast<unsigned>(day.day())) + " " +
         std::string(kMonthNames[static_cast<unsigned>(day.month())]) + " " +
         std::to_string(static_cast<int>(day.year()));
}

std::string DayList(const std::vector<Day>& days) {
  std::string list;
  for (const Day& day : days) {
    if (!list.empty()) list += ", ";
    list += FormatIso(day);
  }
  return list;
}

void SetProblem(std::string* problem, std::string text) {
  if (problem) *problem = std::move(text);
}

/// The day-number phrase at the start of `words` ("jour 1", "j1", "1er jour", "day 2", "tag 2", "2 tag"): the
/// number and how many words it took.
std::optional<std::pair<int, std::size_t>> DayNumberAt(const std::vector<std::string>& words, std::size_t at) {
  if (at >= words.size()) return std::nullopt;
  const std::string& first = words[at];
  if (IsDayWord(first) && at + 1 < words.size() && AllDigits(words[at + 1])) {
    if (const auto n = ParseDigits(words[at + 1], 2)) return std::pair{*n, std::size_t{2}};
  }
  if ((first[0] == 'j' || first[0] == 'd' || first[0] == 't') && first.size() >= 2 && first.size() <= 3 &&
      AllDigits(std::string_view(first).substr(1))) {
    if (const auto n = ParseDigits(std::string_view(first).substr(1), 2)) return std::pair{*n, std::size_t{1}};
  }
  if (at + 1 < words.size() && IsDayWord(words[at + 1])) {
    if (const auto n = OrdinalNumber(first)) return std::pair{*n, std::size_t{2}};
  }
  return std::nullopt;
}

bool IsStopWord(std::string_view word) {
  return word == "le" || word == "the" || word == "of" || word == "den" || word == "der" || word == "am";
}

// ---------------------------------------------------------------------------------------------------------------
// Date and time in one cell

/// A trailing "Z" or UTC offset ("+02:00", "+0200", "+02", "-05:00") of a time, removed from `text`.
std::optional<seconds> StripOffset(std::string_view& text) {
  if (EndsWith(text, "z") && text.size() > 1 && IsDigit(text[text.size() - 2])) {
    text = text.substr(0, text.size() - 1);
    return seconds{0};
  }
  for (std::size_t length : {6u, 5u, 3u}) {  // +02:00, +0200, +02
    if (text.size() <= length) continue;
    const std::string_view tail = text.substr(text.size() - length);
    if (tail[0] != '+' && tail[0] != '-') continue;
    const char before = text[text.size() - length - 1];
    if (!IsDigit(before) && before != ' ') continue;
    std::optional<int> h, m = 0;
    if (length == 6) {
      if (tail[3] != ':') continue;
      h = ParseDigits(tail.substr(1, 2), 2);
      m = ParseDigits(tail.substr(4, 2), 2);
    } else if (length == 5) {
      h = ParseDigits(tail.substr(1, 2), 2);
      m = ParseDigits(tail.substr(3, 2), 2);
    } else {
      h = ParseDigits(tail.substr(1, 2), 2);
    }
    if (!h || !m || *h > 14 || *m > 59) continue;
    text = Trim(text.substr(0, text.size() - length));
    const seconds offset = hours{*h} + minutes{*m};
    return tail[0] == '-' ? -offset : offset;
  }
  return std::nullopt;
}

/// The date part of a date-and-time cell without the words that join it to the time ("à", "at", "um", ",").
std::string_view StripJoiner(std::string_view text) {
  text = Trim(text);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::string_view joiner : {",", " a", " at", " um", " -", " /"}) {
      if (EndsWith(text, joiner) && text.size() > joiner.size()) {
        text = Trim(text.substr(0, text.size() - joiner.size()));
        changed = true;
      }
    }
  }
  return text;
}

// ---------------------------------------------------------------------------------------------------------------
// Interpretation

struct LanguageName {
  std::string_view name;
  std::string_view code;
};

/// Language names in French, English and German (NormalizeKey-folded) and the 3-letter codes exports use.
constexpr LanguageName kLanguageNames[] = {
    {"francais", "FR"},    {"french", "FR"},      {"franzosisch", "FR"},
    {"fra", "FR"},         {"fre", "FR"},         {"anglais", "EN"},
    {"english", "EN"},     {"englisch", "EN"},    {"eng", "EN"},
    {"espagnol", "ES"},    {"spanish", "ES"},     {"spanisch", "ES"},
    {"spa", "ES"},         {"esp", "ES"},         {"castellano", "ES"},
    {"allemand", "DE"},    {"german", "DE"},      {"deutsch", "DE"},
    {"deu", "DE"},         {"ger", "DE"},         {"italien", "IT"},
    {"italian", "IT"},     {"italienisch", "IT"}, {"ita", "IT"},
    {"portugais", "PT"},   {"portuguese", "PT"},  {"portugiesisch", "PT"},
    {"por", "PT"},         {"arabe", "AR"},       {"arabic", "AR"},
    {"arabisch", "AR"},    {"ara", "AR"},         {"chinois", "ZH"},
    {"chinese", "ZH"},     {"chinesisch", "ZH"},  {"mandarin", "ZH"},
    {"russe", "RU"},       {"russian", "RU"},     {"russisch", "RU"},
    {"japonais", "JA"},    {"japanese", "JA"},    {"japanisch", "JA"},
    {"neerlandais", "NL"}, {"dutch", "NL"},       {"niederlandisch", "NL"},
    {"polonais", "PL"},    {"polish", "PL"},      {"polnisch", "PL"},
    {"ukrainien", "UK"},   {"ukrainian", "UK"},   {"ukrainisch", "UK"},
    {"turc", "TR"},        {"turkish", "TR"},     {"turkisch", "TR"},
    {"grec", "EL"},        {"greek", "EL"},       {"griechisch", "EL"},
    {"catalan", "CA"},     {"katalanisch", "CA"}, {"swahili", "SW"},
    {"wolof", "WO"},       {"persan", "FA"},      {"persian", "FA"},
    {"farsi", "FA"},       {"hindi", "HI"},       {"coreen", "KO"},
    {"korean", "KO"},      {"koreanisch", "KO"},  {"vietnamien", "VI"},
    {"vietnamese", "VI"},  {"roumain", "RO"},     {"romanian", "RO"},
    {"suedois", "SV"},     {"swedish", "SV"},     {"schwedisch", "SV"},
    {"danois", "DA"},      {"danish", "DA"},      {"norvegien", "NO"},
    {"norwegian", "NO"},   {"finnois", "FI"},     {"finnish", "FI"},
    {"hebreu", "HE"},      {"hebrew", "HE"},      {"tcheque", "CS"},
    {"czech", "CS"},       {"hongrois", "HU"},    {"hungarian", "HU"},
    {"indonesien", "ID"},  {"indonesian", "ID"},  {"malgache", "MG"},
    {"lingala", "LN"},     {"amharique", "AM"},   {"amharic", "AM"},
    {"bambara", "BM"},     {"haoussa", "HA"},     {"hausa", "HA"},
    {"yoruba", "YO"},      {"peul", "FF"},        {"fula", "FF"},
    {"bengali", "BN"},     {"ourdou", "UR"},      {"urdu", "UR"},
    {"tamoul", "TA"},      {"tamil", "TA"},       {"thai", "TH"},
    {"croate", "HR"},      {"serbe", "SR"},       {"bulgare", "BG"},
    {"slovaque", "SK"},    {"slovene", "SL"},     {"irlandais", "GA"},
    {"breton", "BR"},      {"basque", "EU"},      {"corse", "CO"},
    {"occitan", "OC"},     {"creole", "HT"},
};

/// ISO 639-1 codes accepted as written (lower-case, NormalizeKey-folded).
constexpr std::string_view kIsoCodes[] = {
    "fr", "en", "es", "de", "it", "pt", "ar", "zh", "ru", "ja", "nl", "pl", "uk", "tr", "el", "ca", "sw", "wo",
    "fa", "hi", "ko", "vi", "ro", "sv", "da", "no", "nb", "fi", "he", "cs", "hu", "id", "mg", "ln", "am", "bm",
    "ha", "yo", "ff", "bn", "ur", "ta", "th", "hr", "sr", "bg", "sk", "sl", "ga", "br", "eu", "co", "oc", "ht",
    "ms", "tl", "lt", "lv", "et", "is", "mt", "sq", "mk", "hy", "ka", "az", "kk", "uz", "ps", "ne", "si", "km",
    "lo", "my", "mn", "so", "rw", "ig", "zu", "xh", "af", "ti", "om", "ku", "gl", "cy", "lb"};

std::optional<std::string> LanguageNameCode(std::string_view word) {
  for (const auto& entry : kLanguageNames) {
    if (entry.name == word) return std::string(entry.code);
  }
  return std::nullopt;
}

std::optional<std::string> LanguageCode(std::string_view word) {
  if (auto code = LanguageNameCode(word)) return code;
  for (std::string_view code : kIsoCodes) {
    if (code == word) {
      std::string upper(code);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      return upper;
    }
  }
  return std::nullopt;
}

bool IsInterpretationFiller(std::string_view word) {
  for (std::string_view filler : {"interpretation",
                                  "interpretations",
                                  "interpretariat",
                                  "interprete",
                                  "interpretes",
                                  "interpreted",
                                  "interpreting",
                                  "simultanee",
                                  "simultane",
                                  "simultaneous",
                                  "traduction",
                                  "traduit",
                                  "translation",
                                  "translated",
                                  "dolmetschen",
                                  "dolmetschung",
                                  "verdolmetschung",
                                  "gedolmetscht",
                                  "ubersetzung",
                                  "langue",
                                  "langues",
                                  "language",
                                  "languages",
                                  "sprache",
                                  "sprachen",
                                  "into",
                                  "to",
                                  "from",
                                  "and",
                                  "et",
                                  "und",
                                  "vers",
                                  "du",
                                  "des",
                                  "le",
                                  "la",
                                  "l",
                                  "les",
                                  "ins",
                                  "nach",
                                  "auf",
                                  "avec",
                                  "with",
                                  "mit",
                                  "oui",
                                  "yes",
                                  "casque",
                                  "casques",
                                  "headset",
                                  "headsets",
                                  "kopfhorer",
                                  "disponible",
                                  "available",
                                  "ou",
                                  "or",
                                  "oder"}) {
    if (word == filler) return true;
  }
  return false;
}

bool IsChannelWord(std::string_view word) {
  return word == "canal" || word == "channel" || word == "kanal" || word == "ch" || word == "can" || word == "chaine" ||
         word == "voie";
}

bool IsNone(std::string_view key) {
  for (std::string_view none : {"", "non", "no", "aucune", "aucun", "none", "nein", "keine", "n-a", "na", "sans",
                                "pas-d-interpretation", "no-interpretation", "keine-verdolmetschung"}) {
    if (key == none) return true;
  }
  return false;
}

}  // namespace

std::optional<seconds> ParseTimeOfDay(std::string_view text, bool allow_midnight_end) {
  if (text.size() > kMaxCellBytes) return std::nullopt;
  return ParseSimpleTime(Simplify(text), allow_midnight_end);
}

std::optional<TimeRange> ParseTimeRange(std::string_view text) {
  if (text.size() > kMaxCellBytes) return std::nullopt;
  std::string simple = Simplify(text);
  std::string_view rest = simple;
  for (std::string_view prefix : {"de ", "from ", "von ", "du ", "entre "}) {
    if (StartsWith(rest, prefix)) {
      rest = Trim(rest.substr(prefix.size()));
      break;
    }
  }
  // The separator: a dash or a slash, else a word ("à", "to", "bis", "until", "et" after "entre").
  std::size_t split = std::string_view::npos, split_length = 0;
  for (char separator : {'-', '/', '~'}) {
    const std::size_t at = rest.find(separator);
    if (at == std::string_view::npos) continue;
    if (rest.find(separator, at + 1) != std::string_view::npos) return std::nullopt;
    split = at;
    split_length = 1;
    break;
  }
  if (split == std::string_view::npos) {
    for (std::string_view word : {" a ", " to ", " bis ", " until ", " till ", " et ", " and "}) {
      const std::size_t at = rest.find(word);
      if (at == std::string_view::npos) continue;
      split = at;
      split_length = word.size();
      break;
    }
  }
  if (split == std::string_view::npos) {
    const auto start = ParseSimpleTime(rest, false);
    if (!start) return std::nullopt;
    return TimeRange{*start, std::nullopt};
  }
  std::string_view start_text = Trim(rest.substr(0, split));
  std::string_view end_text = Trim(rest.substr(split + split_length));
  const auto end = ParseSimpleTime(end_text, true);
  if (!end) return std::nullopt;
  std::string_view end_copy = end_text;
  const Meridiem end_meridiem = StripMeridiem(end_copy);
  std::string_view start_copy = start_text;
  const Meridiem start_meridiem = StripMeridiem(start_copy);
  std::optional<seconds> start;
  if (end_meridiem != Meridiem::None && start_meridiem == Meridiem::None) {
    // "9:30 - 10:30 AM": the end's AM/PM applies to the start when that keeps start <= end; "11:30 - 1 PM" keeps
    // 11:30; "11 - 1 PM" is 11 AM.
    const std::string with_end = std::string(start_text) + (end_meridiem == Meridiem::Am ? " am" : " pm");
    const auto same = ParseSimpleTime(with_end, false);
    if (same && *same <= *end) {
      start = same;
    } else if (const auto plain = ParseSimpleTime(start_text, false)) {
      start = plain;
    } else if (end_meridiem == Meridiem::Pm) {
      start = ParseSimpleTime(std::string(start_text) + " am", false);
    }
  } else {
    start = ParseSimpleTime(start_text, false);
    // "9-10h", "14 - 15h30": a bare hour before an end written as a time is that hour, when not after the end.
    if (!start && AllDigits(start_text) && !AllDigits(end_text)) {
      const auto hour = ParseDigits(start_text, 2);
      if (hour && hours{*hour} <= *end) start = hours{*hour};
    }
  }
  if (!start) return std::nullopt;
  return TimeRange{*start, end};
}

std::optional<DayCell> ParseDayCell(std::string_view text, std::string* problem) {
  const std::string shown(text.substr(0, std::min(text.size(), kMaxCellBytes)));
  if (text.size() > kMaxCellBytes) {
    SetProblem(problem, "a day cell of " + std::to_string(text.size()) + " bytes is not a day");
    return std::nullopt;
  }
  const std::string unreadable = "unreadable day '" + std::string(Trim(text)) +
                                 "': write a date (08/07/2026, 8 juillet 2026, 2026-07-08), a weekday or Jour 1";
  std::vector<std::string> words = Words(text);
  std::erase_if(words, [](const std::string& word) { return IsStopWord(word); });
  if (words.empty()) {
    SetProblem(problem, unreadable);
    return std::nullopt;
  }
  DayCell cell;
  // A day number first ("Jour 2 - mercredi") or last ("mercredi (jour 2)").
  if (const auto number = DayNumberAt(words, 0)) {
    cell.day_number = number->first;
    words.erase(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(number->second));
  } else {
    for (std::size_t at = words.size() >= 2 ? words.size() - 2 : 0; at < words.size(); ++at) {
      const auto tail = DayNumberAt(words, at);
      if (tail && at + tail->second == words.size()) {
        cell.day_number = tail->first;
        words.resize(at);
        break;
      }
    }
  }
  if (cell.day_number && *cell.day_number < 1) {
    SetProblem(problem, "'" + std::string(Trim(text)) + "': event days count from 1");
    return std::nullopt;
  }
  std::optional<Day> date;
  if (!words.empty()) {
    const auto weekday = Lookup(kWeekdays, words[0]);
    const std::vector<std::string> after(words.begin() + 1, words.end());
    if (weekday && after.empty()) {
      cell.weekday = weekday;
    } else if (weekday && DateOfWords(after)) {
      cell.weekday = weekday;
      date = DateOfWords(after);
    } else if (weekday && MonthDayOfWords(after)) {
      cell.weekday = weekday;
      cell.month_day = MonthDayOfWords(after);
    } else {
      date = DateOfWords(words);
      if (!date) cell.month_day = MonthDayOfWords(words);
    }
    if (!date && !cell.weekday && !cell.month_day) {
      SetProblem(problem, unreadable);
      return std::nullopt;
    }
  }
  if (date) {
    if (!date->ok()) {
      SetProblem(problem, "'" + std::string(Trim(text)) + "' is not a calendar date");
      return std::nullopt;
    }
    if (!DayInRange(*date)) {
      SetProblem(problem, OutOfRange(Trim(text)));
      return std::nullopt;
    }
    const unsigned actual = IsoWeekday(*date);
    if (cell.weekday && *cell.weekday != actual) {
      SetProblem(problem, "'" + std::string(Trim(text)) + "': " + FormatLong(*date) + " is a " +
                              std::string(kWeekdayNames[actual]));
      return std::nullopt;
    }
    cell.date = date;
  }
  if (!cell.date && !cell.weekday && !cell.day_number && !cell.month_day) {
    SetProblem(problem, unreadable);
    return std::nullopt;
  }
  return cell;
}

std::optional<Day> ResolveDay(const DayCell& cell, std::string_view text, const std::vector<Day>& event_days,
                              std::string* problem) {
  const std::string quoted = "'" + std::string(Trim(text.substr(0, std::min(text.size(), kMaxCellBytes)))) + "'";
  if (cell.date) return cell.date;
  if (!cell.weekday && !cell.day_number && !cell.month_day) {
    SetProblem(problem, quoted + " is not a day");
    return std::nullopt;
  }
  if (event_days.empty()) {
    SetProblem(problem, quoted +
                            " needs the event's days: give them with --days, e.g. --days 2026-07-08,2026-07-09, "
                            "or days = [\"2026-07-08\", \"2026-07-09\"] in the --map file");
    return std::nullopt;
  }
  if (cell.month_day) {
    std::vector<Day> matches;
    for (const Day& day : event_days) {
      if (day.month() == cell.month_day->month() && day.day() == cell.month_day->day()) matches.push_back(day);
    }
    if (matches.size() != 1) {
      SetProblem(problem, quoted +
                              (matches.empty() ? " is none of the event's days (" : " is ambiguous: write the year (") +
                              DayList(matches.empty() ? event_days : matches) + ")");
      return std::nullopt;
    }
    const Day day = matches.front();
    if (cell.weekday && IsoWeekday(day) != *cell.weekday) {
      SetProblem(problem, quoted + ": " + FormatLong(day) + " is a " + std::string(kWeekdayNames[IsoWeekday(day)]));
      return std::nullopt;
    }
    return day;
  }
  if (cell.day_number) {
    const int number = *cell.day_number;
    if (number < 1 || static_cast<std::size_t>(number) > event_days.size()) {
      SetProblem(problem, quoted + " but the event has " + std::to_string(event_days.size()) +
                              (event_days.size() == 1 ? " day (" : " days (") + DayList(event_days) + ")");
      return std::nullopt;
    }
    const Day day = event_days[static_cast<std::size_t>(number - 1)];
    if (cell.weekday && IsoWeekday(day) != *cell.weekday) {
      SetProblem(problem, quoted + ": day " + std::to_string(number) + " of the event is " + FormatIso(day) + ", a " +
                              std::string(kWeekdayNames[IsoWeekday(day)]));
      return std::nullopt;
    }
    return day;
  }
  std::vector<Day> matches;
  for (const Day& day : event_days) {
    if (day.ok() && IsoWeekday(day) == *cell.weekday) matches.push_back(day);
  }
  if (matches.empty()) {
    SetProblem(problem, quoted + " is none of the event's days (" + DayList(event_days) + ")");
    return std::nullopt;
  }
  if (matches.size() > 1) {
    SetProblem(problem, quoted + " is ambiguous: the event has " + std::to_string(matches.size()) + " " +
                            std::string(kWeekdayNames[*cell.weekday]) + "s (" + DayList(matches) + "): write the date");
    return std::nullopt;
  }
  return matches.front();
}

std::optional<DateTimeCell> ParseDateTime(std::string_view text) {
  if (text.size() > kMaxCellBytes) return std::nullopt;
  const std::string simple = Simplify(text);
  std::string_view all = simple;
  // The split between the date and the time: a 'T' after an ISO date, else one of the last spaces.
  std::vector<std::size_t> splits;
  if (all.size() > 10 && all[10] == 't' && all[4] == '-' && all[7] == '-') splits.push_back(10);
  int spaces = 0;
  for (std::size_t i = all.size(); i-- > 0 && spaces < 5;) {
    if (all[i] == ' ') {
      splits.push_back(i);
      ++spaces;
    }
  }
  for (std::size_t split : splits) {
    std::string_view time_text = Trim(all.substr(split + 1));
    const std::string_view date_text = StripJoiner(all.substr(0, split));
    if (date_text.empty() || time_text.empty()) continue;
    const std::optional<seconds> offset = StripOffset(time_text);
    const auto time = ParseSimpleTime(time_text, false);
    if (!time) continue;
    const auto day = ParseDayCell(date_text);
    if (!day || !day->date || day->day_number) continue;
    return DateTimeCell{*day->date, *time, offset};
  }
  return std::nullopt;
}

std::optional<Day> DayOfSerial(double serial) {
  if (!std::isfinite(serial)) return std::nullopt;
  const double whole = std::floor(serial);
  // 1970-01-01 is serial 25569 and 2100-12-31 is 73050: anything outside is refused before the conversion.
  if (whole < 0 || whole > 80000) return std::nullopt;
  const date::sys_days epoch{date::year{1899} / 12 / 30};
  const Day day{epoch + date::days{static_cast<long>(whole)}};
  if (!DayInRange(day)) return std::nullopt;
  return day;
}

std::optional<seconds> TimeOfDayFraction(double fraction) {
  if (!std::isfinite(fraction) || fraction < 0 || fraction > 1.0 + 1e-9) return std::nullopt;
  long long total = std::llround(fraction * 86400.0);
  const long long minute = (total + 30) / 60 * 60;
  if (std::llabs(total - minute) <= 2) total = minute;
  if (total > 86400) return std::nullopt;
  return seconds{total};
}

std::optional<minutes> ParseDuration(std::string_view text) {
  if (text.size() > kMaxCellBytes) return std::nullopt;
  const std::string simple = Simplify(text);
  std::string_view rest = simple;
  if (rest.empty()) return std::nullopt;
  // Units: a trailing minutes word ("45 min", "90'"), or hours ("2h", "1.5 h", "2 heures").
  enum class Unit { None, Minutes, Hours } unit = Unit::None;
  for (std::string_view suffix : {"minutes", "minute", "mins", "min.", "min", "mn", "m", "'"}) {
    if (EndsWith(rest, suffix) && rest.size() > suffix.size()) {
      rest = Trim(rest.substr(0, rest.size() - suffix.size()));
      unit = Unit::Minutes;
      break;
    }
  }
  if (unit == Unit::None) {
    for (std::string_view suffix :
         {"heures", "heure", "hours", "hour", "hrs", "hr", "std.", "std", "stunden", "stunde"}) {
      if (EndsWith(rest, suffix) && rest.size() > suffix.size()) {
        rest = Trim(rest.substr(0, rest.size() - suffix.size()));
        unit = Unit::Hours;
        break;
      }
    }
  }
  std::optional<long> total;
  if (AllDigits(rest) && unit != Unit::Hours) {  // "45", "45 min"
    if (const auto whole = ParseDigits(rest, 5)) total = *whole;
  } else if (AllDigits(rest) && unit == Unit::Hours) {  // "2 heures"
    if (const auto whole = ParseDigits(rest, 3)) total = *whole * 60L;
  } else {
    const std::size_t sep = rest.find_first_of(":h.,");
    if (sep == std::string_view::npos || sep == 0) return std::nullopt;
    const std::string_view head = Trim(rest.substr(0, sep));
    std::string_view tail = Trim(rest.substr(sep + 1));
    const auto hour_count = ParseDigits(head, 3);
    if (!hour_count) return std::nullopt;
    const char separator = rest[sep];
    if (separator == '.' || separator == ',') {  // "1.5 h", "1,5 h": decimal hours, whole minutes
      if (unit == Unit::Minutes || (unit != Unit::Hours && !EndsWith(tail, "h"))) return std::nullopt;
      if (EndsWith(tail, "h")) tail = Trim(tail.substr(0, tail.size() - 1));
      if (!AllDigits(tail) || tail.size() > 3) return std::nullopt;
      const double value = std::stod(std::string(head) + "." + std::string(tail));
      const double in_minutes = value * 60.0;
      if (std::fabs(in_minutes - std::round(in_minutes)) > 1e-6) return std::nullopt;
      total = static_cast<long>(std::lround(in_minutes));
    } else {
      if (unit == Unit::Hours) return std::nullopt;
      std::optional<int> mins = 0;
      if (tail.empty()) {
        if (separator == ':') return std::nullopt;                          // "1:" is not "1:00"
      } else if (separator == ':' && tail.size() == 5 && tail[2] == ':') {  // "01:30:00"
        mins = ParseDigits(tail.substr(0, 2), 2);
        if (tail.substr(3) != "00") return std::nullopt;
      } else {
        mins = tail.size() == 2 ? ParseDigits(tail, 2) : std::nullopt;
      }
      if (!mins || *mins > 59) return std::nullopt;
      total = *hour_count * 60L + *mins;
    }
  }
  if (!total || *total > kMaxDurationMinutes) return std::nullopt;
  return minutes{*total};
}

std::optional<Interpretation> ParseInterpretation(std::string_view text, std::string* problem) {
  if (text.size() > kMaxCellBytes) {
    SetProblem(problem, "an interpretation cell of " + std::to_string(text.size()) + " bytes");
    return std::nullopt;
  }
  // Arrows are separators too: "FR↔EN", "FR→EN", "FR⇄EN".
  std::string spaced(Trim(text));
  for (std::string_view arrow : {"\xE2\x86\x94", "\xE2\x86\x92", "\xE2\x87\x84", "\xE2\x9F\xB7", "\xE2\x87\x86",
                                 "\xE2\x80\x93", "\xE2\x80\x94"}) {
    for (std::size_t at = spaced.find(arrow); at != std::string::npos; at = spaced.find(arrow, at)) {
      spaced.replace(at, arrow.size(), " ");
    }
  }
  const std::string key = NormalizeKey(spaced);
  if (IsNone(key)) return std::nullopt;
  const std::vector<std::string> words = Words(spaced);
  Interpretation result;
  const std::string quoted = "'" + std::string(Trim(text)) + "'";
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (IsChannelWord(word)) {
      if (i + 1 >= words.size() || words[i + 1].size() > 4) {
        SetProblem(problem, "interpretation " + quoted + ": '" + word + "' without a channel number");
        return std::nullopt;
      }
      std::string channel = words[++i];
      for (char& c : channel) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (!result.channel.empty() && result.channel != channel) {
        SetProblem(problem, "interpretation " + quoted + " names two channels");
        return std::nullopt;
      }
      result.channel = channel;
      continue;
    }
    // "en anglais", "de français": the French preposition before a language name, not the code EN or DE.
    if (word == "en" || word == "de") {
      std::size_t next = i + 1;
      while (next < words.size() && IsInterpretationFiller(words[next])) ++next;
      if (next < words.size() && LanguageNameCode(words[next])) continue;
    }
    if (IsInterpretationFiller(word)) continue;
    if (const auto code = LanguageCode(word)) {
      if (std::find(result.languages.begin(), result.languages.end(), *code) == result.languages.end()) {
        result.languages.push_back(*code);
      }
      continue;
    }
    SetProblem(problem, "interpretation " + quoted + ": unknown language '" + word +
                            "' (write codes or names: FR/EN, EN, ES, anglais; a channel as canal 2)");
    return std::nullopt;
  }
  if (result.languages.empty()) {
    SetProblem(problem, "interpretation " + quoted + " names no language (write FR/EN, EN, ES, anglais …)");
    return std::nullopt;
  }
  return result;
}

}  // namespace kiosk::cells
