// The doctest main shared by every suite, and helpers to find the shared cases and corpus.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
