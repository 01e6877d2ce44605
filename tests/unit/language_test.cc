#include "newsdex/language.h"

#include <gtest/gtest.h>

#include "newsdex/analyzer.h"

namespace newsdex {
namespace {

TEST(LanguageCode, NamesCodesAndTagsAreOneCode) {
  EXPECT_EQ(language_code("fr"), "fr");
  EXPECT_EQ(language_code("FR"), "fr");
  EXPECT_EQ(language_code("french"), "fr");
  EXPECT_EQ(language_code("French"), "fr");
  EXPECT_EQ(language_code("fr-FR"), "fr");
  EXPECT_EQ(language_code("zh_Hant"), "zh");
  EXPECT_EQ(language_code("english"), "en");
  EXPECT_EQ(language_code("chinese"), "zh");
  EXPECT_EQ(language_code("th"), "th");
  EXPECT_EQ(language_code("iw"), "he");  // withdrawn codes, as CLD2 gives Hebrew
  EXPECT_EQ(language_code("jw"), "jv");
}

TEST(LanguageCode, SnowballVariantsKeepTheirNames) {
  EXPECT_EQ(language_code("porter"), "porter");
  EXPECT_EQ(language_code("german2"), "german2");
  EXPECT_EQ(language_code("kraaij_pohlmann"), "kraaij_pohlmann");
  EXPECT_TRUE(Analyzer::is_known_language("kraaij_pohlmann"));
  EXPECT_EQ(language_code("none"), "none");
}

TEST(LanguageCode, WhatNamesNoLanguageIsEmpty) {
  EXPECT_EQ(language_code(""), "");
  EXPECT_EQ(language_code("klingon"), "");
  EXPECT_EQ(language_code("xx"), "");
  EXPECT_EQ(language_code("-fr"), "");
  EXPECT_EQ(language_code("auto"), "");
}

TEST(LanguageCode, StemmersAreXapians) {
  EXPECT_TRUE(has_stemmer("en"));
  EXPECT_TRUE(has_stemmer("ru"));
  EXPECT_TRUE(has_stemmer("porter"));
  EXPECT_FALSE(has_stemmer("zh"));
  EXPECT_FALSE(has_stemmer("th"));
  EXPECT_FALSE(has_stemmer("none"));
  // Every language with a stemmer stems: French "albanie" is not English "albani".
  EXPECT_EQ(Analyzer("fr-FR").term_for_word("Albanie"), Analyzer("fr").term_for_word("Albanie"));
  EXPECT_NE(Analyzer("fr").term_for_word("Albanie"), Analyzer("en").term_for_word("Albanie"));
  EXPECT_EQ(Analyzer("zh").term_for_word("Albanie"), "albanie");
  EXPECT_TRUE(Analyzer::is_known_language("zh"));
  EXPECT_FALSE(Analyzer::is_known_language("klingon"));
}

TEST(Analyzer, CasedWordsAreTheOnesSpellingIsSuggestedFor) {
  EXPECT_TRUE(Analyzer::is_cased_word("coffee"));
  EXPECT_TRUE(Analyzer::is_cased_word("zurich"));
  EXPECT_TRUE(
      Analyzer::is_cased_word("\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0"));  // москва
  EXPECT_TRUE(
      Analyzer::is_cased_word("stra\xC3\x9F"
                              "e"));                                  // straße
  EXPECT_FALSE(Analyzer::is_cased_word("\xE7\xBD\x91\xE7\xBB\x9C"));  // 网络
  EXPECT_FALSE(Analyzer::is_cased_word("\xD8\xA3\xD9\x84\xD8\xA8\xD8\xA7\xD9\x86\xD9\x8A\xD8\xA7"));
  EXPECT_FALSE(Analyzer::is_cased_word("3000"));
  EXPECT_FALSE(Analyzer::is_cased_word("b52"));
  EXPECT_FALSE(Analyzer::is_cased_word(""));
}

TEST(Analyzer, TermsCarryTheirFoldedWord) {
  Analyzer analyzer("en");
  std::vector<std::pair<std::string, std::string>> seen;
  analyzer.analyze("Attacks 3,000", 1, [&](const AnalyzedTerm& t) {
    seen.emplace_back(std::string(t.term), std::string(t.folded) + (t.letters ? "" : "#"));
  });
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], (std::pair<std::string, std::string>{"attack", "attacks"}));
  EXPECT_EQ(seen[1], (std::pair<std::string, std::string>{"3000", "3000#"}));
}

}  // namespace
}  // namespace newsdex
