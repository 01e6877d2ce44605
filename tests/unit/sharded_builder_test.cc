#include "writer/sharded_builder.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <random>
#include <string>

#include "newsdex/stored_article.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

// Every term with its wdf and positions, and every value, of one document.
std::string describe(const Xapian::Document& doc) {
  std::string out;
  for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
    out += *t + "/" + std::to_string(t.get_wdf()) + ":";
    for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p)
      out += std::to_string(*p) + ",";
    out += " ";
  }
  for (auto v = doc.values_begin(); v != doc.values_end(); ++v)
    out += "[" + std::to_string(v.get_valueno()) + "]" + *v;
  return out;
}

class ShardedBuilderMerge : public ::testing::Test {
 protected:
  ShardedBuilderMerge()
      : root_(fs::temp_directory_path() /
              ("newsdex-sharded-" + std::to_string(std::random_device{}()))) {}
  ~ShardedBuilderMerge() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }

  // Builds 25 articles in shards of two and moves the merged result to `name`.
  fs::path build(const std::string& name, std::size_t fan_in, std::size_t jobs) {
    ShardedBuilder::Options options;
    options.work_dir = root_ / (name + ".build");
    options.jobs = jobs;
    options.chunk_articles = 2;
    options.merge_fan_in = fan_in;
    const fs::path result = root_ / name;
    ShardedBuilder builder(options);
    for (int i = 0; i < 25; ++i) {
      Article a;
      a.id = "a" + std::to_string(i);
      a.title = "Harbour report " + std::to_string(i);
      a.body = "Cargo ships waited at the harbour for " + std::to_string(i * 7) + " hours.";
      std::string stored = encode_stored_article(a);
      builder.add(std::move(a), std::move(stored), "hash" + std::to_string(i));
    }
    fs::rename(builder.finish(), result);
    return result;
  }

  fs::path root_;
};

TEST_F(ShardedBuilderMerge, MergingInGroupsGivesTheSameDatabaseAsOneMerge) {
  // 13 shards, a fan-in of 3 and two jobs: groups of 2 merge in three tiers (13 -> 7 -> 4 -> 2)
  // before the final merge.
  const Xapian::Database tiers(build("tiers", 3, 2).string());
  const Xapian::Database single(build("single", 0, 1).string());
  ASSERT_EQ(tiers.get_doccount(), 25u);
  ASSERT_EQ(single.get_doccount(), 25u);
  EXPECT_EQ(tiers.get_lastdocid(), 25u);
  EXPECT_EQ(tiers.get_total_length(), single.get_total_length());
  for (Xapian::docid id = 1; id <= 25; ++id) {
    const std::string expected = describe(single.get_document(id));
    EXPECT_EQ(describe(tiers.get_document(id)), expected) << id;
    EXPECT_NE(expected.find("Qa" + std::to_string(id - 1) + "/"), std::string::npos) << expected;
  }
}

}  // namespace
}  // namespace newsdex
