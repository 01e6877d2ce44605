#include "stem_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace newsdex {
namespace {

TEST(StemCache, FindsWhatWasInserted) {
  StemCache cache(100);
  EXPECT_FALSE(cache.find("running"));
  EXPECT_EQ(cache.insert("running", "run"), "run");
  EXPECT_EQ(cache.insert("runs", "run"), "run");
  EXPECT_EQ(cache.insert("", "empty"), "empty");
  EXPECT_EQ(cache.find("running"), "run");
  EXPECT_EQ(cache.find("runs"), "run");
  EXPECT_EQ(cache.find(""), "empty");
  EXPECT_FALSE(cache.find("run"));
  EXPECT_FALSE(cache.find("runnin"));
  EXPECT_EQ(cache.size(), 3u);
}

TEST(StemCache, KeepsEntriesAndViewsAcrossGrowth) {
  StemCache cache(100000);
  std::vector<std::string_view> stems;
  for (int i = 0; i < 20000; ++i)
    stems.push_back(cache.insert("word" + std::to_string(i), "stem" + std::to_string(i)));
  for (int i = 0; i < 20000; ++i) {
    const std::string expected = "stem" + std::to_string(i);
    ASSERT_EQ(cache.find("word" + std::to_string(i)), expected) << i;
    ASSERT_EQ(stems[i], expected) << i;  // cached copies never move
  }
  // A word longer than a storage block still fits.
  const std::string long_word(70000 / 2, 'x');
  EXPECT_EQ(cache.insert(long_word, long_word), long_word);
  EXPECT_EQ(cache.find(long_word), long_word);
}

TEST(StemCache, StartsOverWhenFull) {
  StemCache cache(3);
  cache.insert("a", "1");
  cache.insert("b", "2");
  cache.insert("c", "3");
  EXPECT_EQ(cache.size(), 3u);
  cache.insert("d", "4");
  EXPECT_EQ(cache.size(), 1u);
  EXPECT_FALSE(cache.find("a"));
  EXPECT_EQ(cache.find("d"), "4");
}

}  // namespace
}  // namespace newsdex
