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

TEST(JsonArticle, ExtraStringFieldsAreHandedOver) {
  simdjson::dom::parser parser;
  std::string file;
  article_from_json(R"({"file": "a.txt", "outlet": "X"})", parser,
                    [&](std::string_view k, std::string_view v) {
                      if (k == "file") file = v;
                    });
  EXPECT_EQ(file, "a.txt");
}

}  // namespace
}  // namespace newsdex
