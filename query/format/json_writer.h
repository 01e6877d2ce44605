#pragma once

#include <optional>
#include <ostream>
#include <string_view>

#include "newsdex/search_result.h"

namespace newsdex {

// Writes `text` as a JSON string literal (quotes included), escaping as RFC 8259 requires.
void write_json_string(std::ostream& out, std::string_view text);

// The result as one JSON object on one line; the schema is documented in docs/query.md and kept
// stable: {"query", "total", "total_lower", "total_upper", "took_us", "suggestion",
// "facets": {name: [{"value", "count"}]}, "hits": [{"rank", "id", "score", "title", "outlet",
// "date", "url", "snippet", "explanation"?}]}. Unknown outlet, date, url and suggestion are null.
// `id` (batch mode) adds a leading "id" member.
void write_json(std::ostream& out, const SearchResult& result, std::string_view id = {});

// A batch query that failed, as its own line so that lines still match queries:
// {"id": ID, "error": {"type": TYPE, "message": MESSAGE, "position": N}} ("syntax" errors have
// the byte position of the problem; "request" errors, such as an unknown facet, have none).
void write_json_error(std::ostream& out, std::string_view id, std::string_view type,
                      std::string_view message, std::optional<std::size_t> position);

}  // namespace newsdex
