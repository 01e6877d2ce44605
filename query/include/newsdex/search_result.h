#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace newsdex {

struct SearchHit {
  std::size_t rank = 0;  // 1-based, counting from the first result of the whole ranking
  std::string id;
  double score = 0;
  std::string title;
  std::string outlet;
  std::string date;  // ISO 8601, empty when unknown
  std::string url;
  std::string snippet;  // original text around the best passage, matched words highlighted
};

struct SearchResult {
  std::string query;
  // Matching articles: `total` is exact when total_lower == total_upper, else an estimate
  // between the bounds.
  std::uint64_t total = 0;
  std::uint64_t total_lower = 0;
  std::uint64_t total_upper = 0;
  std::vector<SearchHit> hits;
};

}  // namespace newsdex
