#include "stem_cache.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <limits>
#include <stdexcept>

namespace newsdex {
namespace {

constexpr std::size_t kInitialSlots = 1024;  // power of two
constexpr std::size_t kBlockBytes = 64 * 1024;

}  // namespace

StemCache::StemCache(std::size_t max_entries)
    : max_entries_(std::max<std::size_t>(max_entries, 1)), slots_(kInitialSlots) {}

// FNV-1a, 32 bits: words are a few bytes long, where it beats std::hash's block hash.
std::uint32_t StemCache::hash_of(std::string_view word) noexcept {
  std::uint32_t h = 2166136261u;
  for (unsigned char c : word) h = (h ^ c) * 16777619u;
  return h;
}

std::optional<std::string_view> StemCache::find(std::string_view word) const noexcept {
  const std::uint32_t hash = hash_of(word);
  for (std::size_t i = home(hash);; i = (i + 1) & (slots_.size() - 1)) {
    const Slot& slot = slots_[i];
    if (!slot.text) return std::nullopt;
    if (slot.hash == hash && slot.word_size == word.size() &&
        std::memcmp(slot.text, word.data(), word.size()) == 0)
      return std::string_view(slot.text + slot.word_size, slot.stem_size);
  }
}

std::string_view StemCache::insert(std::string_view word, std::string_view stem) {
  constexpr std::size_t kMaxSize = std::numeric_limits<std::uint16_t>::max();
  // The analyzer caps words at schema::kMaxTermBytes, far below this.
  if (word.size() > kMaxSize || stem.size() > kMaxSize)
    throw std::length_error("StemCache: word or stem over 65535 bytes");
  assert(!find(word));
  if (size_ >= max_entries_) clear();
  if ((size_ + 1) * 2 > slots_.size()) grow();
  const std::uint32_t hash = hash_of(word);
  std::size_t i = home(hash);
  while (slots_[i].text) i = (i + 1) & (slots_.size() - 1);
  Slot& slot = slots_[i];
  slot.text = store(word, stem);
  slot.hash = hash;
  slot.word_size = static_cast<std::uint16_t>(word.size());
  slot.stem_size = static_cast<std::uint16_t>(stem.size());
  ++size_;
  return std::string_view(slot.text + slot.word_size, slot.stem_size);
}

const char* StemCache::store(std::string_view word, std::string_view stem) {
  const std::size_t bytes = word.size() + stem.size();
  if (blocks_.empty() || block_used_ + bytes > block_size_) {
    block_size_ = std::max(kBlockBytes, bytes);
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(block_size_));
    block_used_ = 0;
  }
  char* text = blocks_.back().get() + block_used_;
  // std::copy, not memcpy: an empty view may have a null data pointer.
  std::copy(word.begin(), word.end(), text);
  std::copy(stem.begin(), stem.end(), text + word.size());
  block_used_ += bytes;
  return text;
}

void StemCache::grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  for (const Slot& slot : old) {
    if (!slot.text) continue;
    std::size_t i = home(slot.hash);
    while (slots_[i].text) i = (i + 1) & (slots_.size() - 1);
    slots_[i] = slot;
  }
}

void StemCache::clear() {
  slots_.assign(kInitialSlots, Slot{});
  blocks_.clear();
  block_used_ = 0;
  block_size_ = 0;
  size_ = 0;
}

}  // namespace newsdex
