#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/analyzer.h"

namespace newsdex {

// One way a query text is indexed: its terms in order, and the languages whose articles they are
// searched in. The primary language's terms search every article, as a one-language query
// does; another language's only that language's articles, so that its stems cannot match
// words of other languages that happen to be spelled alike (and an archive of one language
// with a few articles detected as another ranks as before for every other article).
struct LanguageSpelling {
  std::vector<std::string> terms;
  std::vector<std::string> languages;  // codes; empty: every article
};

// The languages a query's words are analyzed in: the archive's (or the one a user pinned). An
// article was stemmed in its own language, so a query word matches it in any of them: each
// word has a form per language, kept when the index holds it ("albanie": English "albani",
// French "alban"; "Албания": Russian "албан"). Segmentation and folding do not depend on the
// language, so every language sees the same words at the same positions; only stems differ.
//
// The primary analyzer (the archive's most common language) decides everything else about a
// word: its compounds, its splits, whether it is a stop word.
class QueryLanguages {
 public:
  // `others` may be empty (one language: every word has one form). The analyzers outlive this.
  QueryLanguages(const Xapian::Database& db, Analyzer& primary, std::vector<Analyzer*> others);

  Analyzer& primary() const { return primary_; }
  bool single() const { return others_.empty(); }

  // A word's term in each language, primary first (duplicates kept: index i is language i).
  std::vector<std::string> terms_by_language(const AnalyzedTerm& t) const;

  // The distinct forms of one word: the primary term, then each other language's form the
  // index holds (with the languages it is searched in).
  std::vector<LanguageSpelling> forms(const AnalyzedTerm& t) const;

  // Of each language's terms of a text (by_language[l][position], as terms_by_language gives
  // them word by word): the primary language's, then each other sequence the index holds all
  // terms of, with the languages that spell the text so.
  std::vector<LanguageSpelling> spellings(
      const std::vector<std::vector<std::string>>& by_language) const;

  // Whether some article of language `code` has `term`.
  bool indexed_in(const std::string& term, const std::string& code) const;

  // `q` searched in the articles of `languages` only (all when empty).
  Xapian::Query restrict(Xapian::Query q, const std::vector<std::string>& languages) const;

 private:
  const Xapian::Database& db_;
  Analyzer& primary_;
  std::vector<Analyzer*> others_;  // made for the archive's language codes ("fr")
};

}  // namespace newsdex
