#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "newsdex/error.h"

namespace newsdex {

// LEB128: seven bits a byte, low bits first, the high bit set on all but the last byte.
inline void put_varint(std::string& out, std::uint64_t n) {
  while (n >= 0x80) {
    out.push_back(static_cast<char>((n & 0x7F) | 0x80));
    n >>= 7;
  }
  out.push_back(static_cast<char>(n));
}

// Reads a LEB128 number at `pos` and advances it; throws DatabaseError past the end.
inline std::uint64_t get_varint(std::string_view data, std::size_t& pos) {
  std::uint64_t n = 0;
  for (int shift = 0;; shift += 7) {
    if (pos >= data.size() || shift > 56) throw DatabaseError("corrupt stored article record");
    const auto b = static_cast<unsigned char>(data[pos++]);
    n |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) return n;
  }
}

}  // namespace newsdex
