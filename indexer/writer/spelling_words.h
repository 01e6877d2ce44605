#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex {

// The distinct surface words of one article (folded, not stemmed) that "did you mean" may
// suggest: words of letters in scripts with case, of a sensible length. Kept in one buffer
// reused from article to article, so collecting them allocates nothing in the steady state.
class SpellingWords {
 public:
  // Words longer than this are never suggested (and rarely misspelled on purpose).
  static constexpr std::size_t kMaxWordBytes = 40;

  void clear() {
    bytes_.clear();
    spans_.clear();
    words_.clear();
  }
  void add(std::string_view folded) {
    if (folded.size() < 2 || folded.size() > kMaxWordBytes) return;
    spans_.emplace_back(bytes_.size(), folded.size());
    bytes_.append(folded);
  }
  // The distinct words added since clear(), sorted; valid until the next add() or clear().
  const std::vector<std::string_view>& distinct();

 private:
  std::string bytes_;
  std::vector<std::pair<std::size_t, std::size_t>> spans_;  // (offset, length) in bytes_
  std::vector<std::string_view> words_;
};

}  // namespace newsdex
