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

// Exact terms and positions, one sentence per language ("position:term", "(j)" marks a joined
// compound sharing its last part's position).
struct LanguageCase {
  const char* name;
  const char* language;
  const char* input;
  const char* expected;
};

class AnalyzerLanguages : public ::testing::TestWithParam<LanguageCase> {};

TEST_P(AnalyzerLanguages, TermsAndPositions) {
  Analyzer analyzer(GetParam().language);
  std::string got;
  analyzer.analyze(GetParam().input, 1, [&](const AnalyzedTerm& t) {
    got += std::to_string(t.position) + ":" + std::string(t.term) + (t.joined ? "(j)" : "") + " ";
  });
  EXPECT_EQ(got, GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    News, AnalyzerLanguages,
    ::testing::Values(
        LanguageCase{"English", "english",
                     "NATO's allies condemned the cyber-attacks on Albania's U.S.-backed "
                     "government.",
                     "1:nato 2:alli 3:condemn 4:the 5:cyber 6:attack 6:cyberattack(j) 7:on "
                     "8:albania 9:us 10:back 11:govern "},
        LanguageCase{
            "French", "french",
            "L'OTAN condamne l'attaque informatique contre l'Albanie et ses alli\xC3\xA9s.",
            "1:otan 2:condamn 3:attaqu 4:informat 5:contr 6:alban 7:et 8:se 9:alli "},
        LanguageCase{"German", "german",
                     "Die NATO verurteilt den Cyberangriff auf Albaniens Regierung in Stra\xC3\x9F"
                     "e.",
                     "1:die 2:nato 3:verurteilt 4:den 5:cyberangriff 6:auf 7:albani 8:regier 9:in "
                     "10:strass "},
        LanguageCase{"Spanish", "spanish",
                     "La OTAN condena el ciberataque contra el gobierno de Albania en S\xC3\xA3o "
                     "Paulo.",
                     "1:la 2:otan 3:conden 4:el 5:ciberataqu 6:contr 7:el 8:gobiern 9:de 10:albani "
                     "11:en 12:sao 13:paul "},
        LanguageCase{
            "Russian", "russian",
            "\xD0\x9D\xD0\x90\xD0\xA2\xD0\x9E "
            "\xD0\xBE\xD1\x81\xD1\x83\xD0\xB4\xD0\xB8\xD0\xBB\xD0\xBE "
            "\xD0\xBA\xD0\xB8\xD0\xB1\xD0\xB5\xD1\x80\xD0\xB0\xD1\x82\xD0\xB0\xD0\xBA\xD1\x83.",
            // НАТО осудило кибератаку -> нат осуд кибератак
            "1:\xD0\xBD\xD0\xB0\xD1\x82 2:\xD0\xBE\xD1\x81\xD1\x83\xD0\xB4 "
            "3:\xD0\xBA\xD0\xB8\xD0\xB1\xD0\xB5\xD1\x80\xD0\xB0\xD1\x82\xD0\xB0\xD0\xBA "},
        LanguageCase{"Arabic", "arabic",
                     "\xD8\xAD\xD9\x84\xD9\x81 \xD8\xA7\xD9\x84\xD9\x86\xD8\xA7\xD8\xAA\xD9\x88 "
                     "\xD8\xA7\xD9\x84\xD9\x87\xD8\xAC\xD9\x88\xD9\x85",
                     // حلف الناتو الهجوم -> حلف ناتو هجوم
                     "1:\xD8\xAD\xD9\x84\xD9\x81 2:\xD9\x86\xD8\xA7\xD8\xAA\xD9\x88 "
                     "3:\xD9\x87\xD8\xAC\xD9\x88\xD9\x85 "},
        LanguageCase{"Chinese", "none",
                     "\xE5\x8C\x97\xE7\xBA\xA6\xE8\xB0\xB4\xE8\xB4\xA3\xE7\xBD\x91\xE7\xBB\x9C"
                     "\xE6\x94\xBB\xE5\x87\xBB\xE3\x80\x82",
                     // 北约谴责网络攻击。 -> 北约 谴责 网络 攻击
                     "1:\xE5\x8C\x97\xE7\xBA\xA6 2:\xE8\xB0\xB4\xE8\xB4\xA3 "
                     "3:\xE7\xBD\x91\xE7\xBB\x9C 4:\xE6\x94\xBB\xE5\x87\xBB "},
        LanguageCase{"Japanese", "none",
                     "NATO\xE3\x81\xAF\xE6\x94\xBF\xE5\xBA\x9C\xE3\x82\x92\xE9\x9D\x9E"
                     "\xE9\x9B\xA3\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82",
                     // NATOは政府を非難した。 -> nato は 政府 を 非難 した
                     "1:nato 2:\xE3\x81\xAF 3:\xE6\x94\xBF\xE5\xBA\x9C 4:\xE3\x82\x92 "
                     "5:\xE9\x9D\x9E\xE9\x9B\xA3 6:\xE3\x81\x97\xE3\x81\x9F "},
        LanguageCase{"Thai", "none",
                     "\xE0\xB8\x9B\xE0\xB8\xA3\xE0\xB8\xB0\xE0\xB8\x93\xE0\xB8\xB2\xE0\xB8\xA1"
                     "\xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xA3\xE0\xB9\x82\xE0\xB8\x88\xE0\xB8\xA1"
                     "\xE0\xB8\x95\xE0\xB8\xB5",
                     // ประณามการโจมตี -> ประณาม การ โจมตี
                     "1:\xE0\xB8\x9B\xE0\xB8\xA3\xE0\xB8\xB0\xE0\xB8\x93\xE0\xB8\xB2\xE0\xB8\xA1 "
                     "2:\xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xA3 "
                     "3:\xE0\xB9\x82\xE0\xB8\x88\xE0\xB8\xA1\xE0\xB8\x95\xE0\xB8\xB5 "}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Analyzer, SpellingVariantsAreConflated) {
  Analyzer analyzer("english");
  for (auto [british, american] : {std::pair{"defence", "defense"},
                                   {"destabilise", "destabilize"},
                                   {"favour", "favor"},
                                   {"programme", "program"},
                                   {"colours", "colors"},
                                   {"centre", "center"},
                                   {"travelled", "traveled"}}) {
    EXPECT_EQ(analyzer.term_for_word(british), analyzer.term_for_word(american)) << british;
  }
}

TEST(Analyzer, CompoundsAreIndexedAsPartsAndJoined) {
  Analyzer analyzer("english");
  EXPECT_EQ(words_of(analyzer, "cyber-attack"),
            (std::vector<std::string>{"cyber", "attack", "cyberattack"}));
  EXPECT_EQ(words_of(analyzer,
                     "cyber\xE2\x80\x90"
                     "attacks"),  // U+2010 HYPHEN
            (std::vector<std::string>{"cyber", "attack", "cyberattack"}));
  EXPECT_EQ(words_of(analyzer, "cyber - attack"), (std::vector<std::string>{"cyber", "attack"}));
  EXPECT_EQ(words_of(analyzer, "state-of-the-art"),
            (std::vector<std::string>{"state", "of", "the", "art", "stateoftheart"}));
  EXPECT_EQ(analyzer.term_for_word("e-mail"), "email");
}

TEST(Analyzer, StopWordsAreKnownButIndexed) {
  Analyzer analyzer("english");
  EXPECT_TRUE(analyzer.is_stopword("the"));
  EXPECT_TRUE(analyzer.is_stopword(analyzer.term_for_word("The")));
  EXPECT_FALSE(analyzer.is_stopword("albania"));
  EXPECT_EQ(words_of(analyzer, "the war"), (std::vector<std::string>{"the", "war"}));
  Analyzer french("french");
  EXPECT_FALSE(french.is_stopword("the"));
}

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
