#include "parser/date_filter.h"

#include <string>

#include "newsdex/error.h"
#include "newsdex/schema.h"

namespace newsdex {
namespace {

// Sorts after every ISO 8601 string that starts with the same date, whatever time follows.
constexpr std::string_view kEndOfSpan = "\xff";

[[noreturn]] void malformed(std::string_view expression, std::size_t position) {
  throw QuerySyntaxError("bad date '" + std::string(expression) +
                             "': use YYYY, YYYY-MM or YYYY-MM-DD, a range A..B, or >=A, >A, "
                             "<=A, <A",
                         position);
}

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

// Validates a YYYY, YYYY-MM or YYYY-MM-DD date; returns its precision (1, 2 or 3 parts).
int check_date(std::string_view d, std::string_view expression, std::size_t position) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d.size() != 4 && d.size() != 7 && d.size() != 10) malformed(expression, position);
  if (!digits(d.substr(0, 4))) malformed(expression, position);
  if (d.size() == 4) return 1;
  if (d[4] != '-' || !digits(d.substr(5, 2))) malformed(expression, position);
  const int month = std::stoi(std::string(d.substr(5, 2)));
  if (month < 1 || month > 12) malformed(expression, position);
  if (d.size() == 7) return 2;
  if (d[7] != '-' || !digits(d.substr(8, 2))) malformed(expression, position);
  const int day = std::stoi(std::string(d.substr(8, 2)));
  if (day < 1 || day > kDays[month - 1]) malformed(expression, position);
  const int year = std::stoi(std::string(d.substr(0, 4)));
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29 && !leap)
    throw QuerySyntaxError("bad date '" + std::string(expression) +
                               "': " + std::string(d.substr(0, 4)) + " is not a leap year",
                           position);
  return 3;
}

Xapian::Query exact(std::string_view d, int precision) {
  std::string compact;
  for (char c : d)
    if (c != '-') compact.push_back(c);
  const auto prefix = precision == 1   ? schema::kYearPrefix
                      : precision == 2 ? schema::kMonthPrefix
                                       : schema::kDayPrefix;
  return Xapian::Query(std::string(prefix) + compact);
}

std::string end_of(std::string_view d) {
  return std::string(d) + std::string(kEndOfSpan);
}

}  // namespace

Xapian::Query date_filter_query(std::string_view e, std::size_t position) {
  const auto slot = schema::kDateSlot;
  if (e.empty()) malformed(e, position);
  if (const auto dots = e.find(".."); dots != std::string_view::npos) {
    const auto lo = e.substr(0, dots);
    const auto hi = e.substr(dots + 2);
    if (lo.empty() && hi.empty()) malformed(e, position);
    if (!lo.empty()) check_date(lo, e, position);
    if (!hi.empty()) check_date(hi, e, position);
    if (lo.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, end_of(hi));
    if (hi.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, std::string(lo));
    if (hi < lo) throw QuerySyntaxError("date range ends before it starts", position);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, std::string(lo), end_of(hi));
  }
  if (e.starts_with(">=") || e.starts_with("<=")) {
    const auto d = e.substr(2);
    check_date(d, e, position);
    return e[0] == '>' ? Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, std::string(d))
                       : Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, end_of(d));
  }
  if (e.starts_with(">") || e.starts_with("<")) {
    const auto d = e.substr(1);
    check_date(d, e, position);
    if (e[0] == '>') return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, end_of(d));
    // Before the span of d: at most d, minus everything that starts with d.
    return Xapian::Query(
        Xapian::Query::OP_AND_NOT, Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, std::string(d)),
        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, std::string(d), end_of(d)));
  }
  return exact(e, check_date(e, e, position));
}

}  // namespace newsdex
