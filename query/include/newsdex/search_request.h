#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace newsdex {

enum class SortOrder { kRelevance, kDateAscending, kDateDescending };

// How query text is read (docs/query.md "Syntax"). kStrict refuses what is not valid syntax
// with a QuerySyntaxError that points at the problem; kLenient searches it as words (a stray
// quote or parenthesis dropped, a bare AND a word, "http://x.org" its words); kAuto tries
// strict first and falls back to lenient, saying why in SearchResult::syntax_note.
enum class QuerySyntax { kAuto, kStrict, kLenient };

// BM25 parameters. The defaults were chosen by measurement on our judged Reuters set
// (scripts/eval-ranking.py, docs/query.md "Ranking"), not inherited from Xapian (k1 = 1,
// b = 0.5) or Lucene (k1 = 1.2, b = 0.75).
struct Bm25Parameters {
  double k1 = 1.2;
  double b = 0.4;
};

// What to search for and how to present the hits.
struct SearchRequest {
  // The query in the newsdex query language (docs/query.md). May be empty when similar_to is
  // set; then it is not a filter.
  std::string query;
  QuerySyntax syntax = QuerySyntax::kAuto;
  // Juxtaposed words: any of them (ranked by BM25) or all of them.
  bool match_all = false;
  // Language the query words are analyzed in: the one the articles were indexed with
  // (Snowball name or ISO 639 code).
  std::string language = "english";
  std::size_t limit = 10;
  std::size_t offset = 0;
  Bm25Parameters bm25;
  // Extra weight of a word's occurrences in the title, relative to the body (measured with
  // the BM25 defaults; 0 disables).
  double title_weight = 0.5;
  // When > 0, freshness is blended into the score: an article this many days older than the
  // newest one gets half of recency_weight added; 0 disables.
  double recency_halflife_days = 0;
  double recency_weight = 2.0;
  SortOrder sort = SortOrder::kRelevance;
  // Facets counted over all matches: "outlet", "date.year", "date.month", "date.day", or a
  // keyword field such as "topics". Each lists its facet_limit most frequent values.
  std::vector<std::string> facets;
  std::size_t facet_limit = 10;
  // "outlet": at most one hit per outlet. Empty: no collapsing.
  std::string collapse;
  // Fill SearchHit::explanation with each term's contribution to the score.
  bool explain = false;
  // Count every match so that total is exact (costs time on large indexes).
  bool exact_total = false;
  // Find articles like the one with this id (more-like-this), instead of or filtered by query.
  std::string similar_to;
  // Markers around matched words in snippets.
  std::string highlight_open = "**";
  std::string highlight_close = "**";
  // Escape &, < and > in snippet text (not in the markers): for HTML markers such as <mark>.
  bool snippet_escape_html = false;
  // Words of context in a snippet.
  std::size_t snippet_words = 40;
};

}  // namespace newsdex
