#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace newsdex {

// A calendar date (and time, when stated) found in text.
struct ParsedDate {
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = -1;  // -1: no time stated
  int minute = 0;
  int second = 0;
  // "Z" when a zone or UTC offset was stated (parse_date and find_date then give the time in
  // UTC), empty when none was: such a time is kept as written.
  std::string zone;

  // ISO 8601: `2022-09-08`, `2022-09-08T14:18:00Z`, or `2022-09-08T16:18:00` (no zone stated).
  std::string iso() const;
  // The date alone as YYYYMMDD, the form date filter terms use.
  std::string compact_day() const;
};

// Days in a month of the proleptic Gregorian calendar (February 29 only in leap years).
int days_in_month(int year, int month);

// How to read all-numeric dates such as 8/9/2022, which are ambiguous: not at all (the default),
// day first (8 September) or month first (August 9).
enum class NumericDateOrder { kNone, kDayMonth, kMonthDay };

// Parses a whole string that is a date in one of the common English forms:
// `2022-09-08`, `2022-09-08T16:18:00Z`, `8 September 2022`, `September 8, 2022`,
// `08th September, 2022`, `Sep. 8, 2022`, `Thursday, September 8, 2022`, `26-FEB-1987`,
// `8/9/2022` and `8.9.2022` with a numeric order, optionally followed by a time `16:18[:SS]`
// and a zone (Z, ±HH:MM, UTC, GMT, or a North American or European abbreviation such as EDT,
// CEST). A time with a zone is converted to UTC, so one instant has one form that sorts and
// filters (by its UTC day) as an instant. Returns nothing for anything else.
std::optional<ParsedDate> parse_date(std::string_view text,
                                     NumericDateOrder order = NumericDateOrder::kNone);

// Finds the first date anywhere in `text` (for datelines and header lines).
std::optional<ParsedDate> find_date(std::string_view text,
                                    NumericDateOrder order = NumericDateOrder::kNone);

}  // namespace newsdex
