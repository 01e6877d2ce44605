#include "parser/date_filter.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>

#include "newsdex/error.h"

namespace newsdex {
namespace {

// A document dated `d` as the indexer stores it: the date value and its day, month and year
// terms.
void add_dated_document(Xapian::WritableDatabase& db, const std::string& d) {
  Xapian::Document doc;
  doc.add_value(0, d);
  doc.add_boolean_term("D" + d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2));
  doc.add_boolean_term("M" + d.substr(0, 4) + d.substr(5, 2));
  doc.add_boolean_term("Y" + d.substr(0, 4));
  doc.set_data(d);
  db.add_document(doc);
}

// Which of these stored date values the filter accepts, checked against a real database.
std::string accepted(std::string_view expression) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  const std::vector<std::string> dates = {"2022-08-31",          "2022-09-01T00:00:00Z",
                                          "2022-09-08T16:18:00", "2022-09-30T23:59:59Z",
                                          "2022-10-01",          "2023-01-01"};
  for (const auto& d : dates) add_dated_document(db, d);
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
  EXPECT_EQ(accepted("2022-09..2022"), "2022-09-01 2022-09-08 2022-09-30 2022-10-01");
  EXPECT_EQ(accepted("..2022-09-01"), "2022-08-31 2022-09-01");
  EXPECT_EQ(accepted("2022-10-01.."), "2022-10-01 2023-01-01");
}

// Closed ranges are built from year, month and day terms: the same articles as the date
// values say, for ranges aligned to months and years or not, across years and leap days.
TEST(DateFilter, ClosedRangesAsTermsMatchWhatTheValuesSay) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  std::vector<std::string> dates;
  for (int year : {2019, 2020, 2021}) {
    for (int month = 1; month <= 12; ++month) {
      for (int day : {1, 2, 15, 28, 29, 30, 31}) {
        const bool leap = year % 4 == 0;
        const int last = month == 2                                              ? (leap ? 29 : 28)
                         : month == 4 || month == 6 || month == 9 || month == 11 ? 30
                                                                                 : 31;
        if (day > last) continue;  // the indexer stores only real days
        char buf[32];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT12:00:00Z", year, month, day);
        dates.push_back(buf);
      }
    }
  }
  for (const auto& d : dates) add_dated_document(db, d);
  auto ids = [&](const Xapian::Query& q) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    std::vector<Xapian::docid> out;
    const auto mset = enquire.get_mset(0, 10000);
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(*it);
    std::sort(out.begin(), out.end());
    return out;
  };
  for (const auto& [lo, hi] :
       std::vector<std::pair<std::string, std::string>>{{"2020-03-01", "2020-03-31"},
                                                        {"2020-02-15", "2020-03-02"},
                                                        {"2019-12-30", "2021-01-02"},
                                                        {"2020-02-28", "2020-02-29"},
                                                        {"2020", "2020"},
                                                        {"2019-11", "2020-02"},
                                                        {"2020-01-01", "2020-12-31"},
                                                        {"2019-06-30", "2021-06-01"},
                                                        {"2021-12-31", "2021-12-31"}}) {
    const auto by_terms = date_filter_query(lo + ".." + hi, 0);
    EXPECT_EQ(by_terms.get_description().find("VALUE_RANGE"), std::string::npos) << lo;
    const Xapian::Query by_values(Xapian::Query::OP_VALUE_RANGE, 0, lo, hi + "\xff");
    const auto expected = ids(by_values);
    EXPECT_FALSE(expected.empty()) << lo << ".." << hi;
    EXPECT_EQ(ids(by_terms), expected) << lo << ".." << hi;
  }
  // A month is one term; a range of centuries stays a value range.
  EXPECT_EQ(date_filter_query("2020-03-01..2020-03-31", 0).get_description(), "Query(M202003)");
  EXPECT_NE(date_filter_query("1000..2999", 0).get_description().find("VALUE_RANGE"),
            std::string::npos);
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
