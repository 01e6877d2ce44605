#include "searcher/snippet_builder.h"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

TEST(SnippetBuilder, HighlightsStemmedMatchesInTheOriginalText) {
  Analyzer analyzer("english");
  SnippetBuilder builder(analyzer);
  const std::set<std::string, std::less<>> terms = {"attack", "albania"};
  const auto s = builder.build("Hackers ATTACKED\nAlbania's   servers.", terms, 40, "[", "]");
  EXPECT_EQ(s, "Hackers [ATTACKED] [Albania's] servers.");
}

TEST(SnippetBuilder, PicksThePassageWithTheMostDistinctTerms) {
  Analyzer analyzer("english");
  SnippetBuilder builder(analyzer);
  std::string text = "iran ";
  for (int i = 0; i < 50; ++i) text += "filler ";
  text += "iran and albania ";
  for (int i = 0; i < 50; ++i) text += "padding ";
  const auto s = builder.build(text, {"iran", "albania"}, 10, "<", ">");
  EXPECT_NE(s.find("<iran> and <albania>"), std::string::npos) << s;
  EXPECT_TRUE(s.starts_with("\xE2\x80\xA6")) << s;
}

TEST(SnippetBuilder, HighlightsTheCompoundForItsJoinedForm) {
  Analyzer analyzer("english");
  SnippetBuilder builder(analyzer);
  const auto s = builder.build("A cyber-attack and a cyber attack.", {"cyberattack"}, 40, "[", "]");
  EXPECT_EQ(s, "A [cyber]-[attack] and a cyber attack.");
  const auto parts =
      builder.build("A cyber-attack and a cyber attack.", {"cyber", "attack"}, 40, "[", "]");
  EXPECT_EQ(parts, "A [cyber]-[attack] and a [cyber] [attack].");
}

TEST(SnippetBuilder, EscapesHtmlInTheTextButNotTheMarkers) {
  Analyzer analyzer("english");
  SnippetBuilder builder(analyzer);
  const auto s =
      builder.build("Tom & <i>Jerry</i> attack", {"attack", "tom"}, 40, "<mark>", "</mark>", true);
  EXPECT_EQ(s, "<mark>Tom</mark> &amp; &lt;i&gt;Jerry&lt;/i&gt; <mark>attack</mark>");
}

TEST(SnippetBuilder, EmptyTextGivesEmptySnippet) {
  Analyzer analyzer("english");
  SnippetBuilder builder(analyzer);
  EXPECT_EQ(builder.build("", {"x"}, 10, "<", ">"), "");
}

}  // namespace
}  // namespace newsdex
