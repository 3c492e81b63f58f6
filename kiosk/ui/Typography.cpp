// French display typography and a line breaker that never breaks at a no-break space.
#include "kiosk/ui/Typography.h"

#include <algorithm>
#include <cctype>

#include "kiosk/core/Text.h"

namespace kiosk::ui {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr char32_t kNbspCp = 0x00A0;
constexpr char32_t kNarrowNbspCp = 0x202F;

std::string EncodeUtf8(const std::u32string& text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (char32_t c : text) AppendUtf8(out, c);
  return out;
}

/// Byte length of the UTF-8 sequence starting with `lead` (1 for invalid lead bytes, so callers always advance).
std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

/// Next code point boundary after `pos` (clamped to the text).
std::size_t NextBoundary(std::string_view text, std::size_t pos) {
  return std::min(text.size(), pos + SequenceLength(static_cast<unsigned char>(text[pos])));
}

bool IsSpace(char32_t c) { return c == ' ' || c == '\t' || c == kNbspCp || c == kNarrowNbspCp; }

/// A character after which French puts a no-break space before high punctuation that the source forgot:
/// letters (ASCII and Latin accented), closing brackets and quotes.
bool TakesSpaceBefore(char32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c != 0xD7 && c != 0xF7 && c < 0x2000) ||
         c == ')' || c == ']' || c == 0x2019 || c == 0xBB;
}

/// What may follow high punctuation for a missing space to be added ("Eau: x", "Quoi?"), so "10:30" and "http://"
/// stay as they are.
bool EndsPunctuationRun(char32_t c) {
  return c == 0 || IsSpace(c) || c == '\n' || c == '!' || c == '?' || c == ')' || c == ']' || c == '"' || c == 0xBB ||
         c == 0x2026 || c == '.' || c == ',';
}

std::u32string ReplaceApostrophes(std::u32string text) {
  std::replace(text.begin(), text.end(), U'\'', U'\u2019');
  return text;
}

/// Trailing ASCII spaces of a line, removed.
std::string_view TrimRight(std::string_view text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

/// The code point boundary at or before byte `pos` (at least `floor`).
std::size_t BoundaryAtOrBefore(std::string_view text, std::size_t pos, std::size_t floor) {
  while (pos > floor && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

/// The longest prefix of `text` (at a code point boundary, at least one code point) that fits `max_width`.
/// Widths grow with the prefix, so it gallops (prefixes of 32, 64, 128 … bytes) to the first that does not fit, then
/// bisects: O(k log k) bytes measured for a prefix of k bytes, whatever the length of `text` (measuring every prefix
/// one code point longer was quadratic: a 1 MB title took 21 s, issue 11 defect 5).
std::size_t FittingPrefix(std::string_view text, float max_width, const MeasureText& measure) {
  if (text.empty()) return 0;
  std::size_t fit = NextBoundary(text, 0);    // always kept, fitting or not
  std::size_t over = std::string_view::npos;  // the shortest prefix known not to fit
  for (std::size_t probe = 32; fit < text.size(); probe *= 2) {
    const std::size_t at = probe >= text.size() ? text.size() : BoundaryAtOrBefore(text, probe, fit);
    if (at <= fit) continue;
    if (measure(text.substr(0, at)) > max_width) {
      over = at;
      break;
    }
    fit = at;
  }
  if (over == std::string_view::npos) return fit;  // the whole text fits
  // `fit` fits (or is the first code point) and `over` does not: bisect between them at code point boundaries.
  for (;;) {
    std::size_t mid = BoundaryAtOrBefore(text, fit + (over - fit) / 2, fit);
    if (mid <= fit) mid = NextBoundary(text, fit);
    if (mid >= over) return fit;
    if (measure(text.substr(0, mid)) > max_width) {
      over = mid;
    } else {
      fit = mid;
    }
  }
}

/// Whether `text` is wider than `max_width`, measuring no more than about twice the part of it that fits (so a
/// 1 MB word is not measured whole to learn that it is too wide).
bool Exceeds(std::string_view text, float max_width, const MeasureText& measure) {
  for (std::size_t probe = 256; probe < text.size(); probe *= 4) {
    const std::size_t at = BoundaryAtOrBefore(text, probe, 0);
    if (at > 0 && measure(text.substr(0, at)) > max_width) return true;
  }
  return measure(text) > max_width;
}

/// A cut line without the separators left dangling at its end (" :", ",", " –", " &", " ·"), so "…" follows a word.
std::string_view TrimDangling(std::string_view text) {
  for (;;) {
    std::string_view before = text;
    text = TrimRight(text);
    for (std::string_view tail :
         {kNbsp, kNarrowNbsp, kEnDash, kMiddleDot, std::string_view(":"), std::string_view(";"), std::string_view(","),
          std::string_view("&"), std::string_view("-"), std::string_view("(")}) {
      if (text.size() > tail.size() && text.substr(text.size() - tail.size()) == tail) {
        text.remove_suffix(tail.size());
        break;
      }
    }
    if (text == before) return text;
  }
}

/// `line` shortened so that it plus "…" fits, cut at a word boundary when that keeps at least half the width.
/// Measures O(k log k) bytes for the k bytes kept, however long `line` is.
std::string Ellipsize(std::string_view line, float max_width, const MeasureText& measure) {
  line = TrimDangling(line);
  const float ellipsis_width = measure(kEllipsis);
  const float room = std::max(0.0f, max_width - ellipsis_width);
  const std::size_t fit = FittingPrefix(line, room, measure);
  if (fit == line.size() && !Exceeds(line, room, measure)) return std::string(line) + std::string(kEllipsis);
  // The last word boundary whose head fits: the first break at or after `fit` (its head may fit once the separators
  // before it are dropped), else the ones before it; the heads before `fit` fit, so this measures a few heads only.
  std::size_t space = line.find_first_of(" \t", fit);
  if (space == std::string_view::npos) space = line.find_last_of(" \t");
  for (; space != std::string_view::npos && space > 0; space = line.find_last_of(" \t", space - 1)) {
    std::string_view head = TrimDangling(line.substr(0, space));
    float width = measure(head);
    if (width <= room) {
      if (width >= max_width / 2) return std::string(head) + std::string(kEllipsis);
      break;
    }
  }
  return std::string(TrimRight(line.substr(0, fit))) + std::string(kEllipsis);
}

/// A run of text between break opportunities; `space_before` when a space separates it from the previous run.
struct Piece {
  std::string_view text;
  bool space_before;
};

bool IsLetterByte(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u >= 0x80 || std::isalpha(u);
}

/// Splits a paragraph at ASCII spaces and tabs (U+00A0 and U+202F are ordinary characters here, so they never
/// break), and after a hyphen between letters ("Rendez-|vous") or a slash ("fr/|en", paths).
std::vector<Piece> SplitPieces(std::string_view paragraph) {
  std::vector<Piece> pieces;
  for (std::size_t pos = 0; pos < paragraph.size();) {
    std::size_t begin = paragraph.find_first_not_of(" \t", pos);
    if (begin == std::string_view::npos) break;
    std::size_t end = paragraph.find_first_of(" \t", begin);
    if (end == std::string_view::npos) end = paragraph.size();
    bool space_before = true;
    std::size_t piece_start = begin;
    for (std::size_t i = begin + 1; i + 1 < end; ++i) {
      bool hyphen = paragraph[i] == '-' && IsLetterByte(paragraph[i - 1]) && IsLetterByte(paragraph[i + 1]);
      if (hyphen || paragraph[i] == '/') {
        pieces.push_back({paragraph.substr(piece_start, i + 1 - piece_start), space_before});
        space_before = false;
        piece_start = i + 1;
      }
    }
    pieces.push_back({paragraph.substr(piece_start, end - piece_start), space_before});
    pos = end;
  }
  return pieces;
}

}  // namespace

void AppendUtf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::u32string DecodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    std::size_t length = SequenceLength(lead);
    if (lead >= 0x80 && length == 1) {
      out += kReplacement;
      ++i;
      continue;
    }
    if (i + length > text.size()) {
      out += kReplacement;
      break;
    }
    char32_t c = length == 1 ? lead : lead & (0xFF >> (length + 1));
    bool valid = true;
    for (std::size_t k = 1; k < length; ++k) {
      unsigned char cont = static_cast<unsigned char>(text[i + k]);
      if ((cont & 0xC0) != 0x80) {
        valid = false;
        break;
      }
      c = (c << 6) | (cont & 0x3F);
    }
    if (!valid) {
      out += kReplacement;
      ++i;
      continue;
    }
    out += c;
    i += length;
  }
  return out;
}

std::string FrenchDisplay(std::string_view text) {
  const std::u32string in = ReplaceApostrophes(DecodeUtf8(text));
  std::u32string out;
  out.reserve(in.size() + 8);
  auto pop_spaces = [&out] {
    while (!out.empty() && IsSpace(out.back())) out.pop_back();
  };
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char32_t c = in[i];
    const char32_t next = i + 1 < in.size() ? in[i + 1] : 0;
    if (c == ':' || c == ';' || c == '?' || c == '!') {
      const char32_t space = c == ':' ? kNbspCp : kNarrowNbspCp;
      if (!out.empty() && IsSpace(out.back())) {
        pop_spaces();
        if (!out.empty()) out += space;
      } else if (!out.empty() && TakesSpaceBefore(out.back()) && EndsPunctuationRun(next)) {
        out += space;
      }
      out += c;
    } else if (c == 0xAB) {  // « : a no-break space after it, whatever the source had
      out += c;
      while (i + 1 < in.size() && IsSpace(in[i + 1])) ++i;
      if (i + 1 < in.size()) out += kNbspCp;
    } else if (c == 0xBB) {  // » : a no-break space before it
      pop_spaces();
      if (!out.empty()) out += kNbspCp;
      out += c;
    } else {
      out += c;
    }
  }
  return EncodeUtf8(out);
}

std::string EnglishDisplay(std::string_view text) { return EncodeUtf8(ReplaceApostrophes(DecodeUtf8(text))); }

bool IsFrenchLanguage(std::string_view language) {
  std::size_t begin = language.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return true;
  std::string_view first = language.substr(begin, language.find_first_of(" \t,;/|-_", begin) - begin);
  std::string tag;
  for (char c : first) tag += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  // BCP 47 "fr", ISO 639-2 "fra" / "fre", or the name ("French", "français").
  return tag == "fr" || tag == "fra" || tag == "fre" || tag == "french" || tag.rfind("fran", 0) == 0;
}

std::string ScreenText(std::string_view text) {
  // NFC first, so a decomposed "e" + U+0302 + U+0301 is the one code point U+1EBF that the fonts have a glyph for
  // (ImGui draws a combining mark as a glyph of its own, beside its letter). Invalid bytes become U+FFFD before, as
  // ToNfc leaves invalid UTF-8 untouched.
  const std::u32string in = DecodeUtf8(ToNfc(IsValidUtf8(text) ? std::string(text) : EncodeUtf8(DecodeUtf8(text))));
  std::u32string out;
  out.reserve(in.size());
  bool astral_run = false;  // the last code point kept was a U+FFFD standing for code points beyond U+FFFF
  for (char32_t c : in) {
    if (c == '\t' || c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029) c = ' ';
    const bool control = c < 0x20 || (c >= 0x7F && c < 0xA0);
    const bool format = (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2060 && c <= 0x206F) ||
                        c == 0xFEFF || (c >= 0xFE00 && c <= 0xFE0F);
    const bool pictograph = (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0xE0000 && c <= 0xE007F);
    if (control || format || pictograph) continue;
    if (c > 0xFFFF) {
      if (!astral_run) out += kReplacement;
      astral_run = true;
      continue;
    }
    astral_run = false;
    if (c == ' ' && (out.empty() || out.back() == ' ')) continue;
    out += c;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return EncodeUtf8(out);
}

std::string DisplayText(std::string_view text, bool french) {
  const std::string clean = ScreenText(text);
  return french ? FrenchDisplay(clean) : EnglishDisplay(clean);
}

std::vector<std::string> WrapText(std::string_view text, float max_width, const MeasureText& measure, int max_lines) {
  std::vector<std::string> lines;
  bool truncated = false;   // text was left out: the last line gets "…"
  bool ellipsized = false;  // the last line already ends with "…"
  auto full = [&] { return max_lines > 0 && static_cast<int>(lines.size()) >= max_lines; };

  std::size_t paragraph_start = 0;
  while (paragraph_start <= text.size() && !truncated) {
    std::size_t paragraph_end = text.find('\n', paragraph_start);
    if (paragraph_end == std::string_view::npos) paragraph_end = text.size();
    std::vector<Piece> pieces = SplitPieces(text.substr(paragraph_start, paragraph_end - paragraph_start));
    if (pieces.empty()) {
      if (full()) {
        truncated = true;
        break;
      }
      lines.emplace_back();
    }

    std::string line;
    for (std::size_t i = 0; i < pieces.size() && !truncated; ++i) {
      std::string_view piece = pieces[i].text;
      std::string candidate = line;
      if (!line.empty() && pieces[i].space_before) candidate += ' ';
      candidate += piece;
      if (!Exceeds(candidate, max_width, measure)) {
        line = std::move(candidate);
        continue;
      }
      if (!line.empty()) {
        if (full()) {
          truncated = true;
          break;
        }
        lines.push_back(std::move(line));
        line.clear();
      }
      if (!Exceeds(piece, max_width, measure)) {
        line = std::string(piece);
        continue;
      }
      // A word wider than the whole line. In a bounded box it ends the text with "…"; unbounded (a file path in a
      // message), it is split between characters, the only place a word is ever cut.
      if (max_lines > 0) {
        if (full()) {
          truncated = true;
          break;
        }
        lines.push_back(Ellipsize(piece, max_width, measure));
        truncated = ellipsized = true;
        break;
      }
      while (Exceeds(piece, max_width, measure)) {
        const std::size_t fit = FittingPrefix(piece, max_width, measure);
        lines.emplace_back(piece.substr(0, fit));
        piece.remove_prefix(fit);
      }
      line = std::string(piece);
    }
    if (!truncated && !line.empty()) {
      if (full()) {
        truncated = true;
      } else {
        lines.push_back(std::move(line));
      }
    }
    paragraph_start = paragraph_end + 1;
  }

  if (truncated && !ellipsized && !lines.empty()) lines.back() = Ellipsize(lines.back() + " ", max_width, measure);
  return lines;
}

std::string FitOneLine(std::string_view text, float max_width, const MeasureText& measure) {
  std::string flat(text);
  std::replace_if(
      flat.begin(), flat.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  if (!Exceeds(flat, max_width, measure)) return flat;
  return Ellipsize(flat, max_width, measure);
}

}  // namespace kiosk::ui
