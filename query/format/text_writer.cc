#include "format/text_writer.h"

#include <algorithm>

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

// Field text as a terminal can show it: control characters (C0, DEL and C1, whose ESC and CSI
// sequences would drive the terminal) are written as visible escapes such as \x1b; tabs and
// line breaks, which would break the layout, become spaces.
std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\t' || c == '\n' || c == '\r') {
      out.push_back(' ');
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(s[i + 1]));
      out += buf;
      ++i;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

}  // namespace

void write_text(std::ostream& out, const SearchResult& result, bool colour) {
  const auto bold = colour ? kBold : "";
  const auto dim = colour ? kDim : "";
  const auto reset = colour ? kReset : "";
  const bool exact = result.total_lower == result.total_upper;
  // A query that has quotes of its own (a phrase) is shown as it is, not inside more quotes.
  const std::string query = printable(result.query);
  const bool quoted = query.find('"') != std::string::npos;
  out << (exact ? "" : "about ") << result.total << (result.total == 1 ? " hit" : " hits");
  // --story-of and --similar need no query.
  if (!query.empty()) out << " for " << (quoted ? "" : "\"") << query << (quoted ? "" : "\"");
  out << "\n";
  if (!result.suggestion.empty()) out << "did you mean: " << printable(result.suggestion) << "\n";
  for (const auto& facet : result.facets) {
    out << facet.name << ":";
    for (const auto& c : facet.counts) out << " " << printable(c.value) << " (" << c.count << ")";
    out << "\n";
  }
  for (const auto& hit : result.hits) {
    out << "\n"
        << hit.rank << ". " << bold << (hit.title.empty() ? "(untitled)" : printable(hit.title))
        << reset << "\n   " << dim
        << (hit.outlet.empty() ? "unknown outlet" : printable(hit.outlet)) << " | "
        << (hit.date.empty() ? "undated" : printable(hit.date)) << " | score "
        << format_score(hit.score, "%.3f") << " | id " << printable(hit.id) << reset << "\n";
    if (!hit.url.empty()) out << "   " << dim << printable(hit.url) << reset << "\n";
    if (!hit.also.empty()) {
      // Each other outlet once, in the order the story's articles came out.
      std::vector<std::string> outlets;
      for (const auto& member : hit.also) {
        if (!member.outlet.empty() && member.outlet == hit.outlet) continue;
        const std::string outlet =
            member.outlet.empty() ? "unknown outlet" : printable(member.outlet);
        if (std::find(outlets.begin(), outlets.end(), outlet) == outlets.end())
          outlets.push_back(outlet);
      }
      out << "   " << dim;
      if (outlets.empty()) {
        out << "also " << hit.also.size()
            << (hit.also.size() == 1 ? " more article" : " more articles");
      } else {
        out << "also reported by ";
        for (std::size_t k = 0; k < outlets.size(); ++k) out << (k ? ", " : "") << outlets[k];
      }
      out << " (story " << printable(hit.story) << ", " << hit.story_size << " articles)" << reset
          << "\n";
    }
    // The snippet's text is made safe when it is built; its highlight markers may be colours.
    if (!hit.snippet.empty()) out << "   " << hit.snippet << "\n";
    for (const auto& part : hit.explanation)
      out << "     " << format_score(part.weight, "%8.4f") << "  " << printable(part.term) << "\n";
  }
}

void write_tsv(std::ostream& out, const SearchResult& result) {
  for (const auto& hit : result.hits) {
    out << hit.rank << '\t' << printable(hit.id) << '\t' << format_score(hit.score, "%.6g") << '\t'
        << printable(hit.date) << '\t' << printable(hit.outlet) << '\t' << printable(hit.title)
        << '\t' << printable(hit.url) << '\n';
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
