#include "writer/glass_space.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <cstdio>
#include <map>
#include <random>
#include <regex>

namespace newsdex {
namespace {

namespace fs = std::filesystem;

class GlassSpace : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("newsdex-glass-" + std::to_string(std::random_device{}()));
    Xapian::WritableDatabase db(dir_.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    for (int i = 0; i < 3000; ++i) {
      Xapian::Document doc;
      for (int w = 0; w < 40; ++w)
        doc.add_posting("w" + std::to_string((i * 7 + w * 13) % 5000), w);
      db.add_document(doc);
    }
    db.commit();
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

// Xapian's checker (xapian-check, from xapian-tools), run as its own process: in-process,
// Database::check trips AddressSanitizer inside libxapian (a sized delete of the wrong type).
std::string xapian_check(const fs::path& db, const std::string& options = "") {
  const std::string command = "xapian-check '" + db.string() + "' " + options + " 2>&1";
  std::string out;
  if (FILE* pipe = popen(command.c_str(), "r")) {
    char buf[4096];
    while (const std::size_t n = fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
    pclose(pipe);
  }
  return out;
}

// What the version file says must be what Xapian's own checker reports ("firstunused=N").
TEST_F(GlassSpace, ExtentsAgreeWithXapiansChecker) {
  std::map<std::string, std::uint32_t> expected;
  const std::regex line(R"((\w+):\nblocksize=8K items=\d+ firstunused=(\d+))");
  const std::string text = xapian_check(dir_);
  for (std::sregex_iterator it(text.begin(), text.end(), line), end; it != end; ++it)
    expected[(*it)[1].str() + ".glass"] = static_cast<std::uint32_t>(std::stoul((*it)[2].str()));
  ASSERT_GE(expected.size(), 3u) << text;

  const auto extents = read_glass_extents(dir_);
  ASSERT_TRUE(extents);
  std::map<std::string, std::uint32_t> found;
  for (const auto& e : *extents) {
    EXPECT_EQ(e.block_size, 8192u);
    found[e.file] = e.first_unused_block;
  }
  EXPECT_EQ(found, expected);
}

TEST_F(GlassSpace, BlocksPastTheLastCommitAreGivenBackAndTheDatabaseStillChecksOut) {
  const auto postlist = dir_ / "postlist.glass";
  const auto committed = fs::file_size(postlist);
  EXPECT_EQ(reclaim_uncommitted_blocks(dir_), 0u);
  // What a failed commit leaves: blocks written past the committed ones.
  fs::resize_file(postlist, committed + 40 * 8192);
  EXPECT_EQ(reclaim_uncommitted_blocks(dir_), 40u * 8192);
  EXPECT_EQ(fs::file_size(postlist), committed);
  const std::string report = xapian_check(dir_);
  EXPECT_NE(report.find("No errors found"), std::string::npos) << report;
  Xapian::WritableDatabase db(dir_.string(), Xapian::DB_OPEN);
  EXPECT_EQ(db.get_doccount(), 3000u);
  db.add_document(Xapian::Document());
  db.commit();
}

TEST_F(GlassSpace, NotAGlassDatabase) {
  EXPECT_FALSE(read_glass_extents(dir_ / "missing"));
  EXPECT_EQ(reclaim_uncommitted_blocks(dir_ / "missing"), 0u);
}

}  // namespace
}  // namespace newsdex
