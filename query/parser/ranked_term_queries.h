#pragma once

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "newsdex/doc_length_table.h"
#include "newsdex/search_request.h"

namespace newsdex {

// Makes the weighted leaves of a query. With a document length table that matches the
// database, a ranked term is a Bm25TermSource, which scores as the Enquire's BM25Weight would
// without Glass's per-posting length lookups; without one (written by another program, or an
// embedder that passes none), it is Xapian's own term. Phrases and NEAR keep Xapian's
// positional terms, as a filter over the ranked words when the sources are in use (Xapian
// weighs a phrase as the sum of its terms' weights, which is what the sources give).
//
// `stats_db` gives the collection statistics (for a database in parts: the whole), `part` the
// postings the sources read (one part, or the same database).
class RankedTermQueries {
 public:
  RankedTermQueries(const Xapian::Database& stats_db, Bm25Parameters bm25,
                    std::shared_ptr<const DocLengthTable> lengths);

  // The term, its weight scaled by `factor`.
  Xapian::Query term(const std::string& term, double factor = 1.0) const;
  // The two terms as one concept (OP_SYNONYM), weight scaled by `factor`.
  Xapian::Query synonym(const std::string& first, const std::string& second,
                        double factor = 1.0) const;
  // The forms of one word (its stems in several languages, its spellings) as one concept: the
  // term, a synonym of two, or Xapian's synonym of more (scored by Xapian's BM25Weight).
  Xapian::Query word_forms(const std::vector<std::string>& forms, double factor = 1.0) const;
  // OP_PHRASE or OP_NEAR of `terms` within `window`, weighted as the sum of its terms' weights
  // scaled by `factor`.
  Xapian::Query positional(Xapian::Query::op op, const std::vector<std::string>& terms,
                           Xapian::termcount window, double factor = 1.0) const;

  bool uses_length_table() const { return lengths_ != nullptr; }

 private:
  const Xapian::Database& stats_db_;
  Bm25Parameters bm25_;
  std::shared_ptr<const DocLengthTable> lengths_;
};

}  // namespace newsdex
