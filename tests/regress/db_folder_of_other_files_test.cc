// Regression: `newsdex-index --db FOLDER` on an existing folder of the user's files turned it
// into a database, swapped it away at the end of the build and deleted everything in it
// (exit 0). Such a folder must be refused and left exactly as it was.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_runner.h"

namespace newsdex::test {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

fs::path seeds() {
  return fs::path(NEWSDEX_SOURCE_DIR) / "corpora" / "seeds";
}

TEST(DatabaseFolderOfOtherFiles, IsRefusedAndKeepsEveryFile) {
  TempDir dir;
  const fs::path folder = dir.path() / "folder";
  fs::create_directories(folder / "sub");
  std::ofstream(folder / "notes.txt") << "my notes\n";
  std::ofstream(folder / "sub" / "keep.txt") << "keep me\n";

  const auto run = run_command(NEWSDEX_INDEX_BIN, {"--db", folder.string(), seeds().string()});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.err.find("is a folder that holds other files and is not a newsdex database"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(slurp(folder / "notes.txt"), "my notes\n");
  EXPECT_EQ(slurp(folder / "sub" / "keep.txt"), "keep me\n");
  std::size_t entries = 0;
  for (auto it = fs::recursive_directory_iterator(folder); it != fs::recursive_directory_iterator();
       ++it)
    ++entries;
  EXPECT_EQ(entries, 3u) << "the indexer added files to the user's folder";
}

TEST(DatabaseFolderOfOtherFiles, AFileIsRefused) {
  TempDir dir;
  const fs::path file = dir.path() / "news.db";
  std::ofstream(file) << "not a folder\n";
  const auto run = run_command(NEWSDEX_INDEX_BIN, {"--db", file.string(), seeds().string()});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("exists and is not a folder"), std::string::npos) << run.err;
  EXPECT_EQ(slurp(file), "not a folder\n");
}

TEST(DatabaseFolderOfOtherFiles, AnEmptyFolderAndAnExistingDatabaseStillWork) {
  TempDir dir;
  const fs::path folder = dir.path() / "empty";
  fs::create_directories(folder);
  auto run = run_command(NEWSDEX_INDEX_BIN, {"--db", folder.string(), seeds().string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  run = run_command(NEWSDEX_INDEX_BIN, {"--db", folder.string(), seeds().string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("unchanged 3"), std::string::npos) << run.out;
}

// The build's scratch folder beside the database is only ever cleared when newsdex made it.
TEST(DatabaseFolderOfOtherFiles, AScratchFolderNameTakenByTheUserIsLeftAlone) {
  TempDir dir;
  const fs::path taken = dir.path() / "news.db.build";
  fs::create_directories(taken);
  std::ofstream(taken / "mine.txt") << "mine\n";
  const auto run =
      run_command(NEWSDEX_INDEX_BIN, {"--db", (dir.path() / "news.db").string(), seeds().string()});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_NE(run.err.find("was not made by newsdex"), std::string::npos) << run.err;
  EXPECT_EQ(slurp(taken / "mine.txt"), "mine\n");
}

}  // namespace
}  // namespace newsdex::test
