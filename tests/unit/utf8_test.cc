#include "newsdex/utf8.h"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

TEST(Utf8, ValidTextIsUntouched) {
  std::string text = "Z\xC3\xBCrich \xE5\x8C\x97\xE7\xBA\xA6 \xF0\x9F\x98\x80 plain ascii text";
  const auto copy = text;
  EXPECT_TRUE(is_valid_utf8(text));
  EXPECT_EQ(repair_utf8(text), 0u);
  EXPECT_EQ(text, copy);
}

TEST(Utf8, InvalidSequencesBecomeReplacementCharacters) {
  std::string text =
      "a\xFF"
      "b\xC3"
      "c\xED\xA0\x80"
      "d\xC0\xAF";
  EXPECT_FALSE(is_valid_utf8(text));
  const auto repaired = repair_utf8(text);
  EXPECT_EQ(repaired, 7u);  // FF, C3, ED A0 80 (3), C0 AF (2)
  EXPECT_TRUE(is_valid_utf8(text));
  EXPECT_EQ(text.substr(0, 4), "a\xEF\xBF\xBD");
}

TEST(Utf8, TruncatedSequenceAtTheEnd) {
  std::string text = "abcdefgh\xE2\x80";
  EXPECT_EQ(repair_utf8(text), 2u);
  EXPECT_TRUE(is_valid_utf8(text));
}

}  // namespace
}  // namespace newsdex
