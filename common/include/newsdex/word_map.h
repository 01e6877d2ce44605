#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// Where each indexed word of an article lies in its stored title and body: the byte range of
// the word with word position p. Stored with the record, so that a snippet is cut from the
// positions the index already holds for the matched terms, without analyzing the text again.
struct WordSpan {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  // The word continues a hyphenated compound with the word before it ("attack" in
  // "cyber-attack"): a match of the joined form spans them all.
  bool joins_previous = false;
};

struct WordMap {
  // Title words hold positions 1, 2, ...; body words body_first_position, +1, ... (the gap
  // keeps phrases from spanning both).
  std::vector<WordSpan> title;
  std::vector<WordSpan> body;
  std::uint32_t body_first_position = 0;

  bool empty() const { return title.empty() && body.empty(); }
};

// Compact form: the body's first position, then for title and body a word count and per word
// the bytes since the previous word's end (shifted left, low bit: joins_previous) and the
// word's length, all LEB128. About two bytes a word.
void append_word_map(std::string& out, const WordMap& map);

// Reads a word map written by append_word_map from `data` starting at `pos`, which it
// advances. Throws DatabaseError on malformed data, or spans past `title_size` / `body_size`.
WordMap read_word_map(std::string_view data, std::size_t& pos, std::size_t title_size,
                      std::size_t body_size);

}  // namespace newsdex
