// Regression: HTML whose article text sat deeper than 256 nested elements was indexed with its
// title only and no warning (libxml2 stops building the tree there unless told otherwise).
#include <gtest/gtest.h>

#include <fstream>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

namespace fs = std::filesystem;

void write_page(const fs::path& file, int depth) {
  std::ofstream out(file);
  out << "<html><head><title>Deep page</title></head><body>";
  for (int i = 0; i < depth; ++i) out << "<div>";
  out << "<p>The zanzibarword sits deep inside the page.</p>";
  for (int i = 0; i < depth; ++i) out << "</div>";
  out << "</body></html>\n";
}

class DeepHtml : public ::testing::TestWithParam<int> {};

TEST_P(DeepHtml, TextAtAnyDepthIsIndexed) {
  TempDir dir;
  const auto page = dir.path() / "deep.html";
  write_page(page, GetParam());
  const auto db = dir.path() / "db";
  const auto run = run_command(NEWSDEX_INDEX_BIN, {"--db", db.string(), page.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto q = query_json(db, "zanzibarword");
  ASSERT_EQ(q.hits.size(), 1u) << "depth " << GetParam() << ": body text lost";
  EXPECT_EQ(q.hits[0].title, "Deep page");
}

// 200 worked before; 300 lost the text; 100,000 must neither lose it nor overflow the stack.
INSTANTIATE_TEST_SUITE_P(Depths, DeepHtml, ::testing::Values(200, 300, 5000, 100000));

}  // namespace
}  // namespace newsdex::test
