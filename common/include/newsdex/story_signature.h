#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// What story assignment (docs/stories.md) knows of an article's text: each distinct content
// term (an analyzed word of title or body that is not a stop word, and has three bytes or more
// or is a number) as 32 bits of its FNV-1a hash, with its count; a title occurrence counts
// twice, so that the headline's words weigh as in a reader's eye. Sorted by hash.
struct StoryFeatures {
  struct Term {
    std::uint32_t hash = 0;
    std::uint32_t count = 0;
  };
  std::vector<Term> terms;
};

// 32 bits of the FNV-1a hash of a term, as StoryFeatures hold it.
std::uint32_t story_term_hash(std::string_view term);

// An article's keywords: its kKeywords content terms of highest TF-IDF weight
// ((1 + ln count) · ln(1 + (N + 1000) / df): see story_signature.cc), the weights scaled to a
// unit vector and kept in 8 bits.
// Sorted by hash. Two articles' similarity is the cosine of their keyword vectors.
class StorySignature {
 public:
  static constexpr std::size_t kKeywords = 20;
  struct Keyword {
    std::uint32_t hash = 0;
    std::uint8_t weight = 0;  // of 255
  };

  StorySignature() = default;
  // `document_frequency(hash)`: articles of the archive holding the term (at least 1);
  // `documents`: articles in the archive.
  StorySignature(const StoryFeatures& features,
                 const std::function<std::uint64_t(std::uint32_t)>& document_frequency,
                 std::uint64_t documents);

  const std::vector<Keyword>& keywords() const { return keywords_; }
  // Cosine of the two keyword vectors, in [0, 1].
  double similarity(const StorySignature& other) const;

  // As stored: the number of keywords (one byte), then each as its hash (4 bytes, little
  // endian) and weight (1 byte). decode() reads one from `in` and advances it; false when the
  // bytes end early.
  void encode(std::string& out) const;
  static bool decode(std::string_view& in, StorySignature& signature);

 private:
  std::vector<Keyword> keywords_;
};

// The story id an article starts with, and that a story keeps from the article that founded
// it: 16 hex digits of FNV-1a over the article's id and content hash (a replaced article with
// new content founds a new story rather than inheriting the one its old text was in).
std::string founding_story_id(std::string_view article_id, std::string_view content_hash);

}  // namespace newsdex
