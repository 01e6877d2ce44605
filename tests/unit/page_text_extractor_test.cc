#include "extract/page_text_extractor.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace newsdex {
namespace {

std::string seed(const std::string& name) {
  std::ifstream in(std::string(NEWSDEX_SOURCE_DIR) + "/corpora/seeds/" + name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(PageTextExtractor, UrduPointDatelineGivesOutletAndDate) {
  const auto a = extract_page_text(seed("000_630ae8c4cc03e3bd.txt"));
  EXPECT_EQ(a.outlet, "UrduPoint News");
  EXPECT_EQ(a.date, "2022-09-08");
  EXPECT_TRUE(a.title.starts_with("NATO condemns the recent cyberattack on Albania")) << a.title;
  EXPECT_NE(a.body.find("Qasem Soleimani"), std::string::npos);
}

TEST(PageTextExtractor, AgencyCreditGivesOutletAndLinkListsAreRemoved) {
  const auto a = extract_page_text(seed("001_19d12a9c50b85ec9.txt"));
  EXPECT_EQ(a.outlet, "AFP");
  EXPECT_EQ(a.date, "");  // the page states none
  EXPECT_EQ(a.body.find("Related:"), std::string::npos);
  EXPECT_EQ(a.body.find("Chinese Balloon"), std::string::npos);
  EXPECT_EQ(a.body.find("Meta Slapped"), std::string::npos);
  EXPECT_NE(a.body.find("Mujahedeen-e-Khalq"), std::string::npos);
}

TEST(PageTextExtractor, JerusalemPostHeaderPublishedLineAndClutter) {
  const auto a = extract_page_text(seed("002_cbca573ac796d28b.txt"));
  EXPECT_EQ(a.outlet, "The Jerusalem Post");
  EXPECT_EQ(a.date, "2022-09-08T16:18:00");
  EXPECT_EQ(a.title, "NATO allies condemn cyberattack on Albania");
  EXPECT_FALSE(a.title_from_text);
  EXPECT_EQ(a.author, "Reuters");
  EXPECT_EQ(a.body.find("photo credit"), std::string::npos);
  EXPECT_EQ(a.body.find("Published:"), std::string::npos);
  EXPECT_EQ(a.body.find("Health & Wellness"), std::string::npos);
  EXPECT_NE(a.body.find("Durres"), std::string::npos);
  // The caption repeated without its credit is gone as well.
  EXPECT_EQ(a.body.find("Iranian flag and cyber code"), std::string::npos);
}

TEST(PageTextExtractor, AHeaderDateThatIsNoDayGivesWayToTheDateline) {
  // Found by page_text_fuzz: "2045-09-45" was taken as the date (and dropped when indexed),
  // though the dateline stated a real one.
  const auto a = extract_page_text(
      "date 2022-09-45 The Daily Planet - Cocoa talks collapse\n"
      "Cocoa talks collapse\n"
      "MOSCOW (UrduPoint News / Sputnik - 08th September, 2022) Talks on a new cocoa pact "
      "collapsed on Thursday, delegates said.\n");
  EXPECT_EQ(a.date, "2022-09-08");
  EXPECT_EQ(a.outlet, "The Daily Planet");
}

TEST(PageTextExtractor, ReutersStyleDateline) {
  const auto a = extract_page_text("WASHINGTON (Reuters) - The Fed held rates steady.\nMore text.");
  EXPECT_EQ(a.outlet, "Reuters");
  EXPECT_EQ(a.title, "The Fed held rates steady.");
  EXPECT_TRUE(a.title_from_text);  // the page had none: the lead sentence stands in
}

TEST(PageTextExtractor, RepeatedParagraphIsKeptOnce) {
  const auto a =
      extract_page_text("First paragraph here.\n\nSame words again.\n\nSame words again.\n");
  EXPECT_EQ(a.body, "First paragraph here.\n\nSame words again.");
}

}  // namespace
}  // namespace newsdex
