#include "format/text_writer.h"

#include <cstdio>
#include <string>

namespace newsdex {
namespace {

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kDim = "\x1b[2m";
constexpr std::string_view kReset = "\x1b[0m";

std::string format_score(double score, const char* format) {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, score);
  return buf;
}

std::string tsv_field(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  return out;
}

}  // namespace

void write_text(std::ostream& out, const SearchResult& result, bool colour) {
  const auto bold = colour ? kBold : "";
  const auto dim = colour ? kDim : "";
  const auto reset = colour ? kReset : "";
  const bool exact = result.total_lower == result.total_upper;
  out << (exact ? "" : "about ") << result.total << (result.total == 1 ? " hit" : " hits")
      << " for \"" << result.query << "\"\n";
  if (!result.suggestion.empty()) out << "did you mean: " << result.suggestion << "\n";
  for (const auto& facet : result.facets) {
    out << facet.name << ":";
    for (const auto& c : facet.counts) out << " " << c.value << " (" << c.count << ")";
    out << "\n";
  }
  for (const auto& hit : result.hits) {
    out << "\n"
        << hit.rank << ". " << bold << (hit.title.empty() ? "(untitled)" : hit.title) << reset
        << "\n   " << dim << (hit.outlet.empty() ? "unknown outlet" : hit.outlet) << " | "
        << (hit.date.empty() ? "undated" : hit.date) << " | score "
        << format_score(hit.score, "%.3f") << " | id " << hit.id << reset << "\n";
    if (!hit.url.empty()) out << "   " << dim << hit.url << reset << "\n";
    if (!hit.snippet.empty()) out << "   " << hit.snippet << "\n";
    for (const auto& part : hit.explanation)
      out << "     " << format_score(part.weight, "%8.4f") << "  " << part.term << "\n";
  }
}

void write_tsv(std::ostream& out, const SearchResult& result) {
  for (const auto& hit : result.hits) {
    out << hit.rank << '\t' << tsv_field(hit.id) << '\t' << format_score(hit.score, "%.6g") << '\t'
        << tsv_field(hit.date) << '\t' << tsv_field(hit.outlet) << '\t' << tsv_field(hit.title)
        << '\t' << tsv_field(hit.url) << '\n';
  }
}

void write_trec(std::ostream& out, const SearchResult& result, std::string_view query_id,
                std::string_view run_tag) {
  for (const auto& hit : result.hits) {
    out << query_id << " Q0 " << hit.id << ' ' << hit.rank << ' ' << format_score(hit.score, "%.6f")
        << ' ' << run_tag << '\n';
  }
}

}  // namespace newsdex
