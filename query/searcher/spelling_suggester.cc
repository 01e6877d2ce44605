#include "searcher/spelling_suggester.h"

#include <algorithm>

#include "newsdex/hashing.h"
#include "newsdex/word_count_table.h"

namespace newsdex {
namespace {

// A word the archive has is corrected only to a word this many times as frequent.
constexpr Xapian::doccount kMoreFrequentFactor = 100;
// A suggestion is in at least this many articles.
constexpr Xapian::doccount kMinSuggestionFrequency = 2;
constexpr std::size_t kMaxDistance = 2;

// Optimal string alignment distance, abandoned once it exceeds `limit`.
template <typename String>
std::size_t edit_distance(const String& a, const String& b, std::size_t limit) {
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

// The code points of UTF-8 text (the words come from the analyzer: valid UTF-8).
std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t len = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t c = len == 1 ? b : b & (0xFF >> (len + 1));
    for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
      c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(c);
    i += len;
  }
  return out;
}

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

// Edits between words count characters, not bytes: "москва" is one edit from "масква".
std::size_t word_distance(const std::string& a, const std::string& b, std::size_t limit) {
  if (is_ascii(a) && is_ascii(b)) return edit_distance(a, b, limit);
  return edit_distance(code_points(a), code_points(b), limit);
}

std::uint64_t hash_of(std::string_view s) {
  return Fnv1a64().add(s).value();
}

std::uint64_t hash_of(const char32_t* chars, std::size_t n) {
  return hash_of(std::string_view(reinterpret_cast<const char*>(chars), n * sizeof(char32_t)));
}

// Hashes of `word`'s first kPrefixChars characters with up to `deletes` (0 to 2) of them
// deleted, the prefix itself included, distinct. Characters, not bytes: a one-letter mistake
// in Cyrillic or Greek is one deletion on each side, as in Latin.
std::vector<std::uint64_t> deletion_variants(std::string_view text, std::size_t deletes) {
  std::u32string word = code_points(text);
  if (word.size() > SpellingSuggester::kPrefixChars) word.resize(SpellingSuggester::kPrefixChars);
  std::vector<std::uint64_t> out = {hash_of(word.data(), word.size())};
  char32_t buf[SpellingSuggester::kPrefixChars];
  const std::size_t n = word.size();
  for (std::size_t i = 0; deletes >= 1 && i < n; ++i) {
    std::size_t len = 0;
    for (std::size_t k = 0; k < n; ++k)
      if (k != i) buf[len++] = word[k];
    out.push_back(hash_of(buf, len));
    for (std::size_t j = i + 1; deletes >= 2 && j < n; ++j) {
      len = 0;
      for (std::size_t k = 0; k < n; ++k)
        if (k != i && k != j) buf[len++] = word[k];
      out.push_back(hash_of(buf, len));
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

SpellingSuggester::SpellingSuggester(const Xapian::Database& db)
    : all_words_(WordCountTable::read(db)) {}

SpellingSuggester::SpellingSuggester(std::vector<std::pair<std::string, std::uint32_t>> all_words)
    : all_words_(std::move(all_words)) {}

void SpellingSuggester::VariantIndex::build(
    const std::vector<std::pair<std::string, std::uint32_t>>& all_words,
    Xapian::doccount min_frequency) {
  built = true;
  std::vector<std::pair<std::string, Xapian::doccount>> words;
  for (const auto& [word, frequency] : all_words)
    if (frequency >= min_frequency) words.emplace_back(word, frequency);
  // Bounded memory on a large archive: the most frequent words only (about 29 index entries of
  // 16 bytes a word, so at most ~45 MB, besides the table itself).
  if (words.size() > kMaxVocabulary) {
    std::nth_element(words.begin(), words.begin() + kMaxVocabulary, words.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    words.resize(kMaxVocabulary);
  }
  for (auto& [term, frequency] : words) {
    const auto id = static_cast<std::uint32_t>(terms.size());
    for (const auto key : deletion_variants(term, kMaxDistance)) variants.emplace_back(key, id);
    terms.push_back(std::move(term));
    frequencies.push_back(frequency);
  }
  std::sort(variants.begin(), variants.end());
}

std::size_t SpellingSuggester::vocabulary_size() {
  if (!every_.built) every_.build(all_words_, kMinSuggestionFrequency);
  return every_.terms.size();
}

Xapian::doccount SpellingSuggester::frequency(const std::string& word) const {
  const auto it =
      std::lower_bound(all_words_.begin(), all_words_.end(), word,
                       [](const auto& entry, const std::string& w) { return entry.first < w; });
  return it != all_words_.end() && it->first == word ? it->second : 0;
}

std::string SpellingSuggester::suggest(const std::string& term,
                                       const std::function<bool(const std::string&)>& indexed) {
  if (term.empty()) return {};
  const Xapian::doccount own = frequency(term);
  const Xapian::doccount needed =
      own == 0 ? kMinSuggestionFrequency : std::max(own * kMoreFrequentFactor, own + 1);
  VariantIndex& index = own == 0 ? every_ : frequent_;
  if (!index.built)
    index.build(all_words_, own == 0 ? kMinSuggestionFrequency : kMoreFrequentFactor);
  const std::size_t limit = code_points(term).size() <= 4 ? 1 : kMaxDistance;
  std::vector<std::uint32_t> candidates;
  for (const auto key : deletion_variants(term, limit)) {
    auto [first, last] =
        std::equal_range(index.variants.begin(), index.variants.end(),
                         std::pair<std::uint64_t, std::uint32_t>{key, 0},
                         [](const auto& a, const auto& b) { return a.first < b.first; });
    for (; first != last; ++first) candidates.push_back(first->second);
  }
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  std::string best;
  Xapian::doccount best_freq = 0;
  std::size_t best_distance = limit + 1;
  for (const auto id : candidates) {
    const std::string& candidate = index.terms[id];
    if (candidate == term) continue;
    const std::size_t d = word_distance(term, candidate, limit);
    if (d > limit) continue;
    const Xapian::doccount freq = index.frequencies[id];
    // The closest word frequent enough, then the most frequent of those.
    if (freq < needed) continue;
    if (d < best_distance || (d == best_distance && freq > best_freq) ||
        (d == best_distance && freq == best_freq && candidate < best)) {
      if (!indexed(candidate)) continue;
      best = candidate;
      best_freq = freq;
      best_distance = d;
    }
  }
  return best;
}

}  // namespace newsdex
