#pragma once

#include <map>
#include <string>

#include <xapian.h>

namespace newsdex {

// Counts, over the matched documents, the terms that start with a prefix: facet counts for
// multi-valued keyword fields (`Ktopics:cocoa`, `Ktopics:grain`, ...), which a value slot cannot
// hold. Reads each matched document's term list, so it costs more than a ValueCountMatchSpy.
class TermPrefixMatchSpy : public Xapian::MatchSpy {
 public:
  explicit TermPrefixMatchSpy(std::string prefix) : prefix_(std::move(prefix)) {}

  void operator()(const Xapian::Document& doc, double weight) override;
  Xapian::MatchSpy* clone() const override;
  std::string name() const override { return "newsdex::TermPrefixMatchSpy"; }

  // Value (the term without the prefix) -> number of matched documents carrying it.
  const std::map<std::string, Xapian::doccount>& counts() const { return counts_; }

 private:
  std::string prefix_;
  std::map<std::string, Xapian::doccount> counts_;
};

}  // namespace newsdex
