#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace newsdex {

// One term's share of a hit's score (SearchRequest::explain).
struct TermContribution {
  std::string term;  // the indexed term; "(other)" for phrases, proximity and recency
  double weight = 0;
};

// Another article of a hit's story (SearchHit::also).
struct StoryMember {
  std::string id;
  std::string outlet;
  std::string date;
  std::string title;
};

struct SearchHit {
  std::size_t rank = 0;  // 1-based, counting from the first result of the whole ranking
  std::string id;
  double score = 0;
  std::string title;
  // The source stated no title: `title` is the first sentence of the text.
  bool title_from_text = false;
  std::string outlet;
  std::string date;  // ISO 8601, empty when unknown
  std::string url;
  std::string language;  // ISO 639-1 code the article was analyzed in ("en", "fr")
  std::string snippet;   // original text around the best passage, matched words highlighted
  // The story the article is in (docs/stories.md): its id and how many articles it has.
  std::string story;
  std::uint64_t story_size = 1;
  // Collapsing by story: the story's other articles, by date.
  std::vector<StoryMember> also;
  std::vector<TermContribution> explanation;
};

struct FacetCount {
  std::string value;
  std::uint64_t count = 0;
};

struct Facet {
  std::string name;
  std::vector<FacetCount> counts;  // most frequent first
};

// Why a query was read leniently (QuerySyntax::kAuto): the strict parser's message and the byte
// offset it pointed at.
struct SyntaxNote {
  std::string message;
  std::size_t position = 0;
};

struct SearchResult {
  std::string query;
  // Set when the query was not valid strict syntax and was searched as search-box text.
  std::optional<SyntaxNote> syntax_note;
  // Matching articles: exact when total_lower == total_upper, else `total` is an estimate
  // between the bounds.
  std::uint64_t total = 0;
  std::uint64_t total_lower = 0;
  std::uint64_t total_upper = 0;
  std::vector<SearchHit> hits;
  std::vector<Facet> facets;
  // A corrected query when a word is unknown or rare in the index ("did you mean"); else empty.
  std::string suggestion;
  std::uint64_t took_us = 0;
  // A database in parts (a shard map): how many parts answered of how many the map lists, and
  // the map lines of those that did not (only with SearcherOptions::allow_partial; 0 of 0 for
  // a single database).
  std::size_t parts_answered = 0;
  std::size_t parts_total = 0;
  std::vector<std::string> missing_parts;
};

}  // namespace newsdex
