// Regression: a first build killed before its first commit left an empty database that the
// query tool reported as "not built by newsdex" (or "0 hits"). It must say the build did not
// finish and how to finish it.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

namespace fs = std::filesystem;

TEST(UnfinishedBuild, AKilledFirstBuildIsReportedAsUnfinishedAndARerunFinishesIt) {
  TempDir dir;
  const auto db = dir.path() / "db";
  {
    // Standard input is indexed in place; holding it open keeps the run before its first commit.
    BackgroundProcess indexer(NEWSDEX_INDEX_BIN, {"--db", db.string(), "-"});
    indexer.write_stdin("{\"id\": \"a\", \"title\": \"Harbour report\", \"body\": \"Ships\"}\n");
    for (int i = 0; i < 500 && !fs::exists(db / "iamglass"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(fs::exists(db / "iamglass"));
    indexer.signal(SIGKILL);
    EXPECT_EQ(indexer.wait().exit_code, 128 + SIGKILL);
  }
  for (const auto& args :
       {std::vector<std::string>{"--db", db.string(), "harbour"},
        std::vector<std::string>{"--db", db.string(), "--format", "json", "harbour"}}) {
    const auto q = run_command(NEWSDEX_QUERY_BIN, args);
    EXPECT_EQ(q.exit_code, 2) << q.out;
    EXPECT_NE(q.err.find("the build of " + db.string() + " did not finish"), std::string::npos)
        << q.err;
  }
  const auto stats = run_command(NEWSDEX_INDEX_BIN, {"--db", db.string(), "--stats"});
  EXPECT_EQ(stats.exit_code, 1);
  EXPECT_NE(stats.err.find("did not finish"), std::string::npos) << stats.err;

  const auto rerun =
      run_command(NEWSDEX_INDEX_BIN, {"--db", db.string(), "-"},
                  "{\"id\": \"a\", \"title\": \"Harbour report\", \"body\": \"Ships\"}\n");
  EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_EQ(ids(query_json(db, "harbour")), (std::set<std::string>{"a"}));
}

// A build that fails (here: nothing in it can be indexed) leaves no database that looks
// finished either; one that indexes nothing on purpose into a new database is a valid empty
// database.
TEST(UnfinishedBuild, AnEmptyInPlaceRunLeavesAValidEmptyDatabase) {
  TempDir dir;
  const auto db = dir.path() / "db";
  const auto run = run_command(NEWSDEX_INDEX_BIN, {"--db", db.string(), "-"}, "\n");
  EXPECT_EQ(run.exit_code, 1) << run.err;  // nothing indexed
  const auto q = run_command(NEWSDEX_QUERY_BIN, {"--db", db.string(), "harbour"});
  EXPECT_EQ(q.exit_code, 1) << q.err;  // no hits: an empty database, not an unfinished one
}

}  // namespace
}  // namespace newsdex::test
