#include "writer/spelling_counts.h"

#include "newsdex/word_count_table.h"

namespace newsdex {

void SpellingCounts::add(const std::vector<std::string_view>& words) {
  for (const auto word : words) {
    if (auto it = counts_.find(word); it != counts_.end()) {
      ++it->second;
    } else {
      counts_.emplace(word, 1);
    }
  }
}

void SpellingCounts::merge(SpellingCounts&& other) {
  if (counts_.empty()) {
    counts_ = std::move(other.counts_);
    return;
  }
  for (auto& [word, count] : other.counts_) counts_[word] += count;
  other.counts_.clear();
}

void SpellingCounts::write_to(Xapian::WritableDatabase& db) {
  if (counts_.empty()) return;
  std::vector<std::pair<std::string, std::uint32_t>> words;
  words.reserve(counts_.size());
  for (auto& [word, count] : counts_) words.emplace_back(word, count);
  counts_.clear();
  WordCountTable::add(db, std::move(words));
}

}  // namespace newsdex
