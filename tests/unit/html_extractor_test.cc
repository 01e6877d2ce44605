// HTML extraction cases found by tests/fuzz/html_fuzz.cc, each a regression test.
#include "extract/html_extractor.h"

#include <gtest/gtest.h>

#include "newsdex/utf8.h"

namespace newsdex {
namespace {

TEST(HtmlExtractor, ALangAttributeThatIsNotALanguageCodeIsIgnored) {
  // Found by html_fuzz: lang="e" + U+FFFD was cut to its first two bytes, half a character.
  const Article article = extract_html(
      "<html lang=\"e\xEF\xBF\xBD\"><head><title>Cocoa talks</title></head>"
      "<body><p>Talks on a new cocoa pact collapsed.</p></body></html>");
  EXPECT_TRUE(is_valid_utf8(article.language));
  EXPECT_EQ(article.language, "");
  EXPECT_EQ(article.title, "Cocoa talks");
}

TEST(HtmlExtractor, ALangAttributeGivesItsPrimaryLanguage) {
  EXPECT_EQ(
      extract_html("<html lang=\"en-GB\"><body><p>Talks collapsed.</p></body></html>").language,
      "en");
  EXPECT_EQ(extract_html("<html lang=\"FR\"><body><p>Grèves.</p></body></html>").language, "fr");
}

}  // namespace
}  // namespace newsdex
