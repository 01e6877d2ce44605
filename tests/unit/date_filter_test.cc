#include "parser/date_filter.h"

#include <gtest/gtest.h>

#include "newsdex/error.h"

namespace newsdex {
namespace {

// Which of these stored date values the filter accepts, checked against a real database.
std::string accepted(std::string_view expression) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const std::vector<std::string> dates = {"2022-08-31",          "2022-09-01T00:00:00Z",
                                          "2022-09-08T16:18:00", "2022-09-30T23:59:59Z",
                                          "2022-10-01",          "2023-01-01"};
  for (const auto& d : dates) {
    Xapian::Document doc;
    doc.add_value(0, d);
    doc.add_boolean_term("D" + d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2));
    doc.add_boolean_term("M" + d.substr(0, 4) + d.substr(5, 2));
    doc.add_boolean_term("Y" + d.substr(0, 4));
    doc.set_data(d);
    db.add_document(doc);
  }
  Xapian::Enquire enquire(db);
  enquire.set_query(date_filter_query(expression, 0));
  enquire.set_docid_order(Xapian::Enquire::ASCENDING);
  std::string out;
  const auto mset = enquire.get_mset(0, 100);
  for (auto it = mset.begin(); it != mset.end(); ++it)
    out += (out.empty() ? "" : " ") + it.get_document().get_data().substr(0, 10);
  return out;
}

TEST(DateFilter, ExactYearMonthDay) {
  EXPECT_EQ(accepted("2022-09"), "2022-09-01 2022-09-08 2022-09-30");
  EXPECT_EQ(accepted("2022-09-08"), "2022-09-08");
  EXPECT_EQ(accepted("2023"), "2023-01-01");
}

TEST(DateFilter, RangesIncludeWholeEndDays) {
  EXPECT_EQ(accepted("2022-09-01..2022-09-30"), "2022-09-01 2022-09-08 2022-09-30");
  EXPECT_EQ(accepted("2022-09..2022-10"), "2022-09-01 2022-09-08 2022-09-30 2022-10-01");
  EXPECT_EQ(accepted("..2022-09-01"), "2022-08-31 2022-09-01");
  EXPECT_EQ(accepted("2022-10-01.."), "2022-10-01 2023-01-01");
}

TEST(DateFilter, Comparisons) {
  EXPECT_EQ(accepted(">=2022-09-30"), "2022-09-30 2022-10-01 2023-01-01");
  EXPECT_EQ(accepted(">2022-09-30"), "2022-10-01 2023-01-01");
  EXPECT_EQ(accepted("<=2022-09-01"), "2022-08-31 2022-09-01");
  EXPECT_EQ(accepted("<2022-09-01"), "2022-08-31");
  EXPECT_EQ(accepted("<2022-09"), "2022-08-31");
}

TEST(DateFilter, FebruaryTheTwentyNinthOnlyInLeapYears) {
  EXPECT_NO_THROW(date_filter_query("2024-02-29", 0));
  EXPECT_NO_THROW(date_filter_query("2000-02-29", 0));
  EXPECT_THROW(date_filter_query("2100-02-29", 0), QuerySyntaxError);
}

TEST(DateFilter, MalformedDatesAreSyntaxErrors) {
  for (const char* bad :
       {"", "2022-13", "2022-02-30", "22-09-08", "yesterday", "..", "2022-9-8",
        "2022-10-01..2022-09-01", ">=", "2022*", "2023-02-29", "1900-02-29..2000-01-01"}) {
    EXPECT_THROW(date_filter_query(bad, 5), QuerySyntaxError) << bad;
  }
}

}  // namespace
}  // namespace newsdex
