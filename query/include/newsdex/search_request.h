#pragma once

#include <cstddef>
#include <string>

namespace newsdex {

// What to search for and how to present the hits.
struct SearchRequest {
  // Words are analyzed exactly as article text is; a hit needs any word (or every word with
  // match_all), ranked by BM25.
  std::string query;
  bool match_all = false;
  std::size_t limit = 10;
  std::size_t offset = 0;
  // Markers around matched words in snippets.
  std::string highlight_open = "**";
  std::string highlight_close = "**";
  // Words of context in a snippet.
  std::size_t snippet_words = 40;
};

}  // namespace newsdex
