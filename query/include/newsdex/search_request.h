#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex {

enum class SortOrder { kRelevance, kDateAscending, kDateDescending };

// At most one hit per outlet or per story (docs/stories.md), or no collapsing.
enum class Collapse { kNone, kOutlet, kStory };

// A facet counted over all matches: the outlet, the publication year, month or day, or a
// keyword field of the database (Reuters' "topics").
struct FacetField {
  enum class Kind { kOutlet, kLanguage, kYear, kMonth, kDay, kStory, kKeyword };
  Kind kind = Kind::kOutlet;
  std::string keyword;  // kKeyword: the field's name

  static FacetField outlet() { return {Kind::kOutlet, {}}; }
  static FacetField language() { return {Kind::kLanguage, {}}; }
  static FacetField year() { return {Kind::kYear, {}}; }
  static FacetField month() { return {Kind::kMonth, {}}; }
  static FacetField day() { return {Kind::kDay, {}}; }
  static FacetField story() { return {Kind::kStory, {}}; }
  static FacetField keyword_field(std::string name) { return {Kind::kKeyword, std::move(name)}; }
  // As the command line and the JSON output name them: "outlet", "date.year", "date.month",
  // "date.day" (or "date"), "language", "story"; any other name is a keyword field, checked when
  // searching.
  static FacetField named(std::string_view name) {
    if (name == "outlet") return outlet();
    if (name == "language") return language();
    if (name == "date.year") return year();
    if (name == "date.month") return month();
    if (name == "date.day" || name == "date") return day();
    if (name == "story") return story();
    return keyword_field(std::string(name));
  }
  std::string name() const {
    switch (kind) {
      case Kind::kOutlet:
        return "outlet";
      case Kind::kLanguage:
        return "language";
      case Kind::kYear:
        return "date.year";
      case Kind::kMonth:
        return "date.month";
      case Kind::kDay:
        return "date.day";
      case Kind::kStory:
        return "story";
      case Kind::kKeyword:
        break;
    }
    return keyword;
  }
};

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
  // Language the query words are analyzed in (Snowball name or ISO 639-1 code). Empty (or
  // "auto"): every language the archive's articles are in, so that a word finds articles in
  // any of them; a language pins it.
  std::string language;
  std::size_t limit = 10;
  std::size_t offset = 0;
  Bm25Parameters bm25;
  // Extra weight of a word's occurrences in the title, relative to the body (measured with
  // the BM25 defaults; 0 disables).
  double title_weight = 0.5;
  // Bonuses for where the query's words occur (docs/ranking.md "What newsdex does"), added to
  // the rerank_depth best BM25 matches, which they re-rank (sorting by relevance only). Matches
  // below that depth keep their BM25 order and score. A weight of 0 disables its bonus.
  // Lead: the query's words among the first lead_words positions of the body.
  double lead_weight = 1.0;
  unsigned lead_words = 30;
  // Proximity (BM25TP): two juxtaposed plain query words within proximity_window positions;
  // off by default: on the tune samples it did not pay (docs/ranking.md).
  double proximity_weight = 0;
  unsigned proximity_window = 5;
  std::size_t rerank_depth = 20;
  // Pseudo-relevance feedback (RM3): when expand_documents > 0, the expand_terms words most
  // typical of the best expand_documents matches (by their share of each article, weighted by
  // the article's score) reweight the query's matches, the original query keeping
  // expand_original_weight of the mass. The matches themselves stay the query's.
  std::size_t expand_documents = 0;
  std::size_t expand_terms = 10;
  double expand_original_weight = 0.5;
  // When > 0, freshness is blended into the score: an article this many days older than the
  // newest one gets half of recency_weight added; 0 disables.
  double recency_halflife_days = 0;
  double recency_weight = 2.0;
  SortOrder sort = SortOrder::kRelevance;
  // Facets counted over all matches, each listing its facet_limit most frequent values.
  std::vector<FacetField> facets;
  std::size_t facet_limit = 10;
  Collapse collapse = Collapse::kNone;
  // Fill SearchHit::explanation with each term's contribution to the score.
  bool explain = false;
  // Count every match so that total is exact (costs time on large indexes).
  bool exact_total = false;
  // Find articles like the one with this id (more-like-this), instead of or filtered by query.
  std::string similar_to;
  // The articles of the story of the article with this id, filtered by the query when there is
  // one (set `sort` to kDateAscending to list the story in order).
  std::string story_of;
  // Markers around matched words in snippets.
  std::string highlight_open = "**";
  std::string highlight_close = "**";
  // Escape &, < and > in snippet text (not in the markers): for HTML markers such as <mark>.
  bool snippet_escape_html = false;
  // Words of context in a snippet.
  std::size_t snippet_words = 40;
};

}  // namespace newsdex
