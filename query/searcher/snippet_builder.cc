#include "searcher/snippet_builder.h"

#include <algorithm>
#include <vector>

namespace newsdex {
namespace {

constexpr std::size_t kLeadingContextWords = 6;

struct Word {
  std::uint32_t begin;
  std::uint32_t end;
  int term_index;  // -1 when not a query term
};

// Copies text[from, to) collapsing runs of whitespace (line breaks included) into one space.
void append_collapsed(std::string& out, std::string_view text) {
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty() && out.back() != ' ') out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  if (space && !out.empty() && out.back() != ' ') out.push_back(' ');
}

}  // namespace

std::string SnippetBuilder::build(std::string_view text,
                                  const std::set<std::string, std::less<>>& terms,
                                  std::size_t window_words, std::string_view open,
                                  std::string_view close) {
  std::vector<Word> words;
  analyzer_.analyze(text, 0, [&](const AnalyzedTerm& t) {
    int index = -1;
    if (auto it = terms.find(t.term); it != terms.end())
      index = static_cast<int>(std::distance(terms.begin(), it));
    words.push_back({t.begin, t.end, index});
  });
  if (words.empty()) return {};
  window_words = std::max<std::size_t>(window_words, 1);

  // Best window: most distinct terms, then most matches, then earliest.
  std::size_t best_start = 0;
  std::size_t best_distinct = 0;
  std::size_t best_hits = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].term_index < 0) continue;
    const std::size_t start = i > kLeadingContextWords ? i - kLeadingContextWords : 0;
    const std::size_t stop = std::min(words.size(), start + window_words);
    std::vector<bool> seen(terms.size(), false);
    std::size_t distinct = 0;
    std::size_t hits = 0;
    for (std::size_t k = start; k < stop; ++k) {
      if (words[k].term_index < 0) continue;
      ++hits;
      if (!seen[static_cast<std::size_t>(words[k].term_index)]) {
        seen[static_cast<std::size_t>(words[k].term_index)] = true;
        ++distinct;
      }
    }
    if (distinct > best_distinct || (distinct == best_distinct && hits > best_hits)) {
      best_start = start;
      best_distinct = distinct;
      best_hits = hits;
    }
  }
  const std::size_t stop = std::min(words.size(), best_start + window_words);

  std::string out;
  if (best_start > 0) out.append("\xE2\x80\xA6");
  std::uint32_t cursor = words[best_start].begin;
  for (std::size_t k = best_start; k < stop; ++k) {
    append_collapsed(out, text.substr(cursor, words[k].begin - cursor));
    const auto word = text.substr(words[k].begin, words[k].end - words[k].begin);
    if (words[k].term_index >= 0) {
      out.append(open);
      out.append(word);
      out.append(close);
    } else {
      out.append(word);
    }
    cursor = words[k].end;
  }
  // Keep the punctuation that closes the last word ("citizens." rather than "citizens").
  std::size_t tail = cursor;
  while (tail < text.size() && tail - cursor < 3 &&
         std::string_view(".,;:!?\")'").find(text[tail]) != std::string_view::npos)
    ++tail;
  out.append(text.substr(cursor, tail - cursor));
  if (stop < words.size()) out.append(" \xE2\x80\xA6");
  return out;
}

}  // namespace newsdex
