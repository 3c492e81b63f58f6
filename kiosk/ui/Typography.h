// French display typography (no-break spaces, typographic apostrophe) and line breaking that honours no-break spaces.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::ui {

/// U+00A0 NO-BREAK SPACE as UTF-8: before ':' and inside « » (Imprimerie nationale).
inline constexpr std::string_view kNbsp = "\xC2\xA0";
/// U+202F NARROW NO-BREAK SPACE as UTF-8: before ';', '?' and '!' (Imprimerie nationale).
inline constexpr std::string_view kNarrowNbsp = "\xE2\x80\xAF";
/// U+2013 EN DASH as UTF-8, for time ranges "10:00–11:30".
inline constexpr std::string_view kEnDash = "\xE2\x80\x93";
/// U+00B7 MIDDLE DOT as UTF-8, the separator "11:45 · Titre".
inline constexpr std::string_view kMiddleDot = "\xC2\xB7";
/// U+2026 HORIZONTAL ELLIPSIS as UTF-8.
inline constexpr std::string_view kEllipsis = "\xE2\x80\xA6";

/// French text as it should be displayed: the straight apostrophe becomes ’ (U+2019); a space before ':' becomes
/// U+00A0 and a space before ';', '?', '!' becomes U+202F (one is inserted after a letter when missing, except
/// between digits as in "10:30" and in "://"); the spaces just inside « » become U+00A0 (inserted when missing).
/// Idempotent. Invalid UTF-8 is returned with only the apostrophes replaced.
std::string FrenchDisplay(std::string_view text);

/// English (or any non-French) text as displayed: only the straight apostrophe becomes ’ (U+2019).
std::string EnglishDisplay(std::string_view text);

/// Whether text in `language` takes French typography: a session's language as the source gives it ("fr", "fr/en",
/// "de, en"), French when its first tag is "fr" (any case) or when it is empty (the kiosk's programmes are French
/// unless they say otherwise).
bool IsFrenchLanguage(std::string_view language);

/// `text` reduced to what a venue screen can draw, on one line. It is first normalised to Unicode NFC (utf8proc,
/// UAX #15), so decomposed input such as Vietnamese "e" + U+0302 + U+0301 becomes the one code point U+1EBF "ế" and
/// draws as one glyph (ImGui has no mark positioning). Then C0 and C1 control characters and DEL are dropped
/// (a tab or a line break becomes a space); so are the invisible format characters that only a bidi or shaping
/// engine could use (U+200B-U+200F, U+202A-U+202E, U+2060-U+206F, U+FEFF, variation selectors U+FE00-U+FE0F) and
/// emoji and other pictographs (U+1F000-U+1FAFF, tags U+E0000-U+E007F): Debian's Dear ImGui has 16-bit ImWchar, so
/// they could only show as U+FFFD. Any other code point beyond U+FFFF becomes one U+FFFD per run. Runs of spaces are
/// collapsed to one and the ends trimmed. Invalid UTF-8 becomes U+FFFD.
std::string ScreenText(std::string_view text);

/// FrenchDisplay(ScreenText(text)) when `french`, else EnglishDisplay(ScreenText(text)): "Chaos vorher?" stays without
/// the French space.
std::string DisplayText(std::string_view text, bool french);

/// Width in pixels of a UTF-8 run of text, as a font measures it.
using MeasureText = std::function<float(std::string_view)>;

/// Breaks UTF-8 `text` into lines at most `max_width` pixels wide. Lines break at ASCII spaces and tabs (never at
/// U+00A0 or U+202F), after a hyphen between letters or a slash, and at '\n'; the spaces at a break are dropped.
/// When `max_lines` > 0 and the text needs more lines, or a single word is wider than a line, the last line kept ends
/// with "…" and still fits. With `max_lines` == 0 an over-wide word (a long path) is split between characters.
std::vector<std::string> WrapText(std::string_view text, float max_width, const MeasureText& measure,
                                  int max_lines = 0);

/// `text` shortened to fit `max_width` on one line, ending with "…" when anything was cut (at a word boundary when
/// one leaves at least half the width used, else between characters). Line breaks and tabs become spaces, so the
/// result never draws on a second line.
std::string FitOneLine(std::string_view text, float max_width, const MeasureText& measure);

/// Decodes UTF-8 into code points; invalid bytes become U+FFFD.
std::u32string DecodeUtf8(std::string_view text);
/// Appends code point `c` to `out` as UTF-8 (1 to 4 bytes; `c` must be a Unicode scalar value).
void AppendUtf8(std::string& out, char32_t c);

}  // namespace kiosk::ui
