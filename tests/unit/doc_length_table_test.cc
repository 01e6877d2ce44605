// The document length table must hold every document's length as Xapian has it after each way
// of writing (sharded build, in-place adds, replacements, deletes, compaction), and must not be
// used for a revision it was not committed with.
#include "newsdex/doc_length_table.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "newsdex/index_job.h"
#include "newsdex/index_maintenance.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

class DocLengthTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("newsdex-doclen-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string db() const { return (dir_ / "db").string(); }
  // `count` articles from `first`, each `words` long (so lengths differ), as a JSON Lines file.
  std::string write(const std::string& name, int first, int count, int words) {
    const auto file = dir_ / name;
    std::ofstream out(file);
    for (int i = first; i < first + count; ++i) {
      out << "{\"id\": \"a" << i << "\", \"title\": \"Report " << i << "\", \"body\": \"";
      for (int w = 0; w < words + i % 7; ++w) out << "word" << (w * 31 + i) % 97 << ' ';
      out << "\"}\n";
    }
    return file.string();
  }
  void index(const std::string& file, std::size_t jobs = 2) {
    IndexOptions options;
    options.db_path = db();
    options.inputs = {file};
    options.jobs = jobs;
    run_index_job(options);
  }
  static void expect_matches_xapian(const Xapian::Database& db) {
    const auto table = DocLengthTable::load(db);
    ASSERT_TRUE(table) << "no current table";
    for (Xapian::docid d = 1; d <= db.get_lastdocid(); ++d) {
      Xapian::termcount expected = 0;
      try {
        expected = db.get_doclength(d);
      } catch (const Xapian::DocNotFoundError&) {
      }
      ASSERT_EQ(table->length(d), expected) << "docid " << d;
    }
  }
  fs::path dir_;
};

TEST_F(DocLengthTableTest, ASharedBuildWritesTheWholeTable) {
  index(write("a.jsonl", 0, 40000, 5));  // more than two chunks
  expect_matches_xapian(Xapian::Database(db()));
}

TEST_F(DocLengthTableTest, InPlaceAddsReplacementsAndDeletesKeepItCurrent) {
  index(write("a.jsonl", 0, 500, 10));
  index(write("b.jsonl", 400, 300, 20));  // replaces 100 with longer texts, adds 200
  expect_matches_xapian(Xapian::Database(db()));
  IndexOptions del;
  del.db_path = db();
  del.delete_ids = {"a3", "a450", "a699"};
  run_index_job(del);
  expect_matches_xapian(Xapian::Database(db()));
  compact_index(db());
  expect_matches_xapian(Xapian::Database(db()));
}

TEST_F(DocLengthTableTest, ACommitThatDidNotUpdateItMakesItUnused) {
  index(write("a.jsonl", 0, 100, 10));
  {
    Xapian::WritableDatabase w(db(), Xapian::DB_OPEN);
    Xapian::Document doc;
    doc.add_term("other", 3);
    w.replace_document(5, doc);  // same count, last docid; another length
    w.commit();
  }
  EXPECT_FALSE(DocLengthTable::load(Xapian::Database(db())));
  index(write("b.jsonl", 100, 1, 10));  // the next newsdex commit: current again
  expect_matches_xapian(Xapian::Database(db()));
}

}  // namespace
}  // namespace newsdex
