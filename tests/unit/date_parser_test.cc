#include "newsdex/date_parser.h"

#include <gtest/gtest.h>

namespace newsdex {
namespace {

std::string iso(std::string_view text) {
  auto d = parse_date(text);
  return d ? d->iso() : "none";
}

TEST(DateParser, CommonEnglishForms) {
  EXPECT_EQ(iso("2022-09-08"), "2022-09-08");
  EXPECT_EQ(iso("8 September 2022"), "2022-09-08");
  EXPECT_EQ(iso("September 8, 2022"), "2022-09-08");
  EXPECT_EQ(iso("08th September, 2022"), "2022-09-08");
  EXPECT_EQ(iso("Sep. 8, 2022"), "2022-09-08");
  EXPECT_EQ(iso("Thursday, September 8, 2022"), "2022-09-08");
  EXPECT_EQ(iso("26-FEB-1987"), "1987-02-26");
  EXPECT_EQ(iso("1st March 2021"), "2021-03-01");
}

TEST(DateParser, TimesAndZones) {
  EXPECT_EQ(iso("SEPTEMBER 8, 2022 16:18"), "2022-09-08T16:18:00");
  EXPECT_EQ(iso("1987-02-26T15:01:01Z"), "1987-02-26T15:01:01Z");
  EXPECT_EQ(iso("2022-09-08T16:18:00+02:00"), "2022-09-08T14:18:00Z");  // stored in UTC
  EXPECT_EQ(iso("2022-09-08T16:18:00.123+0000"), "2022-09-08T16:18:00Z");
  EXPECT_EQ(iso("2022-09-08 16:18"), "2022-09-08T16:18:00");
  EXPECT_EQ(iso("September 8, 2022 4:18 pm GMT"), "2022-09-08T16:18:00Z");
}

// One instant, one form: an offset or a zone name is applied, so dates sort and filter as the
// moments they are, across days, months, years and February 29.
TEST(DateParser, SecondsPastSixtyAreNotASecond) {
  // Found by date_parser_fuzz: the ISO form took "80" as the second (16:12:80).
  const auto d = find_date(" 2022-09-08T16:12:8000:+00");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->second, 0);
  EXPECT_EQ(d->iso(), "2022-09-08T16:12:00");
  EXPECT_EQ(parse_date("2022-09-08T16:12:60Z")->second, 60);  // a leap second
  EXPECT_EQ(parse_date("2022-09-08T16:12:59")->iso(), "2022-09-08T16:12:59");
}

TEST(DateParser, TimesWithAZoneAreStoredInUtc) {
  EXPECT_EQ(iso("2022-09-08T01:30:00+05:30"), "2022-09-07T20:00:00Z");
  EXPECT_EQ(iso("2022-12-31T22:00:00-03:00"), "2023-01-01T01:00:00Z");
  EXPECT_EQ(iso("2024-03-01T00:15:00+01:00"), "2024-02-29T23:15:00Z");
  EXPECT_EQ(iso("2023-03-01T00:15:00+01:00"), "2023-02-28T23:15:00Z");
  EXPECT_EQ(iso("2024-02-28T23:00:00-02:00"), "2024-02-29T01:00:00Z");
  EXPECT_EQ(iso("September 8, 2022 10:18 am EDT"), "2022-09-08T14:18:00Z");
  EXPECT_EQ(iso("8 September 2022 16:18 CEST"), "2022-09-08T14:18:00Z");
  EXPECT_EQ(iso("2022-09-08 16:18 PST"), "2022-09-09T00:18:00Z");
  EXPECT_EQ(parse_date("2022-09-08T01:30:00+05:30")->compact_day(), "20220907");
  // No zone stated: kept as written (the source did not say which); date-only stays a date.
  EXPECT_EQ(iso("2022-09-08T16:18:00"), "2022-09-08T16:18:00");
  EXPECT_EQ(iso("2022-09-08"), "2022-09-08");
  // At the end of the calendar the offset cannot be applied: kept as written.
  EXPECT_EQ(iso("0001-01-01T00:30:00+01:00"), "0001-01-01T00:30:00+01:00");
  EXPECT_EQ(find_date("Published 2022-09-08T16:18:00-04:00 by AP")->iso(), "2022-09-08T20:18:00Z");
}

TEST(DateParser, NumericDatesNeedAConfiguredOrder) {
  EXPECT_EQ(iso("8/9/2022"), "none");
  auto dmy = parse_date("8/9/2022", NumericDateOrder::kDayMonth);
  ASSERT_TRUE(dmy);
  EXPECT_EQ(dmy->iso(), "2022-09-08");
  auto mdy = parse_date("8/9/2022 16:18", NumericDateOrder::kMonthDay);
  ASSERT_TRUE(mdy);
  EXPECT_EQ(mdy->iso(), "2022-08-09T16:18:00");
  EXPECT_EQ(parse_date("08.09.2022", NumericDateOrder::kDayMonth)->iso(), "2022-09-08");
  EXPECT_FALSE(parse_date("13/13/2022", NumericDateOrder::kDayMonth));
  EXPECT_FALSE(parse_date("31/2/2022", NumericDateOrder::kDayMonth));
}

TEST(DateParser, RejectsNonDates) {
  EXPECT_EQ(iso("next week"), "none");
  EXPECT_EQ(iso("2022-13-01"), "none");
  EXPECT_EQ(iso("February 30, 2022"), "none");
  EXPECT_EQ(iso("2023-02-29"), "none");
  EXPECT_EQ(iso(""), "none");
  EXPECT_EQ(iso("September 8, 2022 and more words"), "none");
  EXPECT_EQ(iso("2024-02-29"), "2024-02-29");
}

// ISO dates say they are dates: any year they can write. Words and numbers in prose keep the
// plausible range, so "May 1, 4000 workers" is no date.
TEST(DateParser, IsoDatesTakeEveryYearProseOnlyPlausibleOnes) {
  EXPECT_EQ(iso("9999-12-31"), "9999-12-31");
  EXPECT_EQ(iso("0001-01-01"), "0001-01-01");
  EXPECT_EQ(iso("0000-01-01"), "none");
  EXPECT_EQ(iso("9999-02-29"), "none");
  EXPECT_EQ(iso("December 31, 9999"), "none");
  EXPECT_FALSE(find_date("On May 1, 4000 workers struck"));
}

TEST(DateParser, FindsDatesInsideLines) {
  auto d = find_date("MOSCOW (UrduPoint News / Sputnik - 08th September, 2022) NATO");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->iso(), "2022-09-08");
  d = find_date("Published: SEPTEMBER 8, 2022 16:18");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->iso(), "2022-09-08T16:18:00");
  EXPECT_EQ(d->compact_day(), "20220908");
  EXPECT_FALSE(find_date("no date here, 2022 only"));
}

}  // namespace
}  // namespace newsdex
