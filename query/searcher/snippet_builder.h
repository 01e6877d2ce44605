#pragma once

#include <set>
#include <string>
#include <string_view>

#include "newsdex/analyzer.h"

namespace newsdex {

// Picks the passage of an article's original text where the most distinct query terms occur
// close together, and highlights every word whose analyzed term is a query term (so `attacks`
// is highlighted for the query `attack`).
class SnippetBuilder {
 public:
  explicit SnippetBuilder(Analyzer& analyzer) : analyzer_(analyzer) {}

  // With `escape_html`, &, < and > in the text are escaped (the markers are not), so that
  // HTML markers such as <mark> give a snippet safe to put in a page.
  std::string build(std::string_view text, const std::set<std::string, std::less<>>& terms,
                    std::size_t window_words, std::string_view open, std::string_view close,
                    bool escape_html = false);

 private:
  Analyzer& analyzer_;
};

}  // namespace newsdex
