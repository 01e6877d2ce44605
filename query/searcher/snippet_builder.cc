#include "searcher/snippet_builder.h"

#include <algorithm>

namespace newsdex {
namespace {

// Words of context kept before the first match of the chosen passage.
constexpr std::size_t kLeadingContextWords = 6;

// Characters after the passage's last word that close it ("citizens." rather than "citizens").
constexpr std::string_view kClosingPunctuation = ".,;:!?\")'";
constexpr std::size_t kMaxClosingPunctuation = 3;

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

// Page furniture between words: rules and leaders such as "----", "====", "....", "* * *" is
// not (runs of one filler character, spaces allowed between); "..." (an ellipsis) and "--"
// (a dash) are prose and stay.
bool is_filler(char c) {
  return c == '-' || c == '_' || c == '=' || c == '.' || c == '*' || c == '~' || c == '#' ||
         c == '+';
}

// Text between two words, furniture replaced by a space.
void append_gap(std::string& out, std::string_view gap, bool escape_html) {
  std::size_t copied = 0;
  for (std::size_t i = 0; i < gap.size();) {
    if (!is_filler(gap[i])) {
      ++i;
      continue;
    }
    const char filler = gap[i];
    std::size_t end = i, count = 0;
    while (end < gap.size() && (gap[end] == filler || gap[end] == ' '))
      count += gap[end++] == filler;
    while (end > i && gap[end - 1] == ' ') --end;
    const std::size_t min_run = filler == '.' || filler == '-' ? 4 : 3;
    if (count >= min_run) {
      append_collapsed(out, gap.substr(copied, i - copied), escape_html);
      append_collapsed(out, " ", escape_html);
      copied = end;
    }
    i = std::max(end, i + 1);
  }
  append_collapsed(out, gap.substr(copied), escape_html);
}

// Only spaces or one hyphen between two words: their highlights merge.
bool joinable_gap(std::string_view gap) {
  std::size_t hyphens = 0;
  for (char c : gap) {
    if (c == '-') {
      ++hyphens;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      return false;
    }
  }
  return hyphens <= 1;
}

// The window [start, start + window) with the most distinct terms, then the most matches, then
// the earliest; `matches` sorted by word.
std::size_t best_window_start(const std::vector<TermMatch>& matches, std::size_t window) {
  std::size_t best_start = 0, best_distinct = 0, best_hits = 0;
  std::vector<std::uint32_t> seen;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    if (i > 0 && matches[i].word == matches[i - 1].word) continue;
    const std::size_t start =
        matches[i].word > kLeadingContextWords ? matches[i].word - kLeadingContextWords : 0;
    seen.clear();
    std::size_t hits = 0;
    for (std::size_t k = i; k < matches.size() && matches[k].word < start + window; ++k) {
      ++hits;
      if (std::find(seen.begin(), seen.end(), matches[k].term) == seen.end())
        seen.push_back(matches[k].term);
    }
    // Matches before i but inside the window (within the leading context) count too.
    for (std::size_t k = i; k > 0 && matches[k - 1].word >= start; --k) {
      ++hits;
      if (std::find(seen.begin(), seen.end(), matches[k - 1].term) == seen.end())
        seen.push_back(matches[k - 1].term);
    }
    if (seen.size() > best_distinct || (seen.size() == best_distinct && hits > best_hits)) {
      best_start = start;
      best_distinct = seen.size();
      best_hits = hits;
    }
  }
  return best_start;
}

}  // namespace

std::string SnippetBuilder::build(std::string_view text, const std::vector<WordSpan>& spans,
                                  std::vector<TermMatch> matches, std::size_t window_words,
                                  const Style& style) {
  if (spans.empty()) return {};
  window_words = std::max<std::size_t>(window_words, 1);
  std::erase_if(matches, [&](const TermMatch& m) { return m.word >= spans.size(); });
  std::sort(matches.begin(), matches.end(),
            [](const TermMatch& a, const TermMatch& b) { return a.word < b.word; });
  const std::size_t start = best_window_start(matches, window_words);
  const std::size_t stop = std::min(spans.size(), start + window_words);

  // Highlighted words of the window: each match, widened to its whole compound.
  std::vector<bool> marked(stop - start, false);
  for (const auto& m : matches) {
    if (m.word < start || m.word >= stop) continue;
    std::size_t first = m.word;
    while (first > start && spans[first].joins_previous) --first;
    std::size_t last = m.word;
    while (last + 1 < stop && spans[last + 1].joins_previous) ++last;
    for (std::size_t w = first; w <= last; ++w) marked[w - start] = true;
  }

  std::string out;
  if (start > 0) out.append("\xE2\x80\xA6");
  std::uint32_t cursor = spans[start].begin;
  for (std::size_t w = start; w < stop; ++w) {
    const bool mark = marked[w - start];
    const bool continues =
        mark && w > start && marked[w - start - 1] &&
        joinable_gap(text.substr(spans[w - 1].end, spans[w].begin - spans[w - 1].end));
    if (continues) out.erase(out.size() - style.close.size());  // reopen the highlight
    append_gap(out, text.substr(cursor, spans[w].begin - cursor), style.escape_html);
    if (mark && !continues) out.append(style.open);
    append_collapsed(out, text.substr(spans[w].begin, spans[w].end - spans[w].begin),
                     style.escape_html);
    if (mark) out.append(style.close);
    cursor = spans[w].end;
  }
  std::size_t tail = cursor;
  while (tail < text.size() && tail - cursor < kMaxClosingPunctuation &&
         kClosingPunctuation.find(text[tail]) != std::string_view::npos)
    ++tail;
  append_collapsed(out, text.substr(cursor, tail - cursor), style.escape_html);
  if (stop < spans.size()) out.append(" \xE2\x80\xA6");
  return out;
}

}  // namespace newsdex
