#include "searcher/spelling_suggester.h"

#include "newsdex/word_count_table.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

namespace newsdex {
namespace {

bool always_indexed(const std::string&) {
  return true;
}

std::string suggest(SpellingSuggester& s, const std::string& word) {
  return s.suggest(word, always_indexed);
}

// An archive's word counts, as the indexer writes them.
Xapian::WritableDatabase vocabulary(std::vector<std::pair<std::string, std::uint32_t>> counts) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  WordCountTable::add(db, std::move(counts));
  return db;
}

Xapian::WritableDatabase albania() {
  // "attakc": a rare misspelling in the archive itself.
  return vocabulary({{"albania", 200}, {"attack", 200}, {"albanian", 3}, {"attakc", 1}});
}

TEST(SpellingSuggester, UnknownWordsGetTheClosestFrequentWord) {
  const auto db = albania();
  SpellingSuggester s(db);
  EXPECT_EQ(suggest(s, "albnaia"), "albania");  // transposition
  EXPECT_EQ(suggest(s, "albana"), "albania");   // deletion
  EXPECT_EQ(suggest(s, "attakc"), "attack");    // rare: a 200 times more frequent neighbour wins
}

// A wrong first letter, and mistakes past the indexed prefix, are corrected too.
TEST(SpellingSuggester, AnyLetterCanBeWrong) {
  const auto db = vocabulary({{"coffee", 30}, {"intervention", 30}, {"come", 5}});
  SpellingSuggester s(db);
  EXPECT_EQ(suggest(s, "xoffee"), "coffee");
  EXPECT_EQ(suggest(s, "offee"), "coffee");
  EXPECT_EQ(suggest(s, "cofee"), "coffee");
  EXPECT_EQ(suggest(s, "interventoin"), "intervention");  // past the first 7 bytes
  EXPECT_EQ(suggest(s, "intrevention"), "intervention");
  EXPECT_EQ(suggest(s, "xyzzyx"), "");
  EXPECT_EQ(s.vocabulary_size(), 3u);
}

TEST(SpellingSuggester, KnownOrDistantWordsGetNothing) {
  const auto db = albania();
  SpellingSuggester s(db);
  EXPECT_EQ(suggest(s, "albania"), "");
  EXPECT_EQ(suggest(s, "albanian"), "");  // known, and albania is not 100 times as frequent
  EXPECT_EQ(suggest(s, "zebra"), "");
  EXPECT_EQ(suggest(s, "abc"), "");  // short words allow one edit only
  EXPECT_EQ(suggest(s, ""), "");
}

TEST(SpellingSuggester, NoTableNoSuggestions) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document doc;
  doc.add_term("coffee");
  db.add_document(doc);
  SpellingSuggester s(db);
  EXPECT_EQ(suggest(s, "cofee"), "");
}

class SurfaceWords : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("newsdex-spelling-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(path_);
    Xapian::WritableDatabase db(path_.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    // Stems in the terms, surface words in the word count table, as the indexer writes them:
    // in two commits, the second adding to the first.
    db.add_document(Xapian::Document());
    WordCountTable::add(
        db, {{"coffee", 227}, {"come", 422}, {"москва", 50}, {"мост", 60}, {"bank", 2000}});
    db.commit();
    WordCountTable::add(
        db, {{"banks", 1500}, {"tokyo", 1021}, {"tokio", 1}, {"deleted", 40}, {"bank", 958}});
    db.commit();
  }
  void TearDown() override { std::filesystem::remove_all(path_); }
  std::filesystem::path path_;
};

TEST_F(SurfaceWords, CloserFirstThenMoreFrequent) {
  Xapian::Database db(path_.string());
  SpellingSuggester s(db);
  EXPECT_EQ(suggest(s, "cofee"), "coffee");  // 1 edit; "come" (2 edits) is more frequent
  EXPECT_EQ(suggest(s, "bankk"), "bank");    // bank and banks are 1 edit: the more frequent
  EXPECT_EQ(suggest(s, "tokio"), "tokyo");   // known once, tokyo 1,021 times
  EXPECT_EQ(suggest(s, "tokyo"), "");
  EXPECT_EQ(s.frequency("tokio"), 1u);
  EXPECT_EQ(s.frequency("bank"), 2958u);  // counts of two commits add up
  EXPECT_EQ(s.frequency("tokioo"), 0u);
}

TEST_F(SurfaceWords, EditsCountCharactersNotBytes) {
  Xapian::Database db(path_.string());
  SpellingSuggester s(db);
  EXPECT_EQ(suggest(s, "масква"), "москва");  // one Cyrillic letter (two bytes) replaced
  EXPECT_EQ(suggest(s, "моск"), "мост");  // one letter from мост; москва is 2 letters more
  // A short word with one letter replaced by one of another lead byte (о is D0 BE, ь D1 8C):
  // one edit, though the bytes differ in two places.
  EXPECT_EQ(suggest(s, "мьст"), "мост");
}

TEST_F(SurfaceWords, WordsNoLongerIndexedAreNotSuggested) {
  Xapian::Database db(path_.string());
  SpellingSuggester s(db);
  EXPECT_EQ(suggest(s, "delted"), "deleted");
  EXPECT_EQ(s.suggest("delted", [](const std::string& w) { return w != "deleted"; }), "");
}

}  // namespace
}  // namespace newsdex
