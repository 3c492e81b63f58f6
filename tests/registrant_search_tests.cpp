// The registrant search text's pure part (RegistrantSearch.h): words, FTS5 match expressions and typed letters,
// tested without a store.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "kiosk/store/RegistrantSearch.h"

using namespace kiosk;
using namespace kiosk::registrant_search;

TEST_CASE("search words split at spaces and match whole words only") {
  CHECK(SplitWords("dupont  lefevre ") == std::vector<std::string>{"dupont", "lefevre"});
  CHECK(SplitWords("").empty());
  CHECK(SplitWords(SearchText("Jan van der Berg")) == std::vector<std::string>{"jan", "van", "der", "berg"});
  CHECK(HasWord("van der berg", {"berg"}));
  CHECK_FALSE(HasWord("bergman", {"berg"}));
}

TEST_CASE("FTS5 match expressions of the query words") {
  CHECK(PrefixMatch({"ma"}) == "\"ma\"*");
  CHECK(PrefixMatch({"ma", "du"}) == "\"ma\"* AND \"du\"*");
  CHECK(ExactWordMatch("last_name", {"dupont"}) == "last_name : \"dupont\"");
  CHECK(ExactWordMatch("first_name", {"jan", "berg"}) ==
        "first_name : (\"jan\" OR \"berg\") AND (\"jan\"* AND \"berg\"*)");
}

TEST_CASE("typed letters are counted on the NFC text") {
  CHECK(TypedLetters("E\xCC\x81") == 1);  // E + U+0301
  CHECK(TypedLetters("e.") == 1);
  CHECK(TypedLetters("\xC3\xA6") == 1);  // æ, though it folds to "ae"
  CHECK(TypedLetters(" ab ") == 2);
  CHECK(TypedLetters("") == 0);
}
