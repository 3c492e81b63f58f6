// Text helpers over utf8proc: comparison keys, NFC, UTF-8 validity, Windows-1252 decoding.
#include "kiosk/core/Text.h"

#include <cstdlib>
#include <memory>

#include <utf8proc.h>

namespace kiosk {
namespace {

// utf8proc_map allocates with malloc; own the result.
std::string Map(std::string_view text, int options, bool* ok) {
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                   &out, static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
  if (n < 0) {
    *ok = false;
    return std::string(text);
  }
  *ok = true;
  return std::string(reinterpret_cast<const char*>(out), static_cast<std::size_t>(n));
}

bool IsAscii(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80) return false;
  }
  return true;
}

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

namespace {

/// NormalizeKey and MatchKey: the same folding; `unicode_separators` also treats Unicode punctuation and spaces as
/// separators.
std::string FoldKey(std::string_view text, bool unicode_separators) {
  bool ok = false;
  std::string folded = Map(text, UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD, &ok);
  if (!ok) {
    folded.assign(text);
    for (char& c : folded) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
  }
  // Collapse every run of separators to one '-': ASCII non-alphanumerics (and, for MatchKey, Unicode punctuation and
  // spaces, so "d’ouverture" (U+2019), "d'ouverture" and "d ouverture" give one key); keep other characters.
  std::string key;
  key.reserve(folded.size());
  bool pending_separator = false;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(folded.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(folded.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) n = 1, cp = -1;  // a stray byte (invalid UTF-8 kept as is): copy it
    bool separator = false;
    if (cp >= 0 && cp < 0x80) {
      separator = !IsAsciiAlnum(static_cast<unsigned char>(cp));
    } else if (cp >= 0x80 && unicode_separators) {
      // U+02BC (ʼ) and U+02BB (ʻ) are letters to Unicode (Lm) but apostrophes to people who type them.
      if (cp == 0x02BC || cp == 0x02BB) separator = true;
      switch (utf8proc_category(cp)) {
        case UTF8PROC_CATEGORY_PC:
        case UTF8PROC_CATEGORY_PD:
        case UTF8PROC_CATEGORY_PS:
        case UTF8PROC_CATEGORY_PE:
        case UTF8PROC_CATEGORY_PI:
        case UTF8PROC_CATEGORY_PF:
        case UTF8PROC_CATEGORY_PO:
        case UTF8PROC_CATEGORY_ZS:
        case UTF8PROC_CATEGORY_ZL:
        case UTF8PROC_CATEGORY_ZP:
          separator = true;
          break;
        default:
          break;
      }
    }
    if (separator) {
      pending_separator = true;
    } else {
      if (pending_separator && !key.empty()) key.push_back('-');
      pending_separator = false;
      key.append(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n));
    }
    p += n;
    left -= n;
  }
  return key;
}

}  // namespace

std::string NormalizeKey(std::string_view text) { return FoldKey(text, false); }

std::string MatchKey(std::string_view text) { return FoldKey(text, true); }

std::string ToNfc(std::string_view text) {
  if (IsAscii(text)) return std::string(text);  // ASCII is NFC already; most of a programme is ASCII
  bool ok = false;
  std::string nfc = Map(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE, &ok);
  return ok ? nfc : std::string(text);
}

bool IsValidUtf8(std::string_view text) {
  if (IsAscii(text)) return true;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0 || cp < 0) return false;
    p += n;
    left -= n;
  }
  return true;
}

std::string Windows1252ToUtf8(std::string_view bytes) {
  // 0x80-0x9F differ from Latin-1 (WHATWG encoding index windows-1252); 0 marks the five undefined bytes.
  static constexpr char16_t kHigh[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                         0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                         0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                         0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 8);
  for (unsigned char c : bytes) {
    utf8proc_int32_t cp = c;
    if (c >= 0x80 && c <= 0x9F) cp = kHigh[c - 0x80] ? kHigh[c - 0x80] : 0xFFFD;
    utf8proc_uint8_t buffer[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, buffer);
    out.append(reinterpret_cast<const char*>(buffer), static_cast<std::size_t>(n));
  }
  return out;
}

std::string_view Trim(std::string_view text) {
  const char* kSpace = " \t\r\n\f\v";
  std::size_t first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  std::size_t last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

}  // namespace kiosk
