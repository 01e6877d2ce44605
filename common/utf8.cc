#include "newsdex/utf8.h"

#include <cstdint>

namespace newsdex {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is invalid.
std::size_t valid_sequence_length(std::string_view s, std::size_t i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  auto cont = [&](std::size_t k) {
    return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (!cont(1) || !cont(2)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xE0 && b1 < 0xA0) return 0;  // overlong
    if (b0 == 0xED && b1 > 0x9F) return 0;  // surrogate
    return 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    const auto b1 = static_cast<unsigned char>(s[i + 1]);
    if (b0 == 0xF0 && b1 < 0x90) return 0;  // overlong
    if (b0 == 0xF4 && b1 > 0x8F) return 0;  // past U+10FFFF
    return 4;
  }
  return 0;
}

}  // namespace

bool is_valid_utf8(std::string_view text) noexcept {
  std::size_t i = 0;
  while (i < text.size()) {
    // Skip ASCII eight bytes at a time: most news text is mostly ASCII.
    while (i + 8 <= text.size()) {
      std::uint64_t chunk = 0;
      for (int k = 0; k < 8; ++k)
        chunk |= static_cast<std::uint64_t>(static_cast<unsigned char>(text[i + k])) << (8 * k);
      if (chunk & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= text.size()) break;
    const auto n = valid_sequence_length(text, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::size_t repair_utf8(std::string& text) {
  if (is_valid_utf8(text)) return 0;
  static constexpr std::string_view kReplacement = "\xEF\xBF\xBD";
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t repaired = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto n = valid_sequence_length(text, i);
    if (n == 0) {
      out.append(kReplacement);
      ++repaired;
      ++i;
    } else {
      out.append(text, i, n);
      i += n;
    }
  }
  text.swap(out);
  return repaired;
}

}  // namespace newsdex
