// Shard maps (Xapian stub files) as newsdex reads them, the part an article belongs to, a
// build split into parts, and the Searcher over a map with a part that does not answer.
#include "newsdex/shard_map.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "newsdex/error.h"
#include "newsdex/index_job.h"
#include "newsdex/schema.h"
#include "newsdex/searcher.h"
#include "newsdex/story_table.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

class ScratchFolder {
 public:
  ScratchFolder()
      : path_(fs::temp_directory_path() /
              ("newsdex-shard-map-" + std::to_string(std::random_device{}()))) {
    fs::create_directories(path_);
  }
  ~ScratchFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write(const fs::path& file, const std::string& text) {
  std::ofstream(file) << text;
}

TEST(ShardMapFile, ReadsXapiansStubLines) {
  ScratchFolder dir;
  write(dir.path() / "archive.map",
        "# three parts\n"
        "\n"
        "auto part-0\n"
        "glass /srv/news/part-1\n"
        "remote 10.0.0.3:7000\n"
        "remote :7001\n"
        "remote ssh news3 xapian-progsrv /srv/news/part-3\n");
  const auto map = ShardMap::read(dir.path() / "archive.map");
  ASSERT_TRUE(map);
  const auto& e = map->entries();
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(e[0].kind, ShardMapEntry::Kind::kLocal);
  EXPECT_EQ(e[0].path, (dir.path() / "part-0").string()) << "relative to the map's folder";
  EXPECT_EQ(e[0].line, "auto part-0");
  EXPECT_EQ(e[1].path, "/srv/news/part-1");
  EXPECT_EQ(e[2].kind, ShardMapEntry::Kind::kRemoteTcp);
  EXPECT_EQ(e[2].host, "10.0.0.3");
  EXPECT_EQ(e[2].port, 7000u);
  EXPECT_EQ(e[3].host, "");
  EXPECT_EQ(e[3].port, 7001u);
  EXPECT_EQ(e[4].kind, ShardMapEntry::Kind::kRemoteProgram);
  EXPECT_EQ(e[4].program, "ssh");
  EXPECT_EQ(e[4].args, "news3 xapian-progsrv /srv/news/part-3");
}

TEST(ShardMapFile, AFolderWithXapiandbIsAMapAndADatabaseFolderIsNot) {
  ScratchFolder dir;
  fs::create_directories(dir.path() / "parts");
  write(dir.path() / "parts" / "XAPIANDB", "auto part-0\nauto part-1\n");
  const auto map = ShardMap::read(dir.path() / "parts");
  ASSERT_TRUE(map);
  EXPECT_EQ(map->entries().size(), 2u);
  EXPECT_EQ(map->entries()[1].path, (dir.path() / "parts" / "part-1").string());
  Xapian::WritableDatabase((dir.path() / "glass").string(),
                           Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS)
      .close();
  EXPECT_FALSE(ShardMap::read(dir.path() / "glass"));
  EXPECT_FALSE(ShardMap::read(dir.path() / "missing"));
}

TEST(ShardMapFile, AMapListedInAMapIsExpanded) {
  ScratchFolder dir;
  fs::create_directories(dir.path() / "east");
  write(dir.path() / "east" / "XAPIANDB", "auto part-0\nremote east2:7000\n");
  write(dir.path() / "all.map", "auto east\nremote west1:7000\n");
  const auto map = ShardMap::read(dir.path() / "all.map");
  ASSERT_TRUE(map);
  ASSERT_EQ(map->entries().size(), 3u);
  EXPECT_EQ(map->entries()[0].path, (dir.path() / "east" / "part-0").string());
  EXPECT_EQ(map->entries()[1].host, "east2");
  EXPECT_EQ(map->entries()[2].host, "west1");
}

TEST(ShardMapFile, ABadLineNamesTheFileAndLine) {
  ScratchFolder dir;
  const auto expect_error = [&](const std::string& text, const std::string& needle) {
    write(dir.path() / "bad.map", text);
    try {
      ShardMap::read(dir.path() / "bad.map");
      ADD_FAILURE() << "no error for: " << text;
    } catch (const DatabaseError& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  expect_error("auto a\nremote host:http\n", "bad.map:2: the port must be a number");
  expect_error("remote host:70000\n", "bad.map:1: the port");
  expect_error("inmemory\n", "bad.map:1: a line is a type and a value");
  expect_error("flint old\n", "unknown type 'flint'");
  expect_error("# nothing\n\n", "lists no database");
  write(dir.path() / "self.map", "auto self.map\n");
  EXPECT_THROW(ShardMap::read(dir.path() / "self.map"), DatabaseError);
}

TEST(PartOf, IsStableAndSpreadsIdsEvenly) {
  // Fnv1a64 of the id (its bytes, then the 0xff separator), modulo the number of parts: fixed
  // forever, as the parts already built depend on it (values worked out independently).
  EXPECT_EQ(part_of("", 3), 1u);
  EXPECT_EQ(part_of("seed-000", 3), 0u);
  EXPECT_EQ(part_of("seed-001", 3), 1u);
  EXPECT_EQ(part_of("seed-002", 3), 0u);
  EXPECT_EQ(part_of("seed-001", 7), 3u);
  EXPECT_EQ(part_of("reuters21578-1", 7), 4u);
  EXPECT_EQ(part_of("anything", 1), 0u);
  std::map<std::size_t, std::size_t> counts;
  for (int i = 0; i < 30000; ++i) ++counts[part_of("reuters21578-" + std::to_string(i), 3)];
  ASSERT_EQ(counts.size(), 3u);
  for (const auto& [part, count] : counts) {
    EXPECT_GT(count, 9500u) << part;
    EXPECT_LT(count, 10500u) << part;
  }
  EXPECT_EQ(part_folder_name(2), "part-2");
}

// The seeds and the fourth report (one story of four) and the Reuters sample, built in parts.
class PartsBuild : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchFolder;
    IndexOptions options;
    options.inputs = {NEWSDEX_SOURCE_DIR "/corpora/seeds",
                      NEWSDEX_SOURCE_DIR "/corpora/stories/albania-fourth-report.jsonl"};
    options.db_path = (dir_->path() / "one").string();
    run_index_job(options);
    options.db_path = (dir_->path() / "parts").string();
    options.parts = 3;
    report_ = new IndexReport(run_index_job(options));
  }
  static void TearDownTestSuite() {
    delete report_;
    delete dir_;
  }
  static ScratchFolder* dir_;
  static IndexReport* report_;
};
ScratchFolder* PartsBuild::dir_ = nullptr;
IndexReport* PartsBuild::report_ = nullptr;

TEST_F(PartsBuild, EachArticleIsInItsPartAndTheBuildIsGone) {
  ASSERT_EQ(report_->part_sizes.size(), 3u);
  std::size_t total = 0;
  for (std::size_t k = 0; k < 3; ++k) {
    const Xapian::Database part((dir_->path() / "parts" / part_folder_name(k)).string());
    EXPECT_EQ(part.get_doccount(), report_->part_sizes[k]);
    total += part.get_doccount();
    const std::string prefix(schema::kIdPrefix);
    for (auto t = part.allterms_begin(prefix); t != part.allterms_end(prefix); ++t)
      EXPECT_EQ(part_of((*t).substr(prefix.size()), 3), k) << *t;
    EXPECT_EQ(part.get_metadata(std::string(schema::kSchemaVersionKey)),
              std::to_string(schema::kSchemaVersion));
  }
  EXPECT_EQ(total, 4u);
  EXPECT_FALSE(fs::exists(dir_->path() / "parts" / ".whole-build"));
}

TEST_F(PartsBuild, EachPartListsItsOwnMembersOfTheStoryWithItsOwnDocids) {
  const Xapian::Database one((dir_->path() / "one").string());
  const std::string story = one.get_document(1).get_value(schema::kStorySlot);
  ASSERT_EQ(StoryTable::member_list(one, story).size(), 4u);
  std::size_t listed = 0;
  for (std::size_t k = 0; k < 3; ++k) {
    const Xapian::Database part((dir_->path() / "parts" / part_folder_name(k)).string());
    for (const auto& m : StoryTable::member_list(part, story)) {
      ++listed;
      const Xapian::Document doc = part.get_document(m.docid);
      EXPECT_EQ(doc.get_value(schema::kStorySlot), story);
      auto id = doc.termlist_begin();
      id.skip_to(schema::id_term(m.id));
      EXPECT_EQ(*id, schema::id_term(m.id)) << "member docid " << m.docid << " is another article";
    }
  }
  EXPECT_EQ(listed, 4u);
}

TEST_F(PartsBuild, TheSearcherAnswersOnPartsAsOnOneDatabase) {
  Searcher one((dir_->path() / "one").string());
  Searcher parts((dir_->path() / "parts").string());
  SearchRequest request;
  request.query = "cyberattack Albania";
  request.collapse = Collapse::kStory;
  const SearchResult a = one.search(request);
  const SearchResult b = parts.search(request);
  ASSERT_EQ(a.hits.size(), 1u);
  ASSERT_EQ(b.hits.size(), 1u);
  EXPECT_EQ(b.hits[0].id, a.hits[0].id);
  EXPECT_EQ(b.hits[0].score, a.hits[0].score) << "the same doubles";
  EXPECT_EQ(b.hits[0].story_size, 4u);
  ASSERT_EQ(b.hits[0].also.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(b.hits[0].also[i].id, a.hits[0].also[i].id);
  EXPECT_EQ(b.parts_answered, 3u);
  EXPECT_EQ(b.parts_total, 3u);
  EXPECT_EQ(a.parts_total, 0u);
}

TEST_F(PartsBuild, APartThatCannotBeReachedIsNamedOrLeftOut) {
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  const fs::path map = dir_->path() / "with-missing.map";
  write(map, "auto parts/part-0\nauto parts/part-1\nauto parts/part-2\nremote 127.0.0.1:1\n");
  try {
    Searcher searcher(map.string());
    ADD_FAILURE() << "opened a map with a part that is down";
  } catch (const PartUnavailableError& e) {
    EXPECT_EQ(e.part(), "remote 127.0.0.1:1");
    EXPECT_NE(std::string(e.what()).find("cannot be reached"), std::string::npos) << e.what();
  }
  SearcherOptions options;
  options.allow_partial = true;
  Searcher searcher(map.string(), options);
  SearchRequest request;
  request.query = "cyberattack Albania";
  const SearchResult result = searcher.search(request);
  EXPECT_EQ(result.hits.size(), 4u);
  EXPECT_EQ(result.parts_answered, 3u);
  EXPECT_EQ(result.parts_total, 4u);
  ASSERT_EQ(result.missing_parts.size(), 1u);
  EXPECT_EQ(result.missing_parts[0], "remote 127.0.0.1:1");
}

TEST_F(PartsBuild, APartOfAnotherSchemaIsRefusedEvenWhenPartialIsAllowed) {
  const fs::path old = dir_->path() / "old";
  {
    Xapian::WritableDatabase db(old.string(), Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
    db.set_metadata(std::string(schema::kSchemaVersionKey), "1");
    db.add_document(Xapian::Document());
    db.commit();
  }
  const fs::path map = dir_->path() / "mixed.map";
  write(map, "auto parts/part-0\nauto old\n");
  SearcherOptions options;
  options.allow_partial = true;
  EXPECT_THROW(Searcher(map.string(), options), DatabaseError);
}

}  // namespace
}  // namespace newsdex
