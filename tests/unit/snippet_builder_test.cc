#include "searcher/snippet_builder.h"

#include <gtest/gtest.h>

#include <set>

#include "newsdex/analyzer.h"

namespace newsdex {
namespace {

// What the index holds for a text: its word spans (as the indexer records them) and, for each
// query term, the words where it occurs (as Xapian's positions say).
struct IndexedText {
  std::string text;
  std::vector<WordSpan> spans;
  std::vector<TermMatch> matches;
};

IndexedText index_text(const std::string& text, const std::set<std::string, std::less<>>& terms) {
  Analyzer analyzer("english");
  IndexedText out{text, {}, {}};
  analyzer.analyze(text, 0, [&](const AnalyzedTerm& t) {
    if (!t.joined) {
      out.spans.push_back({t.begin, t.end, false});
    } else {
      for (auto it = out.spans.rbegin(); it != out.spans.rend() && it->begin > t.begin; ++it)
        it->joins_previous = true;
    }
    if (auto it = terms.find(t.term); it != terms.end())
      out.matches.push_back(
          {t.position, static_cast<std::uint32_t>(std::distance(terms.begin(), it))});
  });
  return out;
}

std::string snippet(const std::string& text, const std::set<std::string, std::less<>>& terms,
                    std::size_t window, SnippetBuilder::Style style = {"[", "]", false}) {
  const auto indexed = index_text(text, terms);
  return SnippetBuilder::build(indexed.text, indexed.spans, indexed.matches, window, style);
}

TEST(SnippetBuilder, HighlightsStemmedMatchesInTheOriginalText) {
  EXPECT_EQ(snippet("Hackers ATTACKED\nAlbania's   servers.", {"attack", "albania"}, 40),
            "Hackers [ATTACKED Albania's] servers.");
  EXPECT_EQ(snippet("Hackers ATTACKED the servers of Albania.", {"attack", "albania"}, 40),
            "Hackers [ATTACKED] the servers of [Albania].");
}

// Rules and leaders between words are page furniture, not text; an ellipsis and a dash stay.
TEST(SnippetBuilder, LeavesPageFurnitureOut) {
  EXPECT_EQ(snippet("Oil rose. ---- Markets ........ closed ==== * * * later.", {"oil"}, 40),
            "[Oil] rose. Markets closed later.");
  EXPECT_EQ(snippet("Oil rose... then -- briefly -- fell.", {"oil"}, 40),
            "[Oil] rose... then -- briefly -- fell.");
  EXPECT_EQ(snippet("Oil rose. ==== ---- . . . . Then", {"oil"}, 40), "[Oil] rose. Then");
}

TEST(SnippetBuilder, PicksThePassageWithTheMostDistinctTerms) {
  std::string text = "iran ";
  for (int i = 0; i < 50; ++i) text += "filler ";
  text += "iran and albania ";
  for (int i = 0; i < 50; ++i) text += "padding ";
  const auto s = snippet(text, {"iran", "albania"}, 10, {"<", ">", false});
  EXPECT_NE(s.find("<iran> and <albania>"), std::string::npos) << s;
  EXPECT_TRUE(s.starts_with("\xE2\x80\xA6")) << s;
  EXPECT_TRUE(s.ends_with(" \xE2\x80\xA6")) << s;
}

TEST(SnippetBuilder, AMatchInACompoundHighlightsTheCompound) {
  EXPECT_EQ(snippet("A cyber-attack and a cyber attack.", {"cyberattack"}, 40),
            "A [cyber-attack] and a cyber attack.");
  EXPECT_EQ(snippet("A cyber-attack and a cyber attack.", {"cyber", "attack"}, 40),
            "A [cyber-attack] and a [cyber attack].");
}

TEST(SnippetBuilder, EscapesHtmlInTheTextButNotTheMarkers) {
  EXPECT_EQ(
      snippet("Tom & <i>Jerry</i> attack", {"attack", "tom"}, 40, {"<mark>", "</mark>", true}),
      "<mark>Tom</mark> &amp; &lt;i&gt;Jerry&lt;/i&gt; <mark>attack</mark>");
}

TEST(SnippetBuilder, NoMatchesGiveTheLeadingWords) {
  EXPECT_EQ(snippet("One two three four five.", {}, 3), "One two three \xE2\x80\xA6");
}

TEST(SnippetBuilder, ControlCharactersBecomeSpaces) {
  EXPECT_EQ(snippet("ships\x1b[2J and cargo", {"cargo"}, 40), "ships [2J and [cargo]");
}

TEST(SnippetBuilder, EmptyTextGivesEmptySnippet) {
  EXPECT_EQ(SnippetBuilder::build("", {}, {{0, 0}}, 10, {"<", ">", false}), "");
}

// Matches past the map (a damaged record) are ignored rather than read out of bounds.
TEST(SnippetBuilder, MatchesPastTheWordsAreIgnored) {
  const auto indexed = index_text("ships at sea", {});
  EXPECT_EQ(SnippetBuilder::build(indexed.text, indexed.spans, {{99, 0}}, 10, {"<", ">", false}),
            "ships at sea");
}

}  // namespace
}  // namespace newsdex
