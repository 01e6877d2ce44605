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
