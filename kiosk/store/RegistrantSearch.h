// Registrant search text: the folding that the search index and a desk's query both go through, and the FTS5 match
// expressions built from its words. Pure functions (utf8proc, no SQLite): they test without a store.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

/// Normalises text for registrant search, the same for the index and the query: utf8proc NFKD, case fold, marks
/// stripped (so "É", "E\u0301" and "e" are equal), then every character that is not a letter or digit becomes a
/// space, runs of spaces collapse, trimmed. "Dupont-Lefèvre" gives "dupont lefevre", "Nguyễn" gives "nguyen".
std::string SearchText(std::string_view text);

namespace registrant_search {

/// The words of a SearchText: split at spaces, empty words skipped.
std::vector<std::string> SplitWords(const std::string& text);

/// True when a word of `search_text` (a SearchText) is one of `words`.
bool HasWord(const std::string& search_text, const std::vector<std::string>& words);

/// `"w1"* AND "w2"*`: every word a prefix, in any order. Words from SearchText hold only letters and digits, so the
/// quotes need no escaping.
std::string PrefixMatch(const std::vector<std::string>& words);

/// `column : ("w1" OR "w2") AND (prefixes)`: one query word is a whole word of `column`, and every word prefixes
/// some word. One word alone needs no prefix term (its exact match implies it), which spares FTS5 a prefix merge.
std::string ExactWordMatch(const char* column, const std::vector<std::string>& words);

/// Letters and digits typed, counted on the NFC text: "E" + U+0301 is one, "e." one, "æ" one (though it folds to
/// "ae"). Invalid UTF-8 counts its bytes.
std::size_t TypedLetters(std::string_view text);

}  // namespace registrant_search
}  // namespace kiosk
