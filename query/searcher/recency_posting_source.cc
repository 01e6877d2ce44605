#include "searcher/recency_posting_source.h"

#include <cmath>
#include <memory>

namespace newsdex {

RecencyPostingSource::RecencyPostingSource(Xapian::valueno slot, double reference_day,
                                           double halflife_days, double max_weight)
    : Xapian::ValuePostingSource(slot),
      reference_day_(reference_day),
      halflife_days_(halflife_days),
      max_weight_(max_weight) {
  set_maxweight(max_weight);
}

double RecencyPostingSource::day_number(const std::string& d) {
  auto digit = [&](std::size_t i) { return i < d.size() && d[i] >= '0' && d[i] <= '9'; };
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (!digit(i)) return -1;
  const int y0 = std::stoi(d.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(d.substr(5, 2)));
  const unsigned day = static_cast<unsigned>(std::stoi(d.substr(8, 2)));
  // Howard Hinnant's days_from_civil.
  const int y = y0 - (m <= 2);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097.0 + static_cast<double>(doe) - 719468.0;
}

double RecencyPostingSource::weight_of(const std::string& date_value, double reference_day,
                                       double halflife_days, double max_weight) {
  const double day = day_number(date_value);
  if (day < 0) return 0;
  const double age = std::max(0.0, reference_day - day);
  return max_weight * std::exp2(-age / halflife_days);
}

double RecencyPostingSource::get_weight() const {
  return weight_of(get_value(), reference_day_, halflife_days_, max_weight_);
}

Xapian::PostingSource* RecencyPostingSource::clone() const {
  // Xapian takes ownership of clones (one per sub-database); its API needs a raw pointer.
  return std::make_unique<RecencyPostingSource>(get_slot(), reference_day_, halflife_days_,
                                                max_weight_)
      .release();
}

}  // namespace newsdex
