#include "format/json_writer.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "newsdex/utf8.h"

namespace newsdex {
namespace {

void write_optional_string(std::ostream& out, std::string_view text) {
  if (text.empty()) {
    out << "null";
  } else {
    write_json_string(out, text);
  }
}

// JSON has no NaN or infinity: such a number (which a bad weighting parameter could give)
// is written as null rather than as invalid JSON.
void write_number(std::ostream& out, double value) {
  if (!std::isfinite(value)) {
    out << "null";
    return;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", value);
  out << buf;
}

}  // namespace

void write_json_string(std::ostream& out, std::string_view text) {
  // JSON text is UTF-8: bytes that are not (an old database, a caller's string) become U+FFFD.
  std::string repaired;
  if (!is_valid_utf8(text)) {
    repaired.assign(text);
    repair_utf8(repaired);
    text = repaired;
  }
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

void write_json(std::ostream& out, const SearchResult& result, std::string_view id) {
  out << '{';
  if (!id.empty()) {
    out << "\"id\":";
    write_json_string(out, id);
    out << ',';
  }
  out << "\"query\":";
  write_json_string(out, result.query);
  out << ",\"total\":" << result.total << ",\"total_lower\":" << result.total_lower
      << ",\"total_upper\":" << result.total_upper << ",\"took_us\":" << result.took_us
      << ",\"suggestion\":";
  write_optional_string(out, result.suggestion);
  if (result.parts_total > 0) {
    // A shard map (docs/scaling.md): which parts answered.
    out << ",\"coverage\":{\"answered\":" << result.parts_answered
        << ",\"total\":" << result.parts_total << ",\"missing\":[";
    for (std::size_t i = 0; i < result.missing_parts.size(); ++i) {
      if (i) out << ',';
      write_json_string(out, result.missing_parts[i]);
    }
    out << "]}";
  }
  out << ",\"syntax_note\":";
  if (result.syntax_note) {
    out << "{\"message\":";
    write_json_string(out, result.syntax_note->message);
    out << ",\"position\":" << result.syntax_note->position << '}';
  } else {
    out << "null";
  }
  out << ",\"facets\":{";
  for (std::size_t f = 0; f < result.facets.size(); ++f) {
    if (f) out << ',';
    write_json_string(out, result.facets[f].name);
    out << ":[";
    for (std::size_t k = 0; k < result.facets[f].counts.size(); ++k) {
      if (k) out << ',';
      out << "{\"value\":";
      write_json_string(out, result.facets[f].counts[k].value);
      out << ",\"count\":" << result.facets[f].counts[k].count << '}';
    }
    out << ']';
  }
  out << "},\"hits\":[";
  for (std::size_t h = 0; h < result.hits.size(); ++h) {
    const auto& hit = result.hits[h];
    if (h) out << ',';
    out << "{\"rank\":" << hit.rank << ",\"id\":";
    write_json_string(out, hit.id);
    out << ",\"score\":";
    write_number(out, hit.score);
    out << ",\"title\":";
    write_json_string(out, hit.title);
    out << ",\"title_from_text\":" << (hit.title_from_text ? "true" : "false");
    out << ",\"outlet\":";
    write_optional_string(out, hit.outlet);
    out << ",\"date\":";
    write_optional_string(out, hit.date);
    out << ",\"url\":";
    write_optional_string(out, hit.url);
    out << ",\"language\":";
    write_optional_string(out, hit.language);
    out << ",\"snippet\":";
    write_json_string(out, hit.snippet);
    out << ",\"story\":";
    write_optional_string(out, hit.story);
    out << ",\"story_size\":" << hit.story_size << ",\"also\":[";
    for (std::size_t k = 0; k < hit.also.size(); ++k) {
      const auto& member = hit.also[k];
      if (k) out << ',';
      out << "{\"id\":";
      write_json_string(out, member.id);
      out << ",\"outlet\":";
      write_optional_string(out, member.outlet);
      out << ",\"date\":";
      write_optional_string(out, member.date);
      out << ",\"title\":";
      write_json_string(out, member.title);
      out << '}';
    }
    out << ']';
    if (!hit.explanation.empty()) {
      out << ",\"explanation\":[";
      for (std::size_t k = 0; k < hit.explanation.size(); ++k) {
        if (k) out << ',';
        out << "{\"term\":";
        write_json_string(out, hit.explanation[k].term);
        out << ",\"weight\":";
        write_number(out, hit.explanation[k].weight);
        out << '}';
      }
      out << ']';
    }
    out << '}';
  }
  out << "]}\n";
}

void write_json_error(std::ostream& out, std::string_view id, std::string_view type,
                      std::string_view message, std::optional<std::size_t> position) {
  out << "{\"id\":";
  write_json_string(out, id);
  out << ",\"error\":{\"type\":";
  write_json_string(out, type);
  out << ",\"message\":";
  write_json_string(out, message);
  if (position) out << ",\"position\":" << *position;
  out << "}}\n";
}

}  // namespace newsdex
