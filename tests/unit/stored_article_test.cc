#include "newsdex/stored_article.h"

#include <gtest/gtest.h>

#include "newsdex/error.h"

namespace newsdex {
namespace {

TEST(StoredArticle, RoundTripsEveryField) {
  Article a;
  a.id = "seed-000";
  a.url = "https://example.org/a";
  a.title = "NATO condemns";
  a.outlet = "UrduPoint News";
  a.date = "2022-09-08";
  a.author = "Staff";
  a.language = "en";
  a.body = std::string(300, 'x') + std::string("\n\0 binary-safe", 14);
  a.keywords = {{"topics", {"cocoa", "grain"}}, {"places", {}}};
  const Article b = decode_stored_article(encode_stored_article(a));
  EXPECT_EQ(b.id, a.id);
  EXPECT_EQ(b.url, a.url);
  EXPECT_EQ(b.title, a.title);
  EXPECT_EQ(b.outlet, a.outlet);
  EXPECT_EQ(b.date, a.date);
  EXPECT_EQ(b.author, a.author);
  EXPECT_EQ(b.language, a.language);
  EXPECT_EQ(b.body, a.body);
  ASSERT_EQ(b.keywords.size(), 2u);
  EXPECT_EQ(b.keywords[0].name, "topics");
  EXPECT_EQ(b.keywords[0].values, (std::vector<std::string>{"cocoa", "grain"}));
  EXPECT_EQ(b.keywords[1].name, "places");
  EXPECT_TRUE(b.keywords[1].values.empty());
}

// A made-up title is flagged; an article without flags keeps the bytes it always had (the
// content hash covers them: re-indexing must not see every article as changed).
TEST(StoredArticle, TitleFromTextFlagRoundTripsAndLeavesOtherRecordsAlone) {
  Article a;
  a.id = "p1";
  a.title = "Storm hits the coast";
  a.body = "Storm hits the coast. More text.";
  const std::string plain = encode_stored_article(a);
  EXPECT_EQ(plain[0], '\x01');
  EXPECT_FALSE(decode_stored_article(plain).title_from_text);
  a.title_from_text = true;
  const std::string flagged = encode_stored_article(a);
  EXPECT_NE(flagged, plain);
  EXPECT_TRUE(decode_stored_article(flagged).title_from_text);
  const StoredRecord record = decode_stored_record(encode_stored_record(flagged, WordMap{}));
  EXPECT_TRUE(record.article.title_from_text);
  EXPECT_EQ(record.article.body, a.body);
  EXPECT_FALSE(
      decode_stored_record(encode_stored_record(plain, WordMap{})).article.title_from_text);
}

TEST(StoredArticle, CorruptRecordsThrowDatabaseError) {
  EXPECT_THROW(decode_stored_article(""), DatabaseError);
  EXPECT_THROW(decode_stored_article("\x07garbage"), DatabaseError);
  Article a;
  a.id = "x";
  a.body = "some body text";
  auto record = encode_stored_article(a);
  record.resize(record.size() - 3);
  EXPECT_THROW(decode_stored_article(record), DatabaseError);
}

}  // namespace
}  // namespace newsdex
