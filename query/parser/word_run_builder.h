#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/analyzer.h"
#include "parser/ranked_term_queries.h"

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
//     part (then the split is an accident: "deficit" is not "defi" "cit").
// A concept of one spelling is made of RankedTermQueries leaves; a concept of several stays a
// Xapian synonym (which needs Xapian's own terms).
// Stop words are dropped unless `keep_stopwords` (a query of nothing but stop words).
class WordRunBuilder {
 public:
  WordRunBuilder(const Xapian::Database& db, Analyzer& analyzer, double title_weight,
                 const RankedTermQueries& ranked)
      : db_(db), analyzer_(analyzer), title_weight_(title_weight), ranked_(ranked) {}

  // Whether a plain word is a stop word (and would be dropped).
  bool is_stopword(const std::string& word);

  // One query per kept word, in order. Adds the terms worth highlighting to `highlight` and the
  // words the index does not know to `unknown`.
  std::vector<Xapian::Query> build(const std::vector<std::string>& words, bool keep_stopwords,
                                   std::set<std::string, std::less<>>& highlight,
                                   std::vector<std::string>& unknown);

 private:
  // One way of writing a concept: a single term, or a phrase of terms.
  using Spelling = std::vector<std::string>;

  Xapian::Query concept_query(const std::vector<Spelling>& spellings) const;
  std::optional<Spelling> split_into_indexed_words(const std::string& folded);

  const Xapian::Database& db_;
  Analyzer& analyzer_;
  double title_weight_;
  const RankedTermQueries& ranked_;
};

}  // namespace newsdex
