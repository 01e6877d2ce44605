// `newsdex-index --version`: the versions a benchmark result or bug report needs, including the
// allocator the binary really runs on (mimalloc unless built without it or with sanitizers).
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>
#include <string>

#include "cli_runner.h"

namespace newsdex::test {
namespace {

// Sets (or, given nullptr, removes) an environment variable for the children a test starts,
// and restores it when the test ends, however it ends.
class ScopedEnvironmentVariable {
 public:
  ScopedEnvironmentVariable(const char* name, const char* value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? setenv(name, value, 1) : unsetenv(name);
  }
  ~ScopedEnvironmentVariable() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }
  ScopedEnvironmentVariable(const ScopedEnvironmentVariable&) = delete;
  ScopedEnvironmentVariable& operator=(const ScopedEnvironmentVariable&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(IndexerVersion, NamesTheLibrariesAndTheAllocatorInUse) {
  const ScopedEnvironmentVariable unset("MIMALLOC_LARGE_OS_PAGES", nullptr);
  const auto run = run_command(NEWSDEX_INDEX_BIN, {"--version"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with("newsdex-index ")) << run.out;
  EXPECT_NE(run.out.find("(Xapian 1.4."), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(", ICU "), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(", zstd 1."), std::string::npos) << run.out;
#ifdef NEWSDEX_EXPECT_MIMALLOC
  EXPECT_NE(run.out.find(", mimalloc 2."), std::string::npos) << run.out;
  EXPECT_NE(run.out.find(", 2 MiB pages requested)"), std::string::npos) << run.out;
#else
  EXPECT_NE(run.out.find(", system malloc)"), std::string::npos) << run.out;
#endif
}

#ifdef NEWSDEX_EXPECT_MIMALLOC
// The binary asks mimalloc for 2 MiB pages before mimalloc starts (allocator_settings.cc), and
// the environment still decides when it says otherwise, spelt in any case as mimalloc allows.
// (Whether the setting came early enough shows only in page faults: docs/benchmarks.md.)
TEST(IndexerVersion, EnvironmentOverridesTheAllocatorSettings) {
  for (const char* name : {"MIMALLOC_LARGE_OS_PAGES", "mimalloc_large_os_pages"}) {
    const ScopedEnvironmentVariable off(name, "0");
    const auto run = run_command(NEWSDEX_INDEX_BIN, {"--version"});
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find(", mimalloc 2."), std::string::npos) << name << ": " << run.out;
    EXPECT_EQ(run.out.find("2 MiB pages"), std::string::npos) << name << ": " << run.out;
  }
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
