#include "extract/json_article.h"

#include <gtest/gtest.h>

#include "newsdex/error.h"

namespace newsdex {
namespace {

TEST(JsonArticle, CanonicalFieldsAndAliases) {
  simdjson::dom::parser parser;
  auto a = article_from_json(
      R"({"id": 17, "headline": "H", "maintext": "Body", "source_domain": "example.org",
          "date_publish": "2022-09-08", "authors": ["A", "B"], "lang": "en"})",
      parser);
  EXPECT_EQ(a.id, "17");
  EXPECT_EQ(a.title, "H");
  EXPECT_EQ(a.body, "Body");
  EXPECT_EQ(a.outlet, "example.org");
  EXPECT_EQ(a.date, "2022-09-08");
  EXPECT_EQ(a.author, "A, B");
  EXPECT_EQ(a.language, "en");
}

TEST(JsonArticle, CanonicalNameWinsOverAlias) {
  simdjson::dom::parser parser;
  auto a = article_from_json(R"({"text": "alias", "body": "canonical"})", parser);
  EXPECT_EQ(a.body, "canonical");
  a = article_from_json(R"({"body": "canonical", "text": "alias"})", parser);
  EXPECT_EQ(a.body, "canonical");
}

TEST(JsonArticle, ErrorsSayWhatIsWrong) {
  simdjson::dom::parser parser;
  EXPECT_THROW(article_from_json("{\"id\": ", parser), InputError);
  EXPECT_THROW(article_from_json("[1]", parser), InputError);
  try {
    article_from_json(R"({"title": {"nested": true}})", parser);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "field \"title\": expected a string");
  }
}

TEST(JsonArticle, OtherStringFieldsBecomeKeywordFields) {
  simdjson::dom::parser parser;
  auto a = article_from_json(
      R"({"id": "r1", "Topics": ["cocoa", "grain", 7], "dateline": "SALVADOR, Feb 26",
          "places": [], "score": 3, "nested": {"x": "y"}})",
      parser);
  ASSERT_EQ(a.keywords.size(), 2u);
  EXPECT_EQ(a.keywords[0].name, "topics");
  EXPECT_EQ(a.keywords[0].values, (std::vector<std::string>{"cocoa", "grain"}));
  EXPECT_EQ(a.keywords[1].name, "dateline");
  EXPECT_EQ(a.keywords[1].values, (std::vector<std::string>{"SALVADOR, Feb 26"}));
}

TEST(JsonArticle, MappedNamesWinOverBuiltInOnes) {
  simdjson::dom::parser parser;
  const JsonFieldMap map = {{"body", "story"}, {"outlet", "paper"}};
  auto a =
      article_from_json(R"({"text": "alias", "story": "mapped", "paper": "Daily"})", parser, map);
  EXPECT_EQ(a.body, "mapped");
  EXPECT_EQ(a.outlet, "Daily");
  EXPECT_TRUE(a.keywords.empty());
  EXPECT_TRUE(is_article_field("body"));
  EXPECT_FALSE(is_article_field("story"));
}

}  // namespace
}  // namespace newsdex
