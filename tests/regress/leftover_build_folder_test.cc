// Regression: a new build killed after swapping its result in but before removing its work
// folder (DB.build) left the folder for good: the next run, an update in place, never looked at
// it (ReutersCrash.AKilledBuildLeavesNothingHalfDoneAndTheRerunMatchesACleanBuild caught it when
// the kill fell in that window).
#include <gtest/gtest.h>

#include <fstream>

#include "cli_runner.h"

namespace newsdex::test {
namespace {

namespace fs = std::filesystem;

TEST(LeftoverBuildFolder, AnUpdateInPlaceRemovesAKilledBuildsWorkFolder) {
  TempDir dir;
  const auto db = dir.path() / "db";
  std::ofstream(dir.path() / "a.jsonl") << R"({"id": "a", "title": "Ships", "body": "Harbour"})"
                                        << "\n";
  std::ofstream(dir.path() / "b.jsonl") << R"({"id": "b", "title": "Trains", "body": "Rails"})"
                                        << "\n";
  ASSERT_EQ(run_command(NEWSDEX_INDEX_BIN,
                        {"--quiet", "--db", db.string(), (dir.path() / "a.jsonl").string()})
                .exit_code,
            0);
  // What the killed run left: its work folder with a shard in it.
  fs::create_directories(dir.path() / "db.build" / "shard-0-1");
  std::ofstream(dir.path() / "db.build" / "shard-0-1" / "iamglass") << "x";
  ASSERT_EQ(run_command(NEWSDEX_INDEX_BIN,
                        {"--quiet", "--db", db.string(), (dir.path() / "b.jsonl").string()})
                .exit_code,
            0);
  EXPECT_FALSE(fs::exists(dir.path() / "db.build"));
}

}  // namespace
}  // namespace newsdex::test
