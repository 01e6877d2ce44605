#include "newsdex/hashing.h"

#include <cstdio>

namespace newsdex {

Fnv1a64& Fnv1a64::add(std::string_view bytes) noexcept {
  for (unsigned char c : bytes) {
    state_ ^= c;
    state_ *= 0x100000001b3ULL;
  }
  // A separator, so that ("ab","c") and ("a","bc") hash differently.
  state_ ^= 0xff;
  state_ *= 0x100000001b3ULL;
  return *this;
}

std::string Fnv1a64::hex() const {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(state_));
  return buf;
}

}  // namespace newsdex
