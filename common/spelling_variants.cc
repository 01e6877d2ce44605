#include "spelling_variants.h"

#include <algorithm>
#include <iterator>
#include <utility>

namespace newsdex {
namespace {

constexpr std::pair<std::string_view, std::string_view> kVariants[] = {
#include "data/spelling_variants.inc"
};

}  // namespace

std::string_view american_spelling(std::string_view word) {
  const auto it =
      std::lower_bound(std::begin(kVariants), std::end(kVariants), word,
                       [](const auto& pair, std::string_view w) { return pair.first < w; });
  return it != std::end(kVariants) && it->first == word ? it->second : word;
}

}  // namespace newsdex
