#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "newsdex/word_map.h"

namespace newsdex {

// A query term at a word of a field: `word` indexes the field's word spans (its position minus
// the field's first position), `term` numbers the query's distinct terms.
struct TermMatch {
  std::uint32_t word;
  std::uint32_t term;
};

// Cuts the passage of a field where the most distinct query terms occur close together and
// highlights them, from the positions the index holds for the matched terms and the field's word
// spans: no analysis at query time. A match inside a hyphenated compound highlights the whole
// compound; matched words next to each other (only spaces or a hyphen between) share one
// highlight.
class SnippetBuilder {
 public:
  struct Style {
    std::string_view open;
    std::string_view close;
    // &, < and > in the text are escaped (the markers are not), so that HTML markers such as
    // <mark> give a snippet safe to put in a page.
    bool escape_html = false;
  };

  // `matches` in any order; `window_words` words at most (at least 1).
  static std::string build(std::string_view text, const std::vector<WordSpan>& spans,
                           std::vector<TermMatch> matches, std::size_t window_words,
                           const Style& style);
};

}  // namespace newsdex
