#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace newsdex {

// Folded word -> stem, for one analyzer. Open addressing over one flat array of 16-byte slots,
// with the words and stems in append-only blocks: a lookup touches one slot and one string,
// where std::unordered_map chased a bucket, a node and the node's key. Looked up once per word
// of every indexed article, so this is on the indexer's hottest path.
//
// Bounded: when `max_entries` words are cached, the next insert starts over from empty (news
// vocabularies are Zipfian, so the common words are back after a few articles).
class StemCache {
 public:
  explicit StemCache(std::size_t max_entries);

  // The cached stem of `word`; the view stays valid until the cache is cleared by an insert.
  std::optional<std::string_view> find(std::string_view word) const noexcept;
  // Caches `stem` for `word` (not yet cached) and returns the cached copy of `stem`.
  std::string_view insert(std::string_view word, std::string_view stem);

  std::size_t size() const noexcept { return size_; }

 private:
  struct Slot {
    const char* text = nullptr;  // word bytes, then stem bytes; nullptr marks an empty slot
    std::uint32_t hash = 0;
    std::uint16_t word_size = 0;
    std::uint16_t stem_size = 0;
  };

  static std::uint32_t hash_of(std::string_view word) noexcept;
  std::size_t home(std::uint32_t hash) const noexcept { return hash & (slots_.size() - 1); }
  const char* store(std::string_view word, std::string_view stem);
  void grow();
  void clear();

  std::size_t max_entries_;
  std::size_t size_ = 0;
  std::vector<Slot> slots_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t block_used_ = 0;
  std::size_t block_size_ = 0;
};

}  // namespace newsdex
