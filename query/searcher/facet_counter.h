#pragma once

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace newsdex {

// Facet counts over the whole match set, counted after the match from the docids it collected
// instead of by a match spy per document: Xapian's ValueCountMatchSpy fetches each matched
// document's value on its own (Reuters: 2.2 ms for ~1,500 matches and two facets), and a
// term-list spy reads each matched document's term list. Here the docids are collected as the
// matcher meets them, then each value slot is read as one sorted stream (skip_to from docid to
// docid), and each keyword value's posting list is intersected with the matches.
class MatchedDocids : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    docids_.push_back(doc.get_docid());
  }
  std::string name() const override { return "newsdex::MatchedDocids"; }
  // The matched docids, ascending.
  std::vector<Xapian::docid> take();

 private:
  std::vector<Xapian::docid> docids_;
};

// Value -> matched documents holding it, for value `slot`; with `length` > 0 values are cut to
// that many bytes first (a date's year or month).
std::map<std::string, Xapian::doccount> count_values(const Xapian::Database& db,
                                                     Xapian::valueno slot, std::size_t length,
                                                     const std::vector<Xapian::docid>& docids);

// Term without `prefix` -> matched documents holding it, for every term with the prefix.
std::map<std::string, Xapian::doccount> count_prefixed_terms(
    const Xapian::Database& db, const std::string& prefix,
    const std::vector<Xapian::docid>& docids);

// One facet's values for every document, in memory: counting a match set is then an array walk
// (a few ns a match instead of a value-stream read). Built from one pass over the value stream
// or over the facet's terms' posting lists; worth it once a match set is a good part of the
// database, or when the same Searcher counts again.
class FacetTable {
 public:
  static FacetTable from_values(const Xapian::Database& db, Xapian::valueno slot,
                                std::size_t length);
  static FacetTable from_terms(const Xapian::Database& db, const std::string& prefix);

  std::map<std::string, Xapian::doccount> count(const std::vector<Xapian::docid>& docids) const;

 private:
  std::vector<std::string> names_;
  // Document d's value ids are ids_[offsets_[d] .. offsets_[d + 1]).
  std::vector<std::uint32_t> offsets_;
  std::vector<std::uint32_t> ids_;
};

}  // namespace newsdex
