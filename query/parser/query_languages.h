#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/analyzer.h"

namespace newsdex {

// The languages a query's words are analyzed in: the archive's (or the one a user pinned). An
// article was stemmed in its own language, so a query word matches it in any of them: each
// word has a form per language, kept when the index holds it ("albanie": English "albani",
// French "alban"; "Албания": Russian "албан"). Segmentation and folding do not depend on the
// language, so every language sees the same words at the same positions; only stems differ.
//
// The primary analyzer (the archive's most common language) decides everything else about a
// word: its compounds, its splits. A word is a stop word when it is one in any query language.
class QueryLanguages {
 public:
  // `others` may be empty (one language: every word has one form). The analyzers outlive this.
  QueryLanguages(const Xapian::Database& db, Analyzer& primary, std::vector<Analyzer*> others);

  Analyzer& primary() const { return primary_; }
  bool single() const { return others_.empty(); }

  // A word's term in each language, primary first (duplicates kept: index i is language i).
  std::vector<std::string> terms_by_language(const AnalyzedTerm& t) const;

  // The distinct forms of one word: the primary term, then each other language's form the
  // index holds.
  std::vector<std::string> forms(const AnalyzedTerm& t) const;

  // Stop word in any query language (given the word's terms by language).
  bool is_stopword(const std::vector<std::string>& terms_by_language) const;

 private:
  const Xapian::Database& db_;
  Analyzer& primary_;
  std::vector<Analyzer*> others_;
};

}  // namespace newsdex
