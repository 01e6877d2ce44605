#include "newsdex/analyzer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace newsdex {
namespace {

struct Term {
  std::string term;
  std::uint32_t position;
  bool operator==(const Term&) const = default;
};

std::vector<Term> terms_of(Analyzer& analyzer, std::string_view text) {
  std::vector<Term> out;
  analyzer.analyze(text, 1, [&](const AnalyzedTerm& t) {
    out.push_back({std::string(t.term), t.position});
  });
  return out;
}

std::vector<std::string> words_of(Analyzer& analyzer, std::string_view text) {
  std::vector<std::string> out;
  for (auto& t : terms_of(analyzer, text)) out.push_back(t.term);
  return out;
}

struct Case {
  const char* name;
  const char* language;
  const char* input;
  std::vector<std::string> expected;
};

class AnalyzerCases : public ::testing::TestWithParam<Case> {};

TEST_P(AnalyzerCases, ProducesExactTerms) {
  Analyzer analyzer(GetParam().language);
  EXPECT_EQ(words_of(analyzer, GetParam().input), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Rules, AnalyzerCases,
    ::testing::Values(
        Case{"EnglishStemsAndFolds",
             "english",
             "NATO condemns the recent cyberattacks.",
             {"nato", "condemn", "the", "recent", "cyberattack"}},
        Case{"Possessive", "english", "Tirana's decision", {"tirana", "decis"}},
        Case{"TypographicPossessive", "english", "Albania\xE2\x80\x99s ally", {"albania", "alli"}},
        Case{"Acronyms", "english", "U.S. and U.N. officials", {"us", "and", "un", "offici"}},
        Case{"ThousandsSeparator",
             "english",
             "3,000 members in 2022",
             {"3000", "member", "in", "2022"}},
        Case{"Punctuation", "english", "-- ! ? ... \xE2\x80\x94", {}},
        Case{"Diacritics",
             "none",
             "Z\xC3\xBCrich caf\xC3\xA9 S\xC3\xA3o Paulo",
             {"zurich", "cafe", "sao", "paulo"}},
        Case{"FullCaseFolding",
             "none",
             "Stra\xC3\x9F"
             "e STRASSE",
             {"strasse", "strasse"}},
        Case{"Nfkc", "none", "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3 Abc ABC", {"abc", "abc", "abc"}},
        Case{"FrenchElision", "french", "l'Albanie", {"alban"}},
        Case{"RussianFoldsAndStems",
             "russian",
             "\xD0\x9D\xD0\x90\xD0\xA2\xD0\x9E",  // НАТО
             {"\xD0\xBD\xD0\xB0\xD1\x82"}},       // нат
        Case{"ChineseIsSegmented",
             "none",
             "\xE5\x8C\x97\xE7\xBA\xA6\xE8\xB0\xB4\xE8\xB4\xA3"
             "\xE7\xBD\x91\xE7\xBB\x9C\xE6\x94\xBB\xE5\x87\xBB",
             // 北约谴责网络攻击 -> 北约 / 谴责 / 网络 / 攻击
             {"\xE5\x8C\x97\xE7\xBA\xA6", "\xE8\xB0\xB4\xE8\xB4\xA3", "\xE7\xBD\x91\xE7\xBB\x9C",
              "\xE6\x94\xBB\xE5\x87\xBB"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Analyzer, PositionsAreConsecutiveFromTheFirstPosition) {
  Analyzer analyzer("english");
  std::vector<std::uint32_t> positions;
  const auto next = analyzer.analyze(
      "one, two; three", 7, [&](const AnalyzedTerm& t) { positions.push_back(t.position); });
  EXPECT_EQ(positions, (std::vector<std::uint32_t>{7, 8, 9}));
  EXPECT_EQ(next, 10u);
}

TEST(Analyzer, OffsetsPointAtTheOriginalWord) {
  Analyzer analyzer("english");
  const std::string text = "Caf\xC3\xA9 owners' STRIKES";
  std::vector<std::string> originals;
  analyzer.analyze(text, 1, [&](const AnalyzedTerm& t) {
    originals.push_back(text.substr(t.begin, t.end - t.begin));
  });
  EXPECT_EQ(originals, (std::vector<std::string>{"Caf\xC3\xA9", "owners", "STRIKES"}));
}

TEST(Analyzer, TermForWordMatchesIndexing) {
  Analyzer analyzer("english");
  EXPECT_EQ(analyzer.term_for_word("Attacked"), "attack");
  EXPECT_EQ(analyzer.term_for_word("!"), "");
  EXPECT_EQ(analyzer.term_for_word("two words"), "");
}

TEST(Analyzer, RandomBytesNeverThrowAndNeverYieldEmptyTerms) {
  Analyzer analyzer("english");
  std::mt19937 rng(42);
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(rng() % 64, '\0');
    for (auto& b : bytes) b = static_cast<char>(rng());
    std::uint32_t last = 0;
    EXPECT_NO_THROW(analyzer.analyze(bytes, 1, [&](const AnalyzedTerm& t) {
      EXPECT_FALSE(t.term.empty());
      // Positions increase word by word; a joined compound shares its last part's position.
      if (t.joined) {
        EXPECT_EQ(t.position, last);
      } else {
        EXPECT_GT(t.position, last);
      }
      EXPECT_LE(t.end, bytes.size());
      last = t.position;
    }));
  }
}

}  // namespace
}  // namespace newsdex
