#include "format/json_writer.h"

#include <cstdio>

namespace newsdex {
namespace {

void write_optional_string(std::ostream& out, std::string_view text) {
  if (text.empty()) {
    out << "null";
  } else {
    write_json_string(out, text);
  }
}

}  // namespace

void write_json_string(std::ostream& out, std::string_view text) {
  out.put('"');
  for (char c : text) {
    switch (c) {
      case '"':
        out << "\\\"";
        break;
      case '\\':
        out << "\\\\";
        break;
      case '\n':
        out << "\\n";
        break;
      case '\r':
        out << "\\r";
        break;
      case '\t':
        out << "\\t";
        break;
      case '\b':
        out << "\\b";
        break;
      case '\f':
        out << "\\f";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
          out << buf;
        } else {
          out.put(c);
        }
    }
  }
  out.put('"');
}

void write_json(std::ostream& out, const SearchResult& result) {
  out << "{\"query\":";
  write_json_string(out, result.query);
  out << ",\"total\":" << result.total << ",\"total_lower\":" << result.total_lower
      << ",\"total_upper\":" << result.total_upper << ",\"hits\":[";
  bool first = true;
  for (const auto& hit : result.hits) {
    if (!first) out << ',';
    first = false;
    char score[32];
    std::snprintf(score, sizeof score, "%.6g", hit.score);
    out << "{\"rank\":" << hit.rank << ",\"id\":";
    write_json_string(out, hit.id);
    out << ",\"score\":" << score << ",\"title\":";
    write_json_string(out, hit.title);
    out << ",\"outlet\":";
    write_optional_string(out, hit.outlet);
    out << ",\"date\":";
    write_optional_string(out, hit.date);
    out << ",\"url\":";
    write_optional_string(out, hit.url);
    out << ",\"snippet\":";
    write_json_string(out, hit.snippet);
    out << '}';
  }
  out << "]}\n";
}

}  // namespace newsdex
