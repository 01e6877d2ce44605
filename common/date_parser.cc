#include "newsdex/date_parser.h"

#include <array>
#include <cctype>
#include <cstdio>
#include <utility>
#include <vector>

namespace newsdex {
namespace {

struct DateToken {
  enum Kind { kNumber, kWord, kPunct } kind;
  std::string_view text;
  std::size_t begin;
  std::size_t end;
};

std::vector<DateToken> tokenize(std::string_view s) {
  std::vector<DateToken> out;
  std::size_t i = 0;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  while (i < s.size()) {
    const char c = s[i];
    std::size_t j = i + 1;
    DateToken::Kind kind = DateToken::kPunct;
    if (is_digit(c)) {
      kind = DateToken::kNumber;
      while (j < s.size() && is_digit(s[j])) ++j;
    } else if (is_alpha(c)) {
      kind = DateToken::kWord;
      while (j < s.size() && is_alpha(s[j])) ++j;
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      i = j;
      continue;
    }
    out.push_back({kind, s.substr(i, j - i), i, j});
    i = j;
  }
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

int month_from_name(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  for (std::size_t m = 0; m < kNames.size(); ++m) {
    if (iequals(word, kNames[m])) return static_cast<int>(m) + 1;
    if (word.size() == 3 && iequals(word, kNames[m].substr(0, 3))) return static_cast<int>(m) + 1;
    if (word.size() == 4 && m == 8 && iequals(word, "sept")) return 9;
  }
  return 0;
}

bool is_weekday(std::string_view word) {
  static constexpr std::array<std::string_view, 7> kDays = {
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  for (auto d : kDays) {
    if (iequals(word, d) || (word.size() == 3 && iequals(word, d.substr(0, 3)))) return true;
  }
  return false;
}

int to_int(std::string_view digits) {
  int v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  return v;
}

// Years a date written in words or digits may have. Prose is full of four-digit numbers ("on
// May 1, 4000 workers struck"), so those forms only take plausible years; an ISO 8601 date says
// it is a date, so any year it can write (0001-9999) is taken.
constexpr int kFirstProseYear = 1000;
constexpr int kLastProseYear = 2999;

bool valid_calendar_day(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= days_in_month(year, month);
}

bool valid_day(int year, int month, int day) {
  return year >= kFirstProseYear && year <= kLastProseYear && valid_calendar_day(year, month, day);
}

// A cursor over the tokens with the small matching steps the date forms are made of.
class Matcher {
 public:
  Matcher(const std::vector<DateToken>& t, std::size_t i) : t_(t), i_(i) {}
  std::size_t pos() const { return i_; }
  bool done() const { return i_ >= t_.size(); }
  const DateToken* peek() const { return done() ? nullptr : &t_[i_]; }

  bool punct(char c) {
    if (!done() && t_[i_].kind == DateToken::kPunct && t_[i_].text[0] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  std::optional<int> number(std::size_t min_digits, std::size_t max_digits) {
    if (done() || t_[i_].kind != DateToken::kNumber) return std::nullopt;
    const auto n = t_[i_].text.size();
    if (n < min_digits || n > max_digits) return std::nullopt;
    return to_int(t_[i_++].text);
  }
  int month_name() {
    if (done() || t_[i_].kind != DateToken::kWord) return 0;
    const int m = month_from_name(t_[i_].text);
    if (m) {
      ++i_;
      punct('.');  // "Sep. 8"
    }
    return m;
  }
  // "8th", "1st": an ordinal suffix glued to the preceding number.
  void ordinal_suffix() {
    if (done() || i_ == 0 || t_[i_].kind != DateToken::kWord) return;
    const auto w = t_[i_].text;
    if (t_[i_].begin == t_[i_ - 1].end &&
        (iequals(w, "st") || iequals(w, "nd") || iequals(w, "rd") || iequals(w, "th")))
      ++i_;
  }
  void weekday() {
    if (!done() && t_[i_].kind == DateToken::kWord && is_weekday(t_[i_].text)) {
      ++i_;
      punct(',');
    }
  }
  void restore(std::size_t i) { i_ = i; }

 private:
  const std::vector<DateToken>& t_;
  std::size_t i_;
};

// Zone abbreviations news pages print after a time, as UTC offsets, read as North American and
// European outlets mean them (BST British Summer Time, CDT US Central Daylight). "IST" (India,
// Israel, Ireland) and "CST" (US Central or China) are too ambiguous to take.
std::optional<std::string> named_zone_offset(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 14> kZones = {{
      {"UTC", "Z"},
      {"GMT", "Z"},
      {"Z", "Z"},
      {"EST", "-05:00"},
      {"EDT", "-04:00"},
      {"CDT", "-05:00"},
      {"MST", "-07:00"},
      {"MDT", "-06:00"},
      {"PST", "-08:00"},
      {"PDT", "-07:00"},
      {"BST", "+01:00"},
      {"CET", "+01:00"},
      {"CEST", "+02:00"},
      {"MSK", "+03:00"},
  }};
  for (const auto& [abbreviation, offset] : kZones)
    if (iequals(name, abbreviation)) return std::string(offset);
  return std::nullopt;
}

// Optional "16:18[:05] [am|pm] [UTC|GMT|Z|EST|...]" after a date.
void match_time(Matcher& m, ParsedDate& d) {
  const auto start = m.pos();
  m.punct(',');
  if (const auto* tok = m.peek();
      tok && tok->kind == DateToken::kWord && (iequals(tok->text, "at") || iequals(tok->text, "T")))
    m.restore(m.pos() + 1);
  auto hour = m.number(1, 2);
  if (!hour || !m.punct(':')) return m.restore(start);
  auto minute = m.number(2, 2);
  if (!minute || *hour > 23 || *minute > 59) return m.restore(start);
  int second = 0;
  const auto before_seconds = m.pos();
  if (m.punct(':')) {
    auto s = m.number(2, 2);
    if (s && *s <= 60) {
      second = *s;
    } else {
      m.restore(before_seconds);
    }
  }
  if (const auto* tok = m.peek(); tok && tok->kind == DateToken::kWord) {
    if (iequals(tok->text, "pm") && *hour < 12)
      *hour += 12, m.restore(m.pos() + 1);
    else if (iequals(tok->text, "am")) {
      if (*hour == 12) *hour = 0;
      m.restore(m.pos() + 1);
    }
  }
  d.hour = *hour;
  d.minute = *minute;
  d.second = second;
  if (const auto* tok = m.peek(); tok && tok->kind == DateToken::kWord) {
    if (const auto zone = named_zone_offset(tok->text)) {
      d.zone = *zone;
      m.restore(m.pos() + 1);
    }
  }
}

// D/M/YYYY or M/D/YYYY (also with '.' or '-'), only when the order is configured.
std::optional<ParsedDate> match_numeric_at(const std::vector<DateToken>& toks, std::size_t i,
                                           NumericDateOrder order, std::size_t& end_token) {
  if (order == NumericDateOrder::kNone) return std::nullopt;
  Matcher m(toks, i);
  const auto first = m.number(1, 2);
  if (!first) return std::nullopt;
  const DateToken* sep = m.peek();
  if (!sep || sep->kind != DateToken::kPunct ||
      (sep->text[0] != '/' && sep->text[0] != '.' && sep->text[0] != '-'))
    return std::nullopt;
  const char separator = sep->text[0];
  m.punct(separator);
  const auto second = m.number(1, 2);
  if (!second || !m.punct(separator)) return std::nullopt;
  const auto year = m.number(4, 4);
  if (!year) return std::nullopt;
  ParsedDate d;
  d.year = *year;
  d.day = order == NumericDateOrder::kDayMonth ? *first : *second;
  d.month = order == NumericDateOrder::kDayMonth ? *second : *first;
  if (!valid_day(d.year, d.month, d.day)) return std::nullopt;
  match_time(m, d);
  end_token = m.pos();
  return d;
}

// Tries the textual forms at token i; ISO dates are handled at character level elsewhere.
std::optional<ParsedDate> match_words_at(const std::vector<DateToken>& toks, std::size_t i,
                                         std::size_t& end_token) {
  ParsedDate d;
  {  // [Weekday,] Month[.] D[th][,] YYYY
    Matcher m(toks, i);
    m.weekday();
    if (int month = m.month_name()) {
      if (auto day = m.number(1, 2)) {
        m.ordinal_suffix();
        m.punct(',');
        if (auto year = m.number(4, 4); year && valid_day(*year, month, *day)) {
          d.year = *year, d.month = month, d.day = *day;
          match_time(m, d);
          end_token = m.pos();
          return d;
        }
      }
    }
  }
  {  // D[th] Month[,] YYYY  and  DD-MON-YYYY
    Matcher m(toks, i);
    m.weekday();
    if (auto day = m.number(1, 2)) {
      m.ordinal_suffix();
      const bool dashed = m.punct('-');
      if (int month = m.month_name()) {
        if (dashed && !m.punct('-')) return std::nullopt;
        m.punct(',');
        if (auto year = m.number(4, 4); year && valid_day(*year, month, *day)) {
          d.year = *year, d.month = month, d.day = *day;
          match_time(m, d);
          end_token = m.pos();
          return d;
        }
      }
    }
  }
  return std::nullopt;
}

bool digits_at(std::string_view s, std::size_t p, std::size_t n) {
  if (p + n > s.size()) return false;
  for (std::size_t k = 0; k < n; ++k)
    if (s[p + k] < '0' || s[p + k] > '9') return false;
  return true;
}

// YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH:MM|±HHMM]; returns the end offset.
std::optional<ParsedDate> match_iso_at(std::string_view s, std::size_t p, std::size_t& end) {
  if (!digits_at(s, p, 4) || p + 10 > s.size() || s[p + 4] != '-' || !digits_at(s, p + 5, 2) ||
      s[p + 7] != '-' || !digits_at(s, p + 8, 2))
    return std::nullopt;
  if (p > 0 && s[p - 1] >= '0' && s[p - 1] <= '9') return std::nullopt;
  ParsedDate d;
  d.year = to_int(s.substr(p, 4));
  d.month = to_int(s.substr(p + 5, 2));
  d.day = to_int(s.substr(p + 8, 2));
  if (!valid_calendar_day(d.year, d.month, d.day)) return std::nullopt;
  std::size_t q = p + 10;
  if (q < s.size() && (s[q] == 'T' || s[q] == ' ') && digits_at(s, q + 1, 2) && q + 3 < s.size() &&
      s[q + 3] == ':' && digits_at(s, q + 4, 2)) {
    const int hour = to_int(s.substr(q + 1, 2));
    const int minute = to_int(s.substr(q + 4, 2));
    if (hour <= 23 && minute <= 59) {
      d.hour = hour;
      d.minute = minute;
      q += 6;
      // Seconds up to 60 (a leap second), as the other forms read them; "16:12:80" is a time
      // of 16:12 followed by something else (found by tests/fuzz/date_parser_fuzz.cc).
      if (q < s.size() && s[q] == ':' && digits_at(s, q + 1, 2) &&
          to_int(s.substr(q + 1, 2)) <= 60) {
        d.second = to_int(s.substr(q + 1, 2));
        q += 3;
        if (q < s.size() && s[q] == '.') {
          ++q;
          while (q < s.size() && s[q] >= '0' && s[q] <= '9') ++q;
        }
      }
      if (q < s.size() && s[q] == 'Z') {
        d.zone = "Z";
        ++q;
      } else if (q < s.size() && (s[q] == '+' || s[q] == '-') && digits_at(s, q + 1, 2)) {
        std::size_t r = q + 3;
        if (r < s.size() && s[r] == ':') ++r;
        if (digits_at(s, r, 2)) {
          const auto hh = s.substr(q + 1, 2);
          const auto mm = s.substr(r, 2);
          d.zone = hh == "00" && mm == "00"
                       ? "Z"
                       : std::string(1, s[q]) + std::string(hh) + ":" + std::string(mm);
          q = r + 2;
        }
      }
    }
  }
  end = q;
  return d;
}

bool only_trailing_noise(std::string_view s, std::size_t from) {
  for (std::size_t k = from; k < s.size(); ++k) {
    const char c = s[k];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '.' && c != ',') return false;
  }
  return true;
}

std::size_t skip_space(std::string_view s) {
  std::size_t p = 0;
  while (p < s.size() && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r')) ++p;
  return p;
}

// Days since 1970-01-01 of a proleptic Gregorian date, and back (Howard Hinnant's algorithms).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void civil_from_days(long z, int& y, int& m, int& d) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

// A time stated with a UTC offset is stored in UTC, so that dates sort and filter as instants
// (16:18+02:00 and 14:18Z are the same moment, and the day filter takes the UTC day).
void to_utc(ParsedDate& d) {
  if (d.hour < 0 || d.zone.size() != 6 || (d.zone[0] != '+' && d.zone[0] != '-')) return;
  const int sign = d.zone[0] == '-' ? -1 : 1;
  const int offset = sign * (to_int(d.zone.substr(1, 2)) * 60 + to_int(d.zone.substr(4, 2)));
  const long minutes =
      days_from_civil(d.year, d.month, d.day) * 1440 + d.hour * 60 + d.minute - offset;
  const long days = (minutes >= 0 ? minutes : minutes - 1439) / 1440;
  const long in_day = minutes - days * 1440;
  int year = 0, month = 0, day = 0;
  civil_from_days(days, year, month, day);
  if (year < 1 || year > 9999) return;  // kept as written at the ends of the calendar
  d.year = year;
  d.month = month;
  d.day = day;
  d.hour = static_cast<int>(in_day / 60);
  d.minute = static_cast<int>(in_day % 60);
  d.zone = "Z";
}

std::optional<ParsedDate> in_utc(std::optional<ParsedDate> d) {
  if (d) to_utc(*d);
  return d;
}

}  // namespace

int days_in_month(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[static_cast<std::size_t>(month - 1)];
}

std::string ParsedDate::iso() const {
  char buf[40];
  if (hour < 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute,
                second);
  return std::string(buf) + zone;
}

std::string ParsedDate::compact_day() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", year, month, day);
  return buf;
}

namespace {

std::optional<ParsedDate> parse_date_as_written(std::string_view text, NumericDateOrder order) {
  const std::size_t start = skip_space(text);
  std::size_t end = 0;
  if (auto d = match_iso_at(text, start, end)) {
    if (only_trailing_noise(text, end)) return d;
    const auto toks = tokenize(text.substr(end));
    // A time with a zone name after it: "2022-09-08 16:18 PST".
    if (d->hour >= 0 && d->zone.empty() && toks.size() == 1 && toks[0].kind == DateToken::kWord) {
      const auto zone = named_zone_offset(toks[0].text);
      if (!zone) return std::nullopt;
      d->zone = *zone;
      return d;
    }
    // An ISO date followed by a separate time: "2022-09-08 16:18".
    Matcher m(toks, 0);
    match_time(m, *d);
    if (m.done()) return d;
    return std::nullopt;
  }
  const auto toks = tokenize(text);
  std::size_t end_token = 0;
  auto d = match_words_at(toks, 0, end_token);
  if (!d) d = match_numeric_at(toks, 0, order, end_token);
  if (!d) return std::nullopt;
  for (std::size_t k = end_token; k < toks.size(); ++k) {
    if (toks[k].kind != DateToken::kPunct || (toks[k].text[0] != '.' && toks[k].text[0] != ','))
      return std::nullopt;
  }
  return d;
}

std::optional<ParsedDate> find_date_as_written(std::string_view text, NumericDateOrder order) {
  const auto toks = tokenize(text);
  for (std::size_t i = 0; i < toks.size(); ++i) {
    if (toks[i].kind == DateToken::kNumber && toks[i].text.size() == 4) {
      std::size_t end = 0;
      if (auto d = match_iso_at(text, toks[i].begin, end)) {
        if (d->hour < 0) {  // "2022-09-08 16:18"
          const auto rest = tokenize(text.substr(end));
          Matcher m(rest, 0);
          match_time(m, *d);
        }
        return d;
      }
    }
    std::size_t end_token = 0;
    if (auto d = match_words_at(toks, i, end_token)) return d;
    if (auto d = match_numeric_at(toks, i, order, end_token)) return d;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ParsedDate> parse_date(std::string_view text, NumericDateOrder order) {
  return in_utc(parse_date_as_written(text, order));
}

std::optional<ParsedDate> find_date(std::string_view text, NumericDateOrder order) {
  return in_utc(find_date_as_written(text, order));
}

}  // namespace newsdex
