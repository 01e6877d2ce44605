#include "searcher/term_prefix_match_spy.h"

#include <memory>

namespace newsdex {

void TermPrefixMatchSpy::operator()(const Xapian::Document& doc, double) {
  auto it = doc.termlist_begin();
  it.skip_to(prefix_);
  for (; it != doc.termlist_end(); ++it) {
    const std::string& term = *it;
    if (term.compare(0, prefix_.size(), prefix_) != 0) break;
    ++counts_[term.substr(prefix_.size())];
  }
}

Xapian::MatchSpy* TermPrefixMatchSpy::clone() const {
  // Xapian owns clones (one per sub-database); its API needs a raw pointer.
  return std::make_unique<TermPrefixMatchSpy>(prefix_).release();
}

}  // namespace newsdex
