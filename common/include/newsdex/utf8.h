#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace newsdex {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept;

// Replaces every invalid UTF-8 sequence in `text` with U+FFFD and returns how many were
// replaced; valid text is left untouched and costs one scan.
std::size_t repair_utf8(std::string& text);

}  // namespace newsdex
