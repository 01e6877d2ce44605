#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/analyzer.h"
#include "parser/query_languages.h"
#include "parser/ranked_term_queries.h"
#include "parser/word_form.h"

namespace newsdex {

// The ranked part of a run of plain query words (unquoted, no field, no modifier). Each word is
// one concept query: its term, OR its title occurrences weighted by the title weight, with the
// spellings of the same concept as synonyms, so an article is never counted twice for one
// concept:
//   - a hyphenated word ("cyber-attack") is the phrase of its parts or the joined word;
//   - two adjacent words whose joined form is indexed ("cyber attack" -> "cyberattack") each
//     take the joined word as a synonym;
//   - a word that splits into two indexed words ("cyberattack" -> "cyber" "attack") takes the
//     phrase of the parts as a synonym, unless the word is far more frequent than its rarer
//     part (then the split is an accident: "deficit" is not "defi" "cit");
//   - the word's form in each other query language the index holds ("albanie": "albani" in
//     English, "alban" in French).
// A concept of one spelling is made of RankedTermQueries leaves; a concept of several stays a
// Xapian synonym (which needs Xapian's own terms).
// Stop words are dropped unless `keep_stopwords` (a query of nothing but stop words).
// A query word in fewer articles than this (3, or 1 in 1,000 of the archive's) may be a
// misspelling worth a "did you mean" ("goverment": 6 of Reuters' 21,578).
Xapian::doccount rare_word_frequency(const Xapian::Database& db);

class WordRunBuilder {
 public:
  WordRunBuilder(const Xapian::Database& db, QueryLanguages languages, double title_weight,
                 const RankedTermQueries& ranked)
      : db_(db),
        languages_(std::move(languages)),
        analyzer_(languages_.primary()),
        title_weight_(title_weight),
        ranked_(ranked) {}

  // Whether a plain word is a stop word (and would be dropped).
  bool is_stopword(const std::string& word);

  // One query per kept word, in order. Adds the terms worth highlighting to `highlight`, the
  // words the index does not know to `unknown`, and the folded single words whose forms are all
  // rare to `suggestible`, and each kept word's ways of being written (single terms, and the
  // parts of a split or hyphenated word in a row), in order, to `positional` (what the lead and
  // proximity bonuses look for).
  std::vector<Xapian::Query> build(const std::vector<std::string>& words, bool keep_stopwords,
                                   std::set<std::string, std::less<>>& highlight,
                                   std::vector<std::string>& unknown,
                                   std::set<std::string, std::less<>>& suggestible,
                                   std::vector<std::vector<WordForm>>& positional);

  // One way of writing a concept: a single term, or a phrase of terms.
  using Spelling = std::vector<std::string>;

  // The spellings as one concept, in the body and (weighted) in the title; `others`: its
  // spellings in other languages, searched in those languages' articles only.
  Xapian::Query concept_query(const std::vector<Spelling>& spellings,
                              const std::vector<LanguageSpelling>& others = {}) const;

 private:
  std::optional<Spelling> split_into_indexed_words(const std::string& folded);

  const Xapian::Database& db_;
  QueryLanguages languages_;
  Analyzer& analyzer_;  // the primary language's
  double title_weight_;
  const RankedTermQueries& ranked_;
};

}  // namespace newsdex
