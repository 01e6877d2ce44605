#pragma once

#include <ostream>

#include "newsdex/search_result.h"

namespace newsdex {

// Human-readable results: a count line, "did you mean", facets, then per hit its rank and
// title, a line with outlet, date, score and id, the url, the snippet and any explanation.
// With `colour`, titles are bold, metadata dim and highlight markers are rendered by the caller's
// choice of markers (ANSI codes).
void write_text(std::ostream& out, const SearchResult& result, bool colour);

// Tab-separated: rank, id, score, date, outlet, title, url — one hit a line, no header.
// Tabs and line breaks inside fields become spaces.
void write_tsv(std::ostream& out, const SearchResult& result);

// TREC run format: "qid Q0 docid rank score tag", one hit a line.
void write_trec(std::ostream& out, const SearchResult& result, std::string_view query_id,
                std::string_view run_tag);

}  // namespace newsdex
