#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace newsdex {

// One term produced from a text: the indexed form, its word position, and the byte range of
// the original word in the analyzed text (for snippets and highlighting).
struct AnalyzedTerm {
  std::string_view term;  // valid only during the sink call
  std::uint32_t position;
  std::uint32_t begin;
  std::uint32_t end;
};

// Turns UTF-8 text into search terms; the indexer uses it for every field and the query side
// for every query word, so both always agree.
//
// Rules (see docs/analysis.md): ICU word segmentation; NFKC normalisation and full case
// folding; diacritics removed from Latin, Greek, Cyrillic and Arabic letters; possessive `'s`
// and elided `l'`/`d'` dropped; dots removed from acronyms (`U.S.` -> `us`) and thousands
// separators from numbers (`3,000` -> `3000`); words stemmed with the language's Snowball
// stemmer, one indexed form per word.
//
// Thread safety: an Analyzer holds a break iterator and caches, so one instance must not be used
// by two threads at once; create one per thread (construction costs a few microseconds).
class Analyzer {
 public:
  // `language`: a Snowball language name or ISO 639 code ("english", "en", "fr", ...);
  // "none" or an unknown language disables stemming.
  explicit Analyzer(std::string_view language = "english");
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  using TermSink = std::function<void(const AnalyzedTerm&)>;

  // Calls `sink` for each term of `text` in order, numbering positions from `first_position`.
  // Returns the position after the last term. Invalid UTF-8 never throws: offending bytes are
  // treated as U+FFFD, which is not a word character.
  std::uint32_t analyze(std::string_view text, std::uint32_t first_position, const TermSink& sink);

  // The single term a query word analyzes to, or empty when it is not a word (punctuation) or
  // splits into several (then use analyze()).
  std::string term_for_word(std::string_view word);

  const std::string& language() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
