#pragma once

#include <string>

#include <xapian.h>

namespace newsdex {

// "Did you mean": the most frequent indexed word within a small edit distance (insertions,
// deletions, substitutions, transpositions: 1 for words up to 4 letters, else 2) of an unknown
// or rare term. Candidates are the index's own unprefixed terms sharing the first letter, so a
// suggestion always finds something.
class SpellingSuggester {
 public:
  explicit SpellingSuggester(const Xapian::Database& db) : db_(db) {}

  // The replacement for `term`, or empty when the term is common enough or nothing is close.
  std::string suggest(const std::string& term) const;

 private:
  const Xapian::Database& db_;
};

}  // namespace newsdex
