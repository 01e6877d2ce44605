#include "searcher/spelling_suggester.h"

#include <algorithm>
#include <vector>

namespace newsdex {
namespace {

// A term this rare is a suggestion candidate when a close term is this many times as frequent.
constexpr Xapian::doccount kRareTermFrequency = 2;
constexpr Xapian::doccount kMoreFrequentFactor = 20;

// Optimal string alignment distance, abandoned once it exceeds `limit`.
std::size_t edit_distance(const std::string& a, const std::string& b, std::size_t limit) {
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return limit + 1;
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    std::size_t row_min = cur[0];
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      row_min = std::min(row_min, cur[j]);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

}  // namespace

std::string SpellingSuggester::suggest(const std::string& term) const {
  if (term.empty()) return {};
  const Xapian::doccount own = db_.get_termfreq(term);
  if (own > kRareTermFrequency) return {};
  const std::size_t limit = term.size() <= 4 ? 1 : 2;
  std::string best;
  Xapian::doccount best_freq = std::max<Xapian::doccount>(own * kMoreFrequentFactor, 1);
  std::size_t best_distance = limit + 1;
  const std::string first(1, term[0]);
  for (auto it = db_.allterms_begin(first); it != db_.allterms_end(first); ++it) {
    const std::string candidate = *it;
    if (candidate == term) continue;
    const std::size_t d = edit_distance(term, candidate, limit);
    if (d > limit) continue;
    const Xapian::doccount freq = it.get_termfreq();
    if (freq > best_freq || (freq == best_freq && d < best_distance)) {
      best = candidate;
      best_freq = freq;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace newsdex
