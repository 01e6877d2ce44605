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

void append_char(std::string& out, char c, bool escape_html) {
  if (escape_html && (c == '&' || c == '<' || c == '>')) {
    out.append(c == '&' ? "&amp;" : c == '<' ? "&lt;" : "&gt;");
  } else {
    out.push_back(c);
  }
}

// Copies text collapsing runs of whitespace (line breaks included) into one space. Other
// control characters count as space too: raw ESC sequences from an article must not reach a
// terminal through a snippet.
void append_collapsed(std::string& out, std::string_view text, bool escape_html) {
  bool space = false;
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == '\x7f' || c == ' ') {
      space = true;
      continue;
    }
    if (space && !out.empty() && out.back() != ' ') out.push_back(' ');
    space = false;
    append_char(out, c, escape_html);
  }
  if (space && !out.empty() && out.back() != ' ') out.push_back(' ');
}

}  // namespace

std::string SnippetBuilder::build(std::string_view text,
                                  const std::set<std::string, std::less<>>& terms,
                                  std::size_t window_words, std::string_view open,
                                  std::string_view close, bool escape_html) {
  std::vector<Word> words;
  analyzer_.analyze(text, 0, [&](const AnalyzedTerm& t) {
    int index = -1;
    if (auto it = terms.find(t.term); it != terms.end())
      index = static_cast<int>(std::distance(terms.begin(), it));
    if (!t.joined) {
      words.push_back({t.begin, t.end, index});
      return;
    }
    // A joined compound ("cyber-attack" as "cyberattack") spans its parts, already listed: a
    // match highlights them.
    if (index < 0) return;
    for (auto w = words.rbegin(); w != words.rend() && w->begin >= t.begin; ++w)
      if (w->term_index < 0) w->term_index = index;
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
    append_collapsed(out, text.substr(cursor, words[k].begin - cursor), escape_html);
    const auto word = text.substr(words[k].begin, words[k].end - words[k].begin);
    if (words[k].term_index >= 0) {
      out.append(open);
      append_collapsed(out, word, escape_html);
      out.append(close);
    } else {
      append_collapsed(out, word, escape_html);
    }
    cursor = words[k].end;
  }
  // Keep the punctuation that closes the last word ("citizens." rather than "citizens").
  std::size_t tail = cursor;
  while (tail < text.size() && tail - cursor < 3 &&
         std::string_view(".,;:!?\")'").find(text[tail]) != std::string_view::npos)
    ++tail;
  append_collapsed(out, text.substr(cursor, tail - cursor), escape_html);
  if (stop < words.size()) out.append(" \xE2\x80\xA6");
  return out;
}

}  // namespace newsdex
