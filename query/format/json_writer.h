#pragma once

#include <ostream>
#include <string_view>

#include "newsdex/search_result.h"

namespace newsdex {

// Writes `text` as a JSON string literal (quotes included), escaping as RFC 8259 requires.
void write_json_string(std::ostream& out, std::string_view text);

// One JSON object: {"query", "total", "total_lower", "total_upper", "hits": [{"rank", "id",
// "score", "title", "outlet", "date", "url", "snippet"}]}; empty date/url/outlet are null.
// The schema is documented in docs/query.md and kept stable.
void write_json(std::ostream& out, const SearchResult& result);

}  // namespace newsdex
