// End-to-end: every analysis rule shown through newsdex-index and newsdex-query.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

using Ids = std::set<std::string>;

constexpr const char* kArticles = R"(
{"id": "width", "title": "Fullwidth", "body": "The \uff21\uff22\uff23 index rose."}
{"id": "strasse", "title": "Street", "body": "Protest in der Stra\u00dfe heute."}
{"id": "zurich", "title": "Banks", "body": "Z\u00fcrich banks and a caf\u00e9 in S\u00e3o Paulo."}
{"id": "cjk", "title": "Asia", "body": "\u5317\u7ea6\u8c34\u8d23\u7f51\u7edc\u653b\u51fb\u3002 NATO\u306f\u653f\u5e9c\u3092\u975e\u96e3\u3057\u305f\u3002"}
{"id": "thai", "title": "Thai", "body": "\u0e1b\u0e23\u0e30\u0e13\u0e32\u0e21\u0e01\u0e32\u0e23\u0e42\u0e08\u0e21\u0e15\u0e35"}
{"id": "numbers", "title": "Numbers", "body": "Around 3,000 members left in 2022."}
{"id": "possessive", "title": "Tirana", "body": "Tirana's decision surprised diplomats."}
{"id": "elision", "title": "France", "language": "fr", "body": "Les d\u00e9put\u00e9s soutiennent l'Albanie."}
{"id": "hyphen", "title": "Ports", "body": "A cyber-attack hit the ports."}
{"id": "spaced", "title": "Grid", "body": "A cyber attack hit the grid."}
{"id": "joined", "title": "Banks", "body": "A cyberattack hit the banks."}
{"id": "acronym", "title": "Envoys", "body": "U.S. and U.N. envoys met."}
{"id": "stems", "title": "Raids", "body": "Rebels attacked the convoy and more attacks followed."}
{"id": "british", "title": "Ministry", "body": "The defence ministry will not destabilise the programme in favour of colour."}
{"id": "american", "title": "Agency", "body": "The defense agency did destabilize a program in favor of color."}
)";

class Analysis : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    std::ofstream(dir_->path() / "a.jsonl") << kArticles;
    const auto run = run_command(NEWSDEX_INDEX_BIN,
                                 {"--db", db().string(), (dir_->path() / "a.jsonl").string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::filesystem::path db() { return dir_->path() / "db"; }
  static Ids found(const std::string& q, std::vector<std::string> extra = {}) {
    const auto out = query_json(db(), q, extra);
    EXPECT_NE(out.exit_code, 2) << q << ": " << out.err;
    return ids(out);
  }
  static inline std::unique_ptr<TempDir> dir_;
};

TEST_F(Analysis, NfkcAndCaseFolding) {
  EXPECT_EQ(found("abc"), Ids{"width"});
  EXPECT_EQ(found("ABC"), Ids{"width"});
  EXPECT_EQ(found("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3"), Ids{"width"});  // ＡＢＣ
  EXPECT_EQ(found("strasse"), Ids{"strasse"});
  EXPECT_EQ(found("STRASSE"), Ids{"strasse"});
}

TEST_F(Analysis, DiacriticsFoldForMatchingButSnippetsKeepThem) {
  EXPECT_EQ(found("Zurich"), Ids{"zurich"});
  EXPECT_EQ(found("cafe"), Ids{"zurich"});
  EXPECT_EQ(found("\"Sao Paulo\""), Ids{"zurich"});
  const auto out = query_json(db(), "zurich");
  ASSERT_EQ(out.hits.size(), 1u);
  EXPECT_NE(out.hits[0].snippet.find("<mark>Z\xC3\xBCrich</mark>"), std::string::npos)
      << out.hits[0].snippet;
}

TEST_F(Analysis, ChineseJapaneseThaiAreSegmented) {
  EXPECT_EQ(found("\xE7\xBD\x91\xE7\xBB\x9C"), Ids{"cjk"});  // 网络
  EXPECT_EQ(found("\xE6\x94\xBF\xE5\xBA\x9C"), Ids{"cjk"});  // 政府
  EXPECT_EQ(found("\xE0\xB9\x82\xE0\xB8\x88\xE0\xB8\xA1\xE0\xB8\x95\xE0\xB8\xB5"),
            Ids{"thai"});  // โจมตี
}

TEST_F(Analysis, NumbersAreTerms) {
  EXPECT_EQ(found("3000"), Ids{"numbers"});
  EXPECT_EQ(found("3,000"), Ids{"numbers"});
  EXPECT_EQ(found("2022"), Ids{"numbers"});
}

TEST_F(Analysis, PossessivesElisionAndAcronyms) {
  EXPECT_EQ(found("tirana"), Ids{"possessive"});
  EXPECT_EQ(found("Albanie", {"--language", "fr"}), Ids{"elision"});
  EXPECT_EQ(found("US envoys", {"--match", "all"}), Ids{"acronym"});
  EXPECT_EQ(found("U.N."), Ids{"acronym"});
}

TEST_F(Analysis, CompoundsMatchEveryWayTheyAreWritten) {
  const Ids all_three = {"hyphen", "spaced", "joined"};
  EXPECT_EQ(found("cyberattack"), all_three);
  EXPECT_EQ(found("cyber-attack"), all_three);
  EXPECT_EQ(found("cyber attack", {"--match", "all"}), all_three);
  EXPECT_EQ(found("\"cyber attack\""), (Ids{"hyphen", "spaced"}));
}

TEST_F(Analysis, OneConceptIsNotCountedTwice) {
  // The three articles say the same thing in bodies of the same length: the hyphenated one
  // (indexed as cyber, attack and cyberattack) must not outscore the others by counting twice.
  const auto out = query_json(db(), "cyberattack");
  ASSERT_EQ(out.hits.size(), 3u);
  const double top = out.hits.front().score, bottom = out.hits.back().score;
  EXPECT_LT(top / bottom, 1.25) << top << " vs " << bottom;
  const auto spaced = query_json(db(), "cyber attack", {"--match", "all"});
  ASSERT_EQ(spaced.hits.size(), 3u);
  EXPECT_LT(spaced.hits.front().score / spaced.hits.back().score, 1.25);
}

TEST_F(Analysis, StemmingMatchesWordForms) {
  EXPECT_EQ(found("attack"), (Ids{"hyphen", "spaced", "stems"}));
  EXPECT_EQ(found("attacked"), (Ids{"hyphen", "spaced", "stems"}));
  EXPECT_EQ(found("attacks"), (Ids{"hyphen", "spaced", "stems"}));
  // Quoted phrases match on stems too.
  EXPECT_EQ(found("\"attacks followed\""), Ids{"stems"});
}

TEST_F(Analysis, BritishAndAmericanSpellingsMatch) {
  for (const char* word : {"defence", "defense", "destabilise", "destabilize", "programme",
                           "program", "favour", "favor", "colour", "color"}) {
    EXPECT_EQ(found(word), (Ids{"british", "american"})) << word;
  }
}

TEST_F(Analysis, StopWordsAreDroppedFromRankedQueriesButKeptInPhrases) {
  // "the" would match nearly everything; it must not change the ranking of "convoy".
  const auto plain = query_json(db(), "convoy");
  const auto with_stop = query_json(db(), "the convoy");
  EXPECT_EQ(ids(with_stop), Ids{"stems"});
  ASSERT_EQ(plain.hits.size(), 1u);
  EXPECT_DOUBLE_EQ(plain.hits[0].score, with_stop.hits[0].score);
  // A query of stop words alone still searches them.
  EXPECT_GT(query_json(db(), "the").total, 5u);
  // In phrases they count: "the convoy" matches, "a convoy" does not.
  EXPECT_EQ(found("\"the convoy\""), Ids{"stems"});
  EXPECT_EQ(found("\"a convoy\""), Ids{});
}

}  // namespace
}  // namespace newsdex::test
