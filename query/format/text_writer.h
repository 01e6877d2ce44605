#pragma once

#include <ostream>

#include "newsdex/search_result.h"

namespace newsdex {

// Human-readable results: a count line, then per hit its rank and title, a line with outlet,
// date, score and id, and the snippet.
void write_text(std::ostream& out, const SearchResult& result);

}  // namespace newsdex
