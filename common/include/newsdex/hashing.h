#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace newsdex {

// FNV-1a, 64 bits: stable across platforms and releases, which ids derived from content need.
class Fnv1a64 {
 public:
  Fnv1a64& add(std::string_view bytes) noexcept;
  std::uint64_t value() const noexcept { return state_; }
  std::string hex() const;

 private:
  std::uint64_t state_ = 0xcbf29ce484222325ULL;
};

}  // namespace newsdex
