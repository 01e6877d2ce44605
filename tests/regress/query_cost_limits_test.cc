// Regression: query cost was unbounded: 100,000 words took over 30 s and 3.5 GB, 50,000 OR terms
// 12 s, 20,000 quoted phrases over 20 s. Queries past the documented limits (docs/reliability.md)
// are refused at once with a message and exit 2; queries within them still run.
#include <gtest/gtest.h>

#include <fstream>
#include <memory>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

namespace fs = std::filesystem;

class QueryCostLimits : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    const auto run = run_command(NEWSDEX_INDEX_BIN,
                                 {"--quiet", "--db", db().string(),
                                  (fs::path(NEWSDEX_SOURCE_DIR) / "corpora" / "seeds").string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static fs::path db() { return dir_->path() / "db"; }
  // Through batch mode: a query of hundreds of kilobytes is longer than one command-line
  // argument may be (E2BIG).
  static CommandResult query(const std::string& q) {
    const auto file = dir_->path() / "query.txt";
    std::ofstream(file) << "q\t" << q << "\n";
    return run_command(NEWSDEX_QUERY_BIN,
                       {"--db", db().string(), "--format", "tsv", "--queries", file.string()});
  }
  // `count` copies of `unit` joined by `separator`.
  static std::string repeat(const std::string& unit, std::size_t count,
                            const std::string& separator) {
    std::string out;
    for (std::size_t i = 0; i < count; ++i) out += (i ? separator : "") + unit;
    return out;
  }
  static inline std::unique_ptr<TempDir> dir_;
};

TEST_F(QueryCostLimits, HundredThousandWordsAreRefused) {
  const auto run = query(repeat("nato", 100000, " "));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("the query is too long"), std::string::npos) << run.err.substr(0, 300);
}

TEST_F(QueryCostLimits, FiftyThousandOrTermsAreRefused) {
  // 2 bytes a word keep it under the byte limit: the word limit must catch it.
  const auto run = query(repeat("a", 3000, " OR "));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("at most 1024 words"), std::string::npos) << run.err.substr(0, 300);
  EXPECT_EQ(query(repeat("nato", 50000, " OR ")).exit_code, 2);
}

TEST_F(QueryCostLimits, TwentyThousandPhrasesAreRefused) {
  EXPECT_EQ(query(repeat("\"nato albania\"", 20000, " ")).exit_code, 2);
  const auto run = query(repeat("\"a b\"", 65, " "));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("too many phrases: at most 64"), std::string::npos) << run.err;
}

TEST_F(QueryCostLimits, TooManyWildcardsAreRefused) {
  const auto run = query(repeat("cy*", 17, " "));
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("too many wildcards"), std::string::npos) << run.err;
}

TEST_F(QueryCostLimits, QueriesAtTheLimitsRun) {
  EXPECT_EQ(query(repeat("nato", 1024, " ")).exit_code, 0);
  EXPECT_EQ(query(repeat("\"nato condemns\"", 64, " OR ")).exit_code, 0);
  EXPECT_EQ(query(repeat("cyber*", 16, " ")).exit_code, 0);
}

TEST_F(QueryCostLimits, BatchModeReportsTheLimitAndGoesOn) {
  const auto batch = dir_->path() / "queries.txt";
  std::ofstream(batch) << "1\t" << repeat("nato", 2000, " ") << "\n2\tcyberattack\n";
  const auto run = run_command(
      NEWSDEX_QUERY_BIN, {"--db", db().string(), "--format", "tsv", "--queries", batch.string()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("query 1:"), std::string::npos) << run.err.substr(0, 300);
  EXPECT_NE(run.out.find("seed-00"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace newsdex::test
