#pragma once

#include <string>

#include <xapian.h>

namespace newsdex {

// Weights each dated article by its freshness relative to a reference day (the newest article):
// max_weight * 0.5^(age_days / halflife_days). Combined with OP_AND_MAYBE it adds freshness to
// relevance without changing which articles match.
class RecencyPostingSource : public Xapian::ValuePostingSource {
 public:
  RecencyPostingSource(Xapian::valueno slot, double reference_day, double halflife_days,
                       double max_weight);

  double get_weight() const override;
  Xapian::PostingSource* clone() const override;
  std::string name() const override { return "newsdex::RecencyPostingSource"; }

  // Days since 1970-01-01 of an ISO 8601 date string, or -1 when it does not start with one.
  static double day_number(const std::string& iso_date);
  // The weight of an article of this date value (0 for none), as get_weight() gives it: what a
  // database with remote parts, which cannot load this class, maps each date value to.
  static double weight_of(const std::string& date_value, double reference_day, double halflife_days,
                          double max_weight);

 private:
  double reference_day_;
  double halflife_days_;
  double max_weight_;
};

}  // namespace newsdex
