// Placeholder: filled in by issue 5 work.
#include <doctest/doctest.h>
TEST_CASE("catalogue placeholder") { CHECK(true); }
