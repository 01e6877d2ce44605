#pragma once

#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/analyzer.h"
#include "parser/query_ast.h"
#include "parser/query_languages.h"
#include "parser/ranked_term_queries.h"
#include "parser/word_run_builder.h"

namespace newsdex {

// What the builder learned about a query besides the Xapian query itself.
struct BuiltQuery {
  Xapian::Query query;
  // Unprefixed terms of positive, ranked parts: highlighted in snippets, explained by --explain.
  std::set<std::string, std::less<>> ranked_terms;
  // Positive ranked phrases of two or more terms, in order ("cyber attack", "U.K.-based"):
  // snippets highlight them where they occur as the phrase.
  std::vector<std::vector<std::string>> phrases;
  // Ranked terms the query has only inside those phrases: not highlighted on their own.
  std::set<std::string, std::less<>> phrase_only_terms;
  // Query words whose term is not in the index, with the word as typed.
  std::vector<std::string> unknown_words;
  // Positive query words (not field values), folded, whose every form is unknown or rare in the
  // index (rare_word_frequency): what "did you mean" may correct.
  std::set<std::string, std::less<>> suggestible;
  // The positive words (not phrases, field values or excluded words) in query order, each as
  // the ways it is matched (a single term, or terms in a row): what the lead and proximity
  // bonuses look for.
  std::vector<std::vector<WordForm>> positional_words;
};

struct QueryBuildOptions {
  bool match_all = false;     // juxtaposed words: OP_AND instead of OP_OR
  double title_weight = 1.0;  // extra weight of a word's title occurrences (0 disables)
  // Search-box text (QueryParser::parse_lenient): an unknown field, a malformed date, a
  // too-short wildcard or a NEAR between phrases is searched as its words, not refused.
  bool lenient = false;
};

// Turns a parsed query into a Xapian query following common/schema: words through the same
// Analyzer as articles, title matches weighted up, fields and dates as boolean filters that do
// not change scores. Throws QuerySyntaxError (with the position) for unknown fields, malformed
// dates, too-short wildcards and queries with no searchable word.
class QueryBuilder {
 public:
  // `keyword_fields`: the database's keyword field names (metadata newsdex.keyword_fields).
  // `ranked` makes the weighted leaves (Xapian's terms, or the length-table sources).
  // `languages`: what query words are analyzed in (each word matches its form in any of them).
  QueryBuilder(const Xapian::Database& db, QueryLanguages languages, Analyzer& folder,
               std::set<std::string, std::less<>> keyword_fields, QueryBuildOptions options,
               const RankedTermQueries& ranked);

  BuiltQuery build(const QueryNode& root);

  // A word's query: its term, OR its title occurrences weighted by the title weight.
  Xapian::Query ranked_term(const std::string& term) const;

 private:
  struct Part {
    Xapian::Query query;
    bool filter = false;  // boolean: restricts matches, adds no weight
    bool empty = false;   // nothing searchable (punctuation only, stop words)
  };

  Part node(const QueryNode& n, bool positive);
  Part sequence(const QueryNode& n, bool positive);
  Part word(const QueryNode& n, bool positive);
  Part phrase(const QueryNode& n, std::string_view prefix, bool positive);
  Part wildcard(const QueryNode& n, std::string_view prefix, bool positive);
  Part field(const QueryNode& n, bool positive);
  Part date(const QueryNode& n, bool positive);
  Part near(const QueryNode& n, bool positive);
  Part language(const QueryNode& value);
  // Lenient mode's answer to a part it cannot build as written.
  Part as_words(std::string text, std::size_t position, bool positive);
  // Adds a word to result_.suggestible when it is of a cased script and its forms are rare.
  void note_suggestible(const std::string& folded, const std::vector<std::string>& forms);
  // The folded words of `text` in order, as analyze() finds them.
  std::vector<std::string> folded_words(std::string_view text);
  Xapian::Query matching_filter_values(std::string_view prefix, std::string_view value,
                                       std::size_t position);
  // The terms of `text` in order, without joined compounds (they share a part's position);
  // `whole_compound`, when given, receives the joined term if the text is one compound.
  // With `by_language`, also each query language's terms (by_language[l][position]).
  std::vector<std::string> analyze(std::string_view text, std::string* whole_compound = nullptr,
                                   std::vector<std::vector<std::string>>* by_language = nullptr);
  // The term sequences `text` analyzes to in the query languages (QueryLanguages::spellings):
  // the primary one's first (always), then each other distinct one that its language's
  // articles hold. Joined compounds as in analyze(), `whole_compound` of the primary language.
  std::vector<LanguageSpelling> spellings(std::string_view text,
                                          std::string* whole_compound = nullptr);
  // One word's forms (spellings of one term each) as one concept, each searched in its
  // languages' articles, without the title boost.
  Xapian::Query restricted_forms(const std::vector<LanguageSpelling>& forms) const;
  // A positional query (phrase, NEAR) matching any of `spellings` (sequences of equal length),
  // ranked as the concepts at each position: every language's form of a word counts as one.
  Xapian::Query positional_any(Xapian::Query::op op, const std::vector<LanguageSpelling>& spellings,
                               Xapian::termcount window) const;

  const Xapian::Database& db_;
  QueryLanguages languages_;
  Analyzer& folder_;
  std::set<std::string, std::less<>> keyword_fields_;
  QueryBuildOptions options_;
  const RankedTermQueries& ranked_;
  WordRunBuilder words_;
  Xapian::doccount rare_frequency_;
  BuiltQuery result_;
};

}  // namespace newsdex
