#include "searcher/spelling_suggester.h"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

Xapian::WritableDatabase vocabulary() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 30; ++i) {
    Xapian::Document doc;
    doc.add_term("albania");
    doc.add_term("attack");
    if (i < 3) doc.add_term("albanian");
    if (i == 0) doc.add_term("attakc");  // a rare misspelling in the index itself
    doc.add_boolean_term("XOalbania news");
    db.add_document(doc);
  }
  return db;
}

TEST(SpellingSuggester, UnknownWordsGetTheClosestFrequentTerm) {
  const auto db = vocabulary();
  SpellingSuggester s(db);
  EXPECT_EQ(s.suggest("albnaia"), "albania");  // transposition
  EXPECT_EQ(s.suggest("albana"), "albania");   // deletion
  EXPECT_EQ(s.suggest("attakc"), "attack");    // rare: a frequent neighbour wins
}

// A wrong first letter, and mistakes past the indexed prefix, are corrected too.
TEST(SpellingSuggester, AnyLetterCanBeWrong) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (int i = 0; i < 30; ++i) {
    Xapian::Document doc;
    doc.add_term("coffee");
    doc.add_term("intervention");
    if (i < 5) doc.add_term("come");
    db.add_document(doc);
  }
  SpellingSuggester s(db);
  EXPECT_EQ(s.suggest("xoffee"), "coffee");
  EXPECT_EQ(s.suggest("offee"), "coffee");
  EXPECT_EQ(s.suggest("cofee"), "coffee");
  EXPECT_EQ(s.suggest("interventoin"), "intervention");  // past the first 7 bytes
  EXPECT_EQ(s.suggest("intrevention"), "intervention");
  EXPECT_EQ(s.suggest("xyzzyx"), "");
  EXPECT_EQ(s.vocabulary_size(), 3u);
}

TEST(SpellingSuggester, KnownOrDistantWordsGetNothing) {
  const auto db = vocabulary();
  SpellingSuggester s(db);
  EXPECT_EQ(s.suggest("albania"), "");
  EXPECT_EQ(s.suggest("zebra"), "");
  EXPECT_EQ(s.suggest("abc"), "");  // short words allow one edit only
  EXPECT_EQ(s.suggest(""), "");
}

}  // namespace
}  // namespace newsdex
