#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace newsdex {

// One term produced from a text: the indexed form, its word position, and the byte range of
// the original word in the analyzed text (for snippets and highlighting).
struct AnalyzedTerm {
  std::string_view term;  // valid only during the sink call
  std::uint32_t position;
  std::uint32_t begin;
  std::uint32_t end;
  // A hyphenated compound joined into one word ("cyber-attack" -> "cyberattack"); it shares the
  // position of its last part, which was emitted just before it.
  bool joined = false;
  // Made of letters (not a number): a word other languages stem too, a spelling to suggest.
  bool letters = false;
  // The word folded but not stemmed ("attacks" for the term "attack"); valid during the call.
  std::string_view folded;
};

// A non-owning reference to a callable taking `const AnalyzedTerm&`: no allocation and no
// std::function overhead on the per-token hot path.
class TermSinkRef {
 public:
  template <typename F, typename = std::enable_if_t<!std::is_same_v<std::decay_t<F>, TermSinkRef>>>
  TermSinkRef(F&& f)  // NOLINT(google-explicit-constructor): used like a function parameter
      : object_(const_cast<void*>(static_cast<const void*>(std::addressof(f)))),
        call_([](void* o, const AnalyzedTerm& t) {
          (*static_cast<std::remove_reference_t<F>*>(o))(t);
        }) {}
  void operator()(const AnalyzedTerm& t) const { call_(object_, t); }

 private:
  void* object_;
  void (*call_)(void*, const AnalyzedTerm&);
};

// Turns UTF-8 text into search terms; the indexer uses it for every field and the query side
// for every query word, so both always agree. The rules are in docs/analysis.md:
// ICU word segmentation (dictionaries for Chinese, Japanese, Thai); NFKC normalisation and full
// case folding; diacritics removed from Latin, Greek, Cyrillic and Arabic letters; possessive
// `'s` and elided `l'`/`d'` dropped; dots removed from acronyms (`U.S.` -> `us`) and thousands
// separators from numbers (`3,000` -> `3000`); hyphenated compounds indexed as their parts and
// as the joined word; British spellings mapped to American ones (SCOWL); words stemmed with the
// language's Snowball stemmer — one indexed form per word.
//
// Thread safety: an Analyzer holds a break iterator and caches, so one instance must not be used
// by two threads at once; create one per thread (construction costs a few microseconds).
class Analyzer {
 public:
  // `language`: a Snowball language name, ISO 639-1 code or tag ("english", "en", "fr-FR");
  // "none", a language Xapian has no stemmer for ("zh") or an unknown one disables stemming (and
  // stop words). Check a language from a user with is_known_language first.
  explicit Analyzer(std::string_view language = "english");

  // Whether `language` names a language (language_code() is not empty); known_languages()
  // describes them.
  static bool is_known_language(std::string_view language);
  static std::string known_languages();
  ~Analyzer();
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;

  // Calls `sink` for each term of `text` in order, numbering word positions from
  // `first_position`. Returns the position after the last word. Invalid UTF-8 never throws:
  // offending bytes are treated as U+FFFD, which is not a word character.
  std::uint32_t analyze(std::string_view text, std::uint32_t first_position, TermSinkRef sink);

  // The single term a query word analyzes to, or empty when it is not a word (punctuation) or
  // splits into several words (then use analyze()).
  std::string term_for_word(std::string_view word);

  // The folded, unstemmed form of a single word ("Cyber" -> "cyber"), or empty.
  std::string fold_word(std::string_view word);

  // The stem of an already folded word, with spelling variants applied.
  std::string stem_folded(std::string_view folded);

  // True for the language's stop words ("the", "of", ...), given a term as analyze() emits it.
  // Stop words are indexed (phrases need them) but dropped from ranked queries.
  bool is_stopword(std::string_view term) const;

  // Whether every character of a folded word is a letter of a script with case (Latin, Greek,
  // Cyrillic, Armenian): the words spelling suggestions are made for. Chinese, Japanese, Thai
  // and Arabic words are left alone.
  static bool is_cased_word(std::string_view folded);

  const std::string& language() const;

  // Words left out so far because they are longer than a term may be (schema::kMaxTermBytes
  // after folding: Glass refuses longer terms). The indexer compares it before and after an
  // article to warn about what was not indexed.
  std::size_t overlong_words() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
