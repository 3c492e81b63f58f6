// Registrant search text (RegistrantSearch.h): folding with utf8proc and the FTS5 match expressions.
#include "kiosk/store/RegistrantSearch.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

#include <utf8proc.h>

#include "kiosk/core/Text.h"

namespace kiosk {
namespace {

bool IsLetterOrDigit(utf8proc_int32_t cp) {
  switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
      return true;
    default:
      return false;
  }
}

/// The ASCII spelling of Latin letters that Unicode does not decompose, so stripping marks leaves them as they are
/// (after case folding): đ (Vietnamese Đặng), ł (Łukasz), ø (Søren), ı, æ, œ, ß, þ, ð, ħ, ŀ. Null for others.
const char* LatinLetterWithoutDecomposition(std::int32_t cp) {
  switch (cp) {
    case 0x0111:
      return "d";  // đ
    case 0x0142:
      return "l";  // ł
    case 0x00F8:
      return "o";  // ø
    case 0x0131:
      return "i";  // ı
    case 0x00E6:
      return "ae";  // æ
    case 0x0153:
      return "oe";  // œ
    case 0x00DF:
      return "ss";  // ß
    case 0x00FE:
      return "th";  // þ
    case 0x00F0:
      return "d";  // ð
    case 0x0127:
      return "h";  // ħ
    case 0x0140:
      return "l";  // ŀ
    default:
      return nullptr;
  }
}

}  // namespace

namespace registrant_search {

std::vector<std::string> SplitWords(const std::string& text) {
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t space = text.find(' ', start);
    if (space == std::string::npos) space = text.size();
    if (space > start) words.push_back(text.substr(start, space - start));
    start = space + 1;
  }
  return words;
}

bool HasWord(const std::string& search_text, const std::vector<std::string>& words) {
  for (const std::string& word : SplitWords(search_text)) {
    if (std::find(words.begin(), words.end(), word) != words.end()) return true;
  }
  return false;
}

std::string PrefixMatch(const std::vector<std::string>& words) {
  std::string match;
  for (const std::string& word : words) {
    if (!match.empty()) match += " AND ";
    match += '"' + word + "\"*";
  }
  return match;
}

std::string ExactWordMatch(const char* column, const std::vector<std::string>& words) {
  if (words.size() == 1) return std::string(column) + " : \"" + words[0] + '"';
  std::string any;
  for (const std::string& word : words) {
    if (!any.empty()) any += " OR ";
    any += '"' + word + '"';
  }
  return std::string(column) + " : (" + any + ") AND (" + PrefixMatch(words) + ")";
}

std::size_t TypedLetters(std::string_view text) {
  const std::string nfc = ToNfc(text);
  std::size_t count = 0;
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(nfc.data());
  auto left = static_cast<utf8proc_ssize_t>(nfc.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t size = utf8proc_iterate(p, left, &cp);
    if (size <= 0) size = 1, cp = 'x';
    count += IsLetterOrDigit(cp) ? 1 : 0;
    p += size;
    left -= size;
  }
  return count;
}

}  // namespace registrant_search

std::string SearchText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  auto append = [&](bool keep, const char* bytes, std::size_t n) {
    if (!keep) {
      pending_space = true;
      return;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.append(bytes, n);
  };
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) {  // most names and every order code: no need for utf8proc
    for (char c : text) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
      append(keep, &c, 1);
    }
    return out;
  }
  utf8proc_uint8_t* mapped = nullptr;
  const utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()), &mapped,
      static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(mapped, &std::free);
  if (n < 0) {
    // Invalid UTF-8: keep the ASCII letters and digits, every other byte separates words.
    for (char c : text) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      append((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'), &c, 1);
    }
    return out;
  }
  const utf8proc_uint8_t* p = mapped;
  utf8proc_ssize_t left = n;
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t size = utf8proc_iterate(p, left, &cp);
    if (size <= 0) size = 1, cp = -1;
    if (const char* latin = LatinLetterWithoutDecomposition(cp)) {
      append(true, latin, std::strlen(latin));
    } else {
      append(cp >= 0 && IsLetterOrDigit(cp), reinterpret_cast<const char*>(p), static_cast<std::size_t>(size));
    }
    p += size;
    left -= size;
  }
  return out;
}

}  // namespace kiosk
