#include "format/text_writer.h"

#include <cstdio>

namespace newsdex {

void write_text(std::ostream& out, const SearchResult& result) {
  const bool exact = result.total_lower == result.total_upper;
  out << (exact ? "" : "about ") << result.total << (result.total == 1 ? " hit" : " hits")
      << " for \"" << result.query << "\"\n";
  for (const auto& hit : result.hits) {
    char score[32];
    std::snprintf(score, sizeof score, "%.3f", hit.score);
    out << "\n"
        << hit.rank << ". " << (hit.title.empty() ? "(untitled)" : hit.title) << "\n   "
        << (hit.outlet.empty() ? "unknown outlet" : hit.outlet) << " | "
        << (hit.date.empty() ? "undated" : hit.date) << " | score " << score << " | id " << hit.id
        << "\n";
    if (!hit.url.empty()) out << "   " << hit.url << "\n";
    if (!hit.snippet.empty()) out << "   " << hit.snippet << "\n";
  }
}

}  // namespace newsdex
