#pragma once

#include <xapian.h>

#include <string>

namespace newsdex {

// Every docid from `first` to `last`, weightless: OP_FILTER with it restricts a query to one
// part of the database, which one thread matches while others match the other parts. Scores do
// not change (a filter adds no weight, and the collection statistics are the whole
// database's), so the parts' results merge into exactly the whole database's.
class DocidRangeSource : public Xapian::PostingSource {
 public:
  DocidRangeSource(Xapian::docid first, Xapian::docid last) : first_(first), last_(last) {}

  void init(const Xapian::Database&) override {
    current_ = 0;
    set_maxweight(0);
  }
  Xapian::doccount get_termfreq_min() const override { return 0; }
  Xapian::doccount get_termfreq_est() const override { return size(); }
  Xapian::doccount get_termfreq_max() const override { return size(); }
  void next(double) override { current_ = current_ == 0 ? first_ : current_ + 1; }
  void skip_to(Xapian::docid did, double) override {
    if (did > current_) current_ = std::max(did, first_);
  }
  bool at_end() const override { return current_ > last_; }
  Xapian::docid get_docid() const override { return current_; }
  DocidRangeSource* clone() const override;
  std::string name() const override { return "newsdex::DocidRangeSource"; }

 private:
  Xapian::doccount size() const { return last_ >= first_ ? last_ - first_ + 1 : 0; }

  Xapian::docid first_;
  Xapian::docid last_;
  Xapian::docid current_ = 0;
};

}  // namespace newsdex
