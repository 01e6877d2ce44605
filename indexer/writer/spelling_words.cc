#include "writer/spelling_words.h"

#include <algorithm>

namespace newsdex {

const std::vector<std::string_view>& SpellingWords::distinct() {
  words_.clear();
  for (const auto& [offset, length] : spans_) words_.emplace_back(bytes_.data() + offset, length);
  std::sort(words_.begin(), words_.end());
  words_.erase(std::unique(words_.begin(), words_.end()), words_.end());
  return words_;
}

}  // namespace newsdex
