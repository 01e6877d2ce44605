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
  std::string zone;  // "Z", "+02:00", or empty when not stated

  // ISO 8601: `2022-09-08`, or `2022-09-08T16:18:00` plus the zone when one was stated.
  std::string iso() const;
  // The date alone as YYYYMMDD, the form date filter terms use.
  std::string compact_day() const;
};

// How to read all-numeric dates such as 8/9/2022, which are ambiguous: not at all (the default),
// day first (8 September) or month first (August 9).
enum class NumericDateOrder { kNone, kDayMonth, kMonthDay };

// Parses a whole string that is a date in one of the common English forms:
// `2022-09-08`, `2022-09-08T16:18:00Z`, `8 September 2022`, `September 8, 2022`,
// `08th September, 2022`, `Sep. 8, 2022`, `Thursday, September 8, 2022`, `26-FEB-1987`,
// `8/9/2022` and `8.9.2022` with a numeric order, optionally followed by a time `16:18[:SS]`
// and a zone. Returns nothing for anything else.
std::optional<ParsedDate> parse_date(std::string_view text,
                                     NumericDateOrder order = NumericDateOrder::kNone);

// Finds the first date anywhere in `text` (for datelines and header lines).
std::optional<ParsedDate> find_date(std::string_view text,
                                    NumericDateOrder order = NumericDateOrder::kNone);

}  // namespace newsdex
