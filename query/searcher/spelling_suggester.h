#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

// "Did you mean": for an unknown or rare term, the closest indexed word (insertions, deletions,
// substitutions, transpositions: at most 1 for words up to 4 letters, else 2) that is at least
// 20 times as frequent, the most frequent of equally close ones; whatever letter the mistake is
// in (the first one too). Numbers are not corrected.
//
// Built once per database revision from the vocabulary of unprefixed terms frequent enough to
// be suggested, as a symmetric-delete index (SymSpell): every variant of a term's first
// kPrefixBytes bytes with up to two bytes deleted points at the term. A query word's own
// variants find every candidate with a shared variant, and the real distance decides; so a
// suggestion looks up a few dozen keys instead of scanning the vocabulary.
class SpellingSuggester {
 public:
  explicit SpellingSuggester(const Xapian::Database& db);

  // The replacement for `term`, or empty when the term is common enough or nothing is close.
  std::string suggest(const std::string& term) const;

  std::size_t vocabulary_size() const { return terms_.size(); }

  // Bytes of a term that variants are made of: mistakes past them still cost their edits in
  // the final comparison, they just do not make candidates of their own.
  static constexpr std::size_t kPrefixBytes = 7;
  // Words in the index at most: the most frequent ones.
  static constexpr std::size_t kMaxVocabulary = 100000;

 private:
  const Xapian::Database& db_;
  std::vector<std::string> terms_;
  std::vector<Xapian::doccount> frequencies_;
  // (hash of a variant, index into terms_), sorted.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> variants_;
};

}  // namespace newsdex
