// `newsdex-index --version`: the versions a benchmark result or bug report needs, including the
// allocator the binary really runs on (mimalloc unless built without it or with sanitizers).
#include <gtest/gtest.h>

#include <cstdlib>

#include "cli_runner.h"

namespace newsdex::test {
namespace {

TEST(IndexerVersion, NamesTheLibrariesAndTheAllocatorInUse) {
  const auto run = run_command(NEWSDEX_INDEX_BIN, {"--version"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with("newsdex-index ")) << run.out;
  EXPECT_NE(run.out.find("(Xapian 1.4."), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(", ICU "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(", zstd 1."), std::string::npos) << run.out;
#ifdef NEWSDEX_EXPECT_MIMALLOC
  EXPECT_NE(run.out.find(", mimalloc 2."), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(" with 2 MiB pages)"), std::string::npos) << run.out;
#else
  EXPECT_NE(run.out.find(", system malloc)"), std::string::npos) << run.out;
#endif
}

#ifdef NEWSDEX_EXPECT_MIMALLOC
// The binary asks mimalloc for 2 MiB pages before mimalloc starts (allocator_settings.cc), and
// the environment still decides when it says otherwise.
TEST(IndexerVersion, EnvironmentOverridesTheAllocatorSettings) {
  ASSERT_EQ(setenv("MIMALLOC_LARGE_OS_PAGES", "0", 1), 0);
  const auto run = run_command(NEWSDEX_INDEX_BIN, {"--version"});
  unsetenv("MIMALLOC_LARGE_OS_PAGES");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find(", mimalloc 2."), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("2 MiB pages"), std::string::npos) << run.out;
}
#endif

TEST(IndexerVersion, NeedsNoDatabase) {
  // --version answers before the required --db is checked, like --help.
  const auto run = run_command(NEWSDEX_INDEX_BIN, {"--version", "--quiet"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.err.empty()) << run.err;
}

}  // namespace
}  // namespace newsdex::test
