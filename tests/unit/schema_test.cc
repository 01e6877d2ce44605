#include "newsdex/schema.h"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

TEST(Schema, OutletTermsFoldCaseAndSpaces) {
  EXPECT_EQ(schema::outlet_term("The  Jerusalem Post "), "XOthe jerusalem post");
  EXPECT_EQ(schema::outlet_term("AFP"), "XOafp");
}

TEST(Schema, KeywordTermsCarryTheFieldName) {
  EXPECT_EQ(schema::keyword_term("topics", " Cocoa "), "Ktopics:cocoa");
  EXPECT_EQ(schema::keyword_term("places", "el-salvador"), "Kplaces:el-salvador");
}

TEST(Schema, LongIdsStayDistinctAndWithinTheTermLimit) {
  const std::string a(400, 'a');
  const std::string b = std::string(399, 'a') + "b";
  EXPECT_LE(schema::id_term(a).size(), schema::kMaxTermBytes);
  EXPECT_NE(schema::id_term(a), schema::id_term(b));
  EXPECT_EQ(schema::id_term("seed-000"), "Qseed-000");
}

}  // namespace
}  // namespace newsdex
