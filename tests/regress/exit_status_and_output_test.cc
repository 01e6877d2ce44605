// Regression: `--limit 0` printed the total but exited 1 (no hits); `--limit -1` listed every hit
// instead of a usage error; text and TSV output wrote raw control characters from ids and
// titles, so ESC sequences in an article reached the terminal.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_runner.h"

namespace newsdex::test {
namespace {

namespace fs = std::filesystem;

class ExitStatusAndOutput : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir_.path() / "a.jsonl")
        << "{\"id\": \"evil\\u001b]0;owned\\u0007\", \"title\": \"Red \\u001b[31malert\\u001b[0m "
           "\\u009b2J\", \"outlet\": \"Wire\\tService\", \"body\": \"ships and \\u001b[2J "
           "cargo\"}\n"
        << "{\"id\": \"b\", \"title\": \"Calm\", \"body\": \"ships at sea\"}\n";
    const auto run =
        run_command(NEWSDEX_INDEX_BIN, {"--db", db_.string(), (dir_.path() / "a.jsonl").string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  CommandResult query(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db_.string()});
    return run_command(NEWSDEX_QUERY_BIN, args);
  }
  TempDir dir_;
  fs::path db_ = dir_.path() / "db";
};

TEST_F(ExitStatusAndOutput, LimitZeroAndAnOffsetPastTheEndStillExitZeroOnMatches) {
  auto run = query({"--limit", "0", "ships"});
  EXPECT_EQ(run.exit_code, 0) << run.out;
  EXPECT_NE(run.out.find("2 hits"), std::string::npos) << run.out;
  EXPECT_EQ(query({"--offset", "50", "ships"}).exit_code, 0);
  EXPECT_EQ(query({"--limit", "0", "submarine"}).exit_code, 1);
}

TEST_F(ExitStatusAndOutput, NegativeCountsAreUsageErrors) {
  for (const auto& option : {"--limit", "--offset", "--snippet-words", "--facet-limit"}) {
    const auto run = query({option, "-1", "ships"});
    EXPECT_EQ(run.exit_code, 2) << option;
    EXPECT_NE(run.err.find("takes a whole number"), std::string::npos) << run.err;
    EXPECT_TRUE(run.out.empty()) << run.out;
  }
}

TEST_F(ExitStatusAndOutput, ControlCharactersNeverReachTheTerminal) {
  for (const auto& format : {"text", "tsv"}) {
    const auto run = query({"--format", format, "--color", "never", "ships"});
    ASSERT_EQ(run.exit_code, 0);
    for (unsigned char c : run.out)
      EXPECT_TRUE(c >= 0x20 || c == '\n' || (c == '\t' && std::string(format) == "tsv"))
          << format << " output holds control character " << int(c) << ":\n"
          << run.out;
    EXPECT_EQ(run.out.find("\xc2\x9b"), std::string::npos) << "C1 control (CSI) in " << format;
    EXPECT_NE(run.out.find("Red \\x1b[31malert\\x1b[0m \\u009b2J"), std::string::npos) << run.out;
  }
  // TSV keeps one line per hit and its seven columns.
  const auto tsv = query({"--format", "tsv", "ships"});
  std::size_t lines = 0;
  for (std::size_t at = 0; (at = tsv.out.find('\n', at)) != std::string::npos; ++at) ++lines;
  EXPECT_EQ(lines, 2u) << tsv.out;
}

}  // namespace
}  // namespace newsdex::test
