// libFuzzer target: the date parser (common/date_parser) on any text, under each numeric
// order, whole (parse_date) and searched (find_date). A date it gives is a real calendar day
// with a time in range, and its ISO form parses back to itself.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_checks.h"
#include "newsdex/date_parser.h"

namespace {

void check_date(const newsdex::ParsedDate& d) {
  using newsdex::fuzz::check;
  check(d.month >= 1 && d.month <= 12, "month out of range");
  check(d.day >= 1 && d.day <= newsdex::days_in_month(d.year, d.month), "day out of range");
  check(d.hour >= -1 && d.hour <= 23, "hour out of range");
  check(d.minute >= 0 && d.minute <= 59 && d.second >= 0 && d.second <= 60,
        "minute or second out of range");
  const std::string iso = d.iso();
  const auto again = newsdex::parse_date(iso);
  check(again.has_value(), "an ISO date it wrote does not parse");
  check(again->iso() == iso, "an ISO date does not parse back to itself");
  check(d.compact_day().size() == 8, "the compact day is not YYYYMMDD");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto order : {newsdex::NumericDateOrder::kNone, newsdex::NumericDateOrder::kDayMonth,
                           newsdex::NumericDateOrder::kMonthDay}) {
    if (const auto d = newsdex::parse_date(text, order)) check_date(*d);
    if (const auto d = newsdex::find_date(text, order)) check_date(*d);
  }
  return 0;
}
