#include "stopwords.h"

#include <algorithm>
#include <iterator>

namespace newsdex {
namespace {

// Sorted; each entry is its own Snowball English stem, so folded and stemmed forms agree.
constexpr std::string_view kEnglish[] = {
    "a",   "an",    "and",  "are",   "as",    "at",   "be",   "but", "by",  "for",  "if",
    "in",  "into",  "is",   "it",    "no",    "not",  "of",   "on",  "or",  "such", "that",
    "the", "their", "then", "there", "these", "they", "this", "to",  "was", "will", "with"};

}  // namespace

bool is_stopword(std::string_view language, std::string_view term) {
  if (language != "english" && language != "en") return false;
  return std::binary_search(std::begin(kEnglish), std::end(kEnglish), term);
}

}  // namespace newsdex
