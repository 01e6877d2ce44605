// End-to-end: the real newsdex-index and newsdex-query binaries on the bundled seed corpus.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <string>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

const std::string kSeeds = std::string(NEWSDEX_SOURCE_DIR) + "/corpora/seeds";

class SeedsEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    const auto run = run_command(NEWSDEX_INDEX_BIN, {"--db", db().string(), kSeeds});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    ASSERT_NE(run.out.find("indexed 3 articles"), std::string::npos) << run.out;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::filesystem::path db() { return dir_->path() / "seeds.db"; }
  static inline std::unique_ptr<TempDir> dir_;
};

TEST_F(SeedsEndToEnd, CyberattackAlbaniaFindsAllThreeWithOutletAndDate) {
  const auto q = query_json(db(), "cyberattack Albania");
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_EQ(q.total, 3u);
  ASSERT_EQ(q.hits.size(), 3u);
  EXPECT_EQ(ids(q), (std::set<std::string>{"seed-000", "seed-001", "seed-002"}));
  for (const auto& h : q.hits) {
    EXPECT_FALSE(h.outlet.empty()) << h.id;
    EXPECT_EQ(h.date.substr(0, 10), "2022-09-08") << h.id;
    EXPECT_FALSE(h.title.empty()) << h.id;
    EXPECT_NE(h.snippet.find("<mark>"), std::string::npos) << h.id;
  }
}

TEST_F(SeedsEndToEnd, OutletsComeFromTheSidecar) {
  const auto q = query_json(db(), "cyberattack Albania");
  for (const auto& h : q.hits) {
    const std::map<std::string, std::string> expected = {
        {"seed-000", "UrduPoint News"}, {"seed-001", "AFP"}, {"seed-002", "The Jerusalem Post"}};
    EXPECT_EQ(h.outlet, expected.at(h.id)) << h.id;
  }
}

TEST_F(SeedsEndToEnd, SoleimaniFindsOnlyTheFirstArticle) {
  const auto q = query_json(db(), "Soleimani");
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_EQ(ids(q), std::set<std::string>{"seed-000"});
  EXPECT_NE(q.hits.at(0).snippet.find("<mark>Soleimani</mark>"), std::string::npos);
}

TEST_F(SeedsEndToEnd, DurresFindsOnlyTheThirdArticle) {
  const auto q = query_json(db(), "Durres");
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_EQ(ids(q), std::set<std::string>{"seed-002"});
}

TEST_F(SeedsEndToEnd, QueryWordsAreAnalyzedLikeArticles) {
  // Case, stemming and diacritics: "ALBANIÁ'S" is the term "albania".
  const auto q = query_json(db(), "ALBANIÁ'S");
  EXPECT_EQ(q.total, 3u);
  // "condemned" finds "condemns"/"condemn" through the stem.
  EXPECT_EQ(query_json(db(), "condemned").total, 3u);
}

TEST_F(SeedsEndToEnd, MatchAllRequiresEveryWord) {
  const auto any = query_json(db(), "Soleimani Durres");
  EXPECT_EQ(any.total, 2u);
  const auto all = query_json(db(), "Soleimani Durres", {"--match", "all"});
  EXPECT_EQ(all.exit_code, 1);
  EXPECT_EQ(all.total, 0u);
}

TEST_F(SeedsEndToEnd, NoHitsExitsOne) {
  const auto q = query_json(db(), "zanzibar");
  EXPECT_EQ(q.exit_code, 1);
  EXPECT_EQ(q.total, 0u);
}

TEST_F(SeedsEndToEnd, TextFormatShowsRankTitleOutletDateAndSnippet) {
  const auto run = run_command(NEWSDEX_QUERY_BIN, {"--db", db().string(), "Durres"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("1. NATO allies condemn cyberattack on Albania"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("The Jerusalem Post | 2022-09-08"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("**Durres**"), std::string::npos) << run.out;
}

TEST(SeedsIndexing, IndexingTwiceLeavesThreeDocuments) {
  TempDir dir;
  const auto db = (dir.path() / "db").string();
  ASSERT_EQ(run_command(NEWSDEX_INDEX_BIN, {"--db", db, kSeeds}).exit_code, 0);
  const auto second = run_command(NEWSDEX_INDEX_BIN, {"--db", db, kSeeds});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("; 3 in database)"), std::string::npos) << second.out;
  EXPECT_EQ(query_json(db, "NATO").total, 3u);
}

TEST(SeedsIndexing, WithoutSidecarOutletAndDateComeFromTheText) {
  TempDir dir;
  const auto db = (dir.path() / "db").string();
  const auto run = run_command(NEWSDEX_INDEX_BIN, {"--db", db, "--no-sidecar", kSeeds});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto soleimani = query_json(db, "Soleimani");
  ASSERT_EQ(soleimani.hits.size(), 1u);
  EXPECT_EQ(soleimani.hits[0].outlet, "UrduPoint News");
  EXPECT_EQ(soleimani.hits[0].date, "2022-09-08");
  const auto durres = query_json(db, "Durres");
  ASSERT_EQ(durres.hits.size(), 1u);
  EXPECT_EQ(durres.hits[0].outlet, "The Jerusalem Post");
  EXPECT_EQ(durres.hits[0].date, "2022-09-08T16:18:00");
  EXPECT_EQ(durres.hits[0].title, "NATO allies condemn cyberattack on Albania");
}

TEST(IndexerErrors, BadFilesAreReportedAndSkippedTheRestIsIndexed) {
  TempDir dir;
  const auto inputs = dir.path() / "in";
  std::filesystem::create_directories(inputs);
  std::ofstream(inputs / "good.jsonl")
      << "{\"id\": \"a1\", \"title\": \"Harbour strike\", \"body\": \"Dockers walked out.\"}\n"
      << "{\"id\": \"a2\", \"title\": broken json\n"
      << "[1, 2, 3]\n"
      << "{\"id\": \"a3\", \"title\": [\"not\", 1], \"body\": \"wrong type\"}\n"
      << "{\"id\": \"a4\", \"title\": \"Grain harvest\", \"body\": \"Wheat output rose.\", "
         "\"date\": \"next week\"}\n";
  std::ofstream(inputs / "empty.txt") << "";
  const auto db = (dir.path() / "db").string();
  const auto missing = (dir.path() / "missing.txt").string();
  const auto run = run_command(NEWSDEX_INDEX_BIN, {"--db", db, inputs.string(), missing});
  EXPECT_EQ(run.exit_code, 3) << run.out << run.err;
  EXPECT_NE(run.err.find("good.jsonl:2: skipped: invalid JSON"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("good.jsonl:3: skipped: expected a JSON object"), std::string::npos);
  EXPECT_NE(run.err.find("good.jsonl:4: skipped: field \"title\""), std::string::npos);
  EXPECT_NE(run.err.find("good.jsonl:5: warning: unparseable date"), std::string::npos);
  EXPECT_NE(run.err.find("empty.txt: skipped: empty file"), std::string::npos);
  EXPECT_NE(run.err.find("missing.txt: skipped: no such file"), std::string::npos);
  EXPECT_EQ(ids(query_json(db, "dockers")), std::set<std::string>{"a1"});
  EXPECT_EQ(ids(query_json(db, "wheat")), std::set<std::string>{"a4"});
}

TEST(IndexerErrors, NothingIndexableExitsOne) {
  TempDir dir;
  const auto run = run_command(NEWSDEX_INDEX_BIN,
                               {"--db", (dir.path() / "db").string(), "/nonexistent/x.jsonl"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("no such file"), std::string::npos);
}

TEST(CliErrors, UnknownFlagsAndMissingDatabaseGiveAMessageAndExitTwo) {
  auto run = run_command(NEWSDEX_QUERY_BIN, {"--db", "/nonexistent/db", "albania"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("no newsdex database at /nonexistent/db"), std::string::npos) << run.err;
  run = run_command(NEWSDEX_QUERY_BIN, {"--frobnicate", "--db", "x", "albania"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("frobnicate"), std::string::npos) << run.err;
  run = run_command(NEWSDEX_INDEX_BIN, {"--frobnicate"});
  EXPECT_EQ(run.exit_code, 2);
  run = run_command(NEWSDEX_INDEX_BIN, {"corpora"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("--db"), std::string::npos) << run.err;
}

TEST(CliErrors, AQueryWithoutWordsIsAnError) {
  TempDir dir;
  const auto db = (dir.path() / "db").string();
  ASSERT_EQ(run_command(NEWSDEX_INDEX_BIN, {"--db", db, kSeeds}).exit_code, 0);
  const auto run = run_command(NEWSDEX_QUERY_BIN, {"--db", db, "--", "!?"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("no searchable word"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace newsdex::test
