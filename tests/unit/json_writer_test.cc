#include "format/json_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

namespace newsdex {
namespace {

TEST(JsonWriter, EscapesControlCharactersQuotesAndBackslashes) {
  std::ostringstream out;
  write_json_string(out, std::string("a\"b\\c\n\t\x01 \xC3\xA9", 11));
  EXPECT_EQ(out.str(), "\"a\\\"b\\\\c\\n\\t\\u0001 \xC3\xA9\"");
}

TEST(JsonWriter, MissingFieldsAreNullAndFacetsAreObjects) {
  SearchResult r;
  r.query = "q";
  r.total = r.total_lower = r.total_upper = 1;
  r.facets.push_back({"outlet", {{"AFP", 2}}});
  SearchHit h;
  h.rank = 1;
  h.id = "x";
  h.score = 1.5;
  h.title = "T";
  h.explanation = {{"albania", 1.5}};
  r.hits.push_back(h);
  std::ostringstream out;
  write_json(out, r, "q7");
  EXPECT_EQ(out.str(),
            "{\"id\":\"q7\",\"query\":\"q\",\"total\":1,\"total_lower\":1,\"total_upper\":1,"
            "\"took_us\":0,\"suggestion\":null,\"syntax_note\":null,\"facets\":{\"outlet\":[{"
            "\"value\":\"AFP\","
            "\"count\":2}]},\"hits\":[{\"rank\":1,\"id\":\"x\",\"score\":1.5,\"title\":\"T\","
            "\"title_from_text\":false,"
            "\"outlet\":null,\"date\":null,\"url\":null,\"language\":null,\"snippet\":\"\","
            "\"story\":null,\"story_size\":1,\"also\":[],\"explanation\":[{"
            "\"term\":\"albania\",\"weight\":1.5}]}]}\n");
}

TEST(JsonWriter, HitsCarryTheirStoryAndItsOtherArticles) {
  SearchResult r;
  SearchHit h;
  h.id = "seed-001";
  h.story = "0e83f54f57fef2ba";
  h.story_size = 3;
  h.also = {{"seed-000", "UrduPoint News", "2022-09-08", "NATO condemns"},
            {"seed-002", "", "", "NATO allies condemn"}};
  r.hits.push_back(h);
  std::ostringstream out;
  write_json(out, r, "");
  EXPECT_NE(out.str().find("\"story\":\"0e83f54f57fef2ba\",\"story_size\":3,\"also\":["
                           "{\"id\":\"seed-000\",\"outlet\":\"UrduPoint News\",\"date\":"
                           "\"2022-09-08\",\"title\":\"NATO condemns\"},{\"id\":\"seed-002\","
                           "\"outlet\":null,\"date\":null,\"title\":\"NATO allies condemn\"}]"),
            std::string::npos)
      << out.str();
}

TEST(JsonWriter, InvalidUtf8AndNonFiniteNumbersStillGiveValidJson) {
  std::ostringstream out;
  write_json_string(out, "cocoa \xc3\x28 \xff");
  EXPECT_EQ(out.str(), "\"cocoa \xEF\xBF\xBD( \xEF\xBF\xBD\"");
  SearchResult r;
  r.query = "\xfe";
  SearchHit h;
  h.score = std::nan("");
  h.explanation = {{"x", INFINITY}};
  r.hits.push_back(h);
  std::ostringstream json;
  write_json(json, r, "");
  EXPECT_NE(json.str().find("\"query\":\"\xEF\xBF\xBD\""), std::string::npos) << json.str();
  EXPECT_NE(json.str().find("\"score\":null"), std::string::npos) << json.str();
  EXPECT_NE(json.str().find("\"weight\":null"), std::string::npos) << json.str();
}

}  // namespace
}  // namespace newsdex
