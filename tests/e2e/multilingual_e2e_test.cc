// End-to-end: one archive of ten languages (corpora/multilingual: 4 articles each, written for
// these tests), indexed as stated and again with the language field removed (detected). A query
// word finds its article in the language it was written in, without --language.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

using Ids = std::set<std::string>;

const std::filesystem::path kCorpus =
    std::filesystem::path(NEWSDEX_SOURCE_DIR) / "corpora/multilingual";
const char* const kLanguages[] = {"en", "fr", "de", "ru", "zh", "ja", "ar", "th", "es", "it"};

class Multilingual : public ::testing::TestWithParam<const char*> {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    for (const char* file : {"articles.jsonl", "articles-nolang.jsonl"}) {
      const auto run = run_command(
          NEWSDEX_INDEX_BIN, {"--quiet", "--db", db_for(file).string(), (kCorpus / file).string()});
      ASSERT_EQ(run.exit_code, 0) << run.err;
    }
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::filesystem::path db_for(const std::string& file) {
    return dir_->path() / (file == "articles.jsonl" ? "stated" : "detected");
  }
  // The database of this test's parameter: languages stated or detected.
  static std::filesystem::path db() { return db_for(GetParam()); }
  static QueryOutput search(const std::string& q, std::vector<std::string> extra = {}) {
    auto out = query_json(db(), q, extra);
    EXPECT_EQ(out.err.find("error"), std::string::npos) << q << ": " << out.err;
    return out;
  }
  static Ids found(const std::string& q, std::vector<std::string> extra = {}) {
    return ids(search(q, std::move(extra)));
  }
  static inline std::unique_ptr<TempDir> dir_;
};

INSTANTIATE_TEST_SUITE_P(StatedAndDetected, Multilingual,
                         ::testing::Values("articles.jsonl", "articles-nolang.jsonl"),
                         [](const auto& info) {
                           return std::string(info.param) == "articles.jsonl" ? "Stated"
                                                                              : "Detected";
                         });

TEST_P(Multilingual, EveryArticleHasItsLanguage) {
  // Detection: every one of the 40 articles in its language (CLD2), shown and filterable.
  for (const char* language : kLanguages) {
    const auto out = search(std::string("language:") + language, {"--limit", "10"});
    Ids expected;
    for (int i = 1; i <= 4; ++i) expected.insert(std::string(language) + "-" + std::to_string(i));
    EXPECT_EQ(ids(out), expected) << language;
    for (const auto& hit : out.hits) EXPECT_EQ(hit.language, language) << hit.id;
  }
  const auto facets = search("NOT zzzznotaword", {"--facets", "language", "--exact-total"});
  ASSERT_EQ(facets.facets.count("language"), 1u);
  EXPECT_EQ(facets.facets.at("language").size(), 10u);
  for (const auto& [language, count] : facets.facets.at("language"))
    EXPECT_EQ(count, 4u) << language;
  EXPECT_EQ(found("language:French"), found("language:fr"));
  EXPECT_EQ(found("language:fr-FR"), found("language:fr"));
}

TEST_P(Multilingual, AWordFindsItsArticleInItsOwnLanguage) {
  // French "Albanie" is stemmed "alban" in French, "albani" in English: found by its French form.
  EXPECT_TRUE(found("albanie").count("fr-1"));
  EXPECT_TRUE(found("Albanie").count("fr-1"));
  EXPECT_TRUE(found("cyberattaque").count("fr-1"));
  EXPECT_EQ(found("\xD0\x90\xD0\xBB\xD0\xB1\xD0\xB0\xD0\xBD\xD0\xB8\xD1\x8F"),
            Ids{"ru-1"});  // Албания
  EXPECT_EQ(
      found("\xD0\xBA\xD0\xB8\xD0\xB1\xD0\xB5\xD1\x80\xD0\xB0\xD1\x82\xD0\xB0\xD0\xBA\xD0\xB8"),
      Ids{"ru-1"});                                // кибератаки
  EXPECT_EQ(found("Z\xC3\xBCrich"), Ids{"de-1"});  // Zürich
  EXPECT_EQ(found("zurich"), Ids{"de-1"});
  EXPECT_EQ(found("Stra\xC3\x9F"
                  "e"),
            Ids{"de-1"});  // Straße
  EXPECT_EQ(found("strasse"), Ids{"de-1"});
  EXPECT_TRUE(found("ciberataque").count("es-1"));
  EXPECT_TRUE(found("cyberattack").count("en-1"));
}

TEST_P(Multilingual, PhrasesAndNearWorkAcrossTheForms) {
  EXPECT_EQ(found("\"L'Albanie a rompu\""), Ids{"fr-1"});
  EXPECT_EQ(found("\"relations diplomatiques\""), Ids{"fr-1"});
  EXPECT_EQ(found("Albanie NEAR/3 rompu"), Ids{"fr-1"});
  // "Албания разорвала дипломатические отношения"
  EXPECT_EQ(found("\"\xD0\x90\xD0\xBB\xD0\xB1\xD0\xB0\xD0\xBD\xD0\xB8\xD1\x8F "
                  "\xD1\x80\xD0\xB0\xD0\xB7\xD0\xBE\xD1\x80\xD0\xB2\xD0\xB0\xD0\xBB\xD0\xB0\""),
            Ids{"ru-1"});
  EXPECT_EQ(found("\"attacco informatico\""), Ids{"it-1"});
  // The French title's "Albanie" (French stem "alban"), and the Spanish and Italian titles'
  // "Albania" (the same stem in their languages); not the English title's "Albania".
  EXPECT_EQ(found("title:albanie"), (Ids{"fr-1", "es-1", "it-1"}));
}

TEST_P(Multilingual, OneWordIsOneConceptWhateverItsForms) {
  // "albanie" has two indexed forms here (English "albani" absent, French "alban" present in
  // French, Spanish and Italian articles): every hit is scored once for it, so the Italian and
  // Spanish articles, which say "Albania" as often, rank by their own lengths, not doubled.
  const auto out = search("albanie", {"--explain"});
  ASSERT_FALSE(out.hits.empty());
  for (const auto& hit : out.hits) EXPECT_GT(hit.score, 0) << hit.id;
  EXPECT_EQ(out.hits.size(), found("albanie").size());
}

TEST_P(Multilingual, PinningALanguageAnalyzesInThatOneOnly) {
  EXPECT_FALSE(found("Albanie", {"--language", "en"}).count("fr-1"));
  EXPECT_TRUE(found("Albanie", {"--language", "fr"}).count("fr-1"));
  EXPECT_TRUE(found("albanie", {"--language", "auto"}).count("fr-1"));
}

// The matched words are highlighted in every script's snippets.
TEST_P(Multilingual, MatchesAreHighlightedInEveryScript) {
  const std::pair<const char*, const char*> cases[] = {
      {"zh-1", "\xE7\xBD\x91\xE7\xBB\x9C\xE6\x94\xBB\xE5\x87\xBB"},  // 网络攻击
      {"ja-1",
       "\xE3\x82\xB5\xE3\x82\xA4\xE3\x83\x90\xE3\x83\xBC\xE6\x94\xBB\xE6\x92\x83"},  // サイバー攻撃
      {"th-1",
       "\xE0\xB8\x81\xE0\xB8\xB2\xE0\xB8\xA3\xE0\xB9\x82\xE0\xB8\x88\xE0\xB8\xA1"
       "\xE0\xB8\x95\xE0\xB8\xB5"},  // การโจมตี
      {"ar-1", "\xD8\xA3\xD9\x84\xD8\xA8\xD8\xA7\xD9\x86\xD9\x8A\xD8\xA7"},  // ألبانيا
      {"ru-1", "\xD0\x90\xD0\xBB\xD0\xB1\xD0\xB0\xD0\xBD\xD0\xB8\xD1\x8F"},  // Албания
      {"de-1", "Z\xC3\xBCrich"},
      {"fr-1", "L'Albanie"},  // the elided article is part of the word
  };
  for (const auto& [id, word] : cases) {
    const auto out = search(word, {"--limit", "20"});
    const auto hit = std::find_if(out.hits.begin(), out.hits.end(),
                                  [&](const JsonHit& h) { return h.id == id; });
    ASSERT_NE(hit, out.hits.end()) << id;
    // The highlighted text is the word as written in the article (scripts without spaces: the
    // word's segments, merged into one highlight when adjacent; Thai "การโจมตี" is two).
    EXPECT_NE(hit->snippet.find(std::string("<mark>") + word + "</mark>"), std::string::npos)
        << id << ": " << hit->snippet;
  }
}

TEST(MultilingualIngestion, AnUnknownStatedLanguageIsReportedAndDetected) {
  TempDir dir;
  std::ofstream(dir.path() / "a.jsonl")
      << R"({"id": "k", "title": "Klingon", "language": "klingon", "body": "A long enough English text, about markets and prices, to be detected with confidence by the detector, which needs a hundred letters."})"
      << "\n";
  const auto run = run_command(
      NEWSDEX_INDEX_BIN, {"--db", (dir.path() / "db").string(), (dir.path() / "a.jsonl").string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("unknown language \"klingon\""), std::string::npos) << run.err;
  EXPECT_EQ(ids(query_json(dir.path() / "db", "language:en")), Ids{"k"});
}

TEST(MultilingualIngestion, WithoutDetectionUnstatedLanguagesAreTheDefault) {
  const auto db = TempDir();
  const auto run = run_command(NEWSDEX_INDEX_BIN, {"--quiet", "--no-detect-language", "--language",
                                                   "de", "--db", (db.path() / "db").string(),
                                                   (kCorpus / "articles-nolang.jsonl").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(query_json(db.path() / "db", "language:de", {"--exact-total"}).total, 40u);
}

}  // namespace
}  // namespace newsdex::test
