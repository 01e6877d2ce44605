#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

// "Did you mean": for an unknown or rare word, the closest word of the archive (Damerau edit
// distance: insertions, deletions, substitutions and transpositions of neighbours count 1; at
// most 1 for words up to 4 letters, else 2), the most frequent of equally close ones; whatever
// letter the mistake is in (the first one too). An unknown word takes any word seen in 2
// articles or more, a known one only a word 100 times as frequent ("goverment", a typo in 6
// Reuters articles, becomes "government", in 1,928; "oils" stays). Numbers are not corrected.
//
// The words are the archive's surface words, folded as the analyzer folds them but not
// stemmed ("coffee", not "coffe"), with the number of articles each is in: the word count table
// the indexer fills (WordCountTable).
//
// Built once per database revision, as a symmetric-delete index (SymSpell): every variant of a
// word's first kPrefixChars characters with up to two deleted points at the word. A query
// word's own variants find every candidate with a shared variant, and the real distance
// decides; so a suggestion looks up a few dozen keys instead of scanning the vocabulary.
class SpellingSuggester {
 public:
  explicit SpellingSuggester(const Xapian::Database& db);
  // From a word count table already read (a database in parts: the parts' tables summed).
  explicit SpellingSuggester(std::vector<std::pair<std::string, std::uint32_t>> all_words);

  // Articles `word` (folded) is in, as the suggester counts them.
  Xapian::doccount frequency(const std::string& word) const;

  // The replacement for `word` (folded), or empty when the word is common enough or nothing
  // is close. `indexed` says whether a candidate is still in the index (an article replaced or
  // deleted leaves its words' counts). A word the archive has is compared with the words 100
  // times as frequent only, whose index is small and built first (Reuters: 2,031 of 43,787
  // words); the index of every word is built on the first unknown word.
  std::string suggest(const std::string& word,
                      const std::function<bool(const std::string&)>& indexed);

  // Words an unknown word may be corrected to.
  std::size_t vocabulary_size();

  // Characters of a word that variants are made of: mistakes past them still cost their edits
  // in the final comparison, they just do not make candidates of their own.
  static constexpr std::size_t kPrefixChars = 7;
  // Words in the index at most: the most frequent ones.
  static constexpr std::size_t kMaxVocabulary = 100000;

 private:
  // The whole table, sorted, for the frequency of any word (40 bytes a word, words of up to 15
  // bytes inline: about 1.8 MB for Reuters' 43,787); variants are made of the kMaxVocabulary
  // most frequent only.
  std::vector<std::pair<std::string, std::uint32_t>> all_words_;

  // A symmetric-delete index of the words at least `min_frequency` frequent.
  struct VariantIndex {
    void build(const std::vector<std::pair<std::string, std::uint32_t>>& words,
               Xapian::doccount min_frequency);
    bool built = false;
    std::vector<std::string> terms;
    std::vector<Xapian::doccount> frequencies;
    // (hash of a variant, index into terms), sorted.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> variants;
  };
  VariantIndex frequent_;  // words a known word may become
  VariantIndex every_;     // words an unknown word may become
};

}  // namespace newsdex
