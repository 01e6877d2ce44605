#pragma once

#include <xapian.h>

#include <memory>
#include <string>

#include "newsdex/doc_length_table.h"
#include "newsdex/search_request.h"

namespace newsdex {

// What BM25 needs of the whole collection and of one term; for a database in several parts
// these are the totals over all parts, so that every part scores as one database would.
struct Bm25TermStats {
  double collection_size = 0;
  double average_length = 0;
  Xapian::doccount termfreq = 0;
  Xapian::termcount wdf_upper_bound = 0;
  Xapian::termcount doclength_lower_bound = 0;
};

// One document's BM25 part for a term of `stats` with this wdf in a document of this length, as
// Xapian::BM25Weight(k1, 0, 1, b, 0.5) computes it (`factor` as OP_SCALE_WEIGHT): what --explain
// shows, without running a query.
double bm25_document_part(const Bm25Parameters& bm25, const Bm25TermStats& stats, double factor,
                          Xapian::termcount wdf, Xapian::termcount length);

// One query term scored by BM25 exactly as Xapian::BM25Weight(k1, 0, 1, b, 0.5) scores it for a
// query that holds the term once (the same formula and operation order, so the same doubles),
// but reading each document's length from the DocLengthTable instead of Glass's doclen list,
// which costs a decoding walk per posting. `factor` scales the weight (OP_SCALE_WEIGHT's job
// for a plain term). Not positional: phrases and NEAR keep Xapian's terms as a filter.
//
// Its maximum weight is Xapian's own bound for the term, so Xapian's max-weight pruning (an OR
// whose branch cannot reach the k-th score so far turns into AND_MAYBE, skipping that branch's
// postings) works on it as on a plain term.
class Bm25TermSource : public Xapian::PostingSource {
 public:
  Bm25TermSource(std::string term, double factor, const Bm25Parameters& bm25,
                 const Bm25TermStats& stats, std::shared_ptr<const DocLengthTable> lengths);

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return stats_.termfreq; }
  Xapian::doccount get_termfreq_est() const override { return stats_.termfreq; }
  Xapian::doccount get_termfreq_max() const override { return stats_.termfreq; }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return postings_ == end_; }
  Xapian::docid get_docid() const override { return *postings_; }
  double get_weight() const override;
  Bm25TermSource* clone() const override;
  std::string name() const override { return "newsdex::Bm25TermSource"; }
  std::string get_description() const override { return "Bm25TermSource(" + term_ + ")"; }

 private:
  std::string term_;
  double factor_;
  Bm25Parameters bm25_;
  Bm25TermStats stats_;
  std::shared_ptr<const DocLengthTable> lengths_;
  double termweight_ = 0;
  double len_factor_ = 0;
  Xapian::PostingIterator postings_;
  Xapian::PostingIterator end_;
  bool started_ = false;
};

// Two terms as one concept (OP_SYNONYM's job: "interest" and the joined "interestr" of
// "interest-rate"), scored as Xapian scores a synonym of two terms: BM25 with the union's
// estimated document frequency (independence: a + b - ab/N), the sum of the wdfs (at most the
// document's length), one maximum for both. A unit test checks it gives Xapian's doubles.
class Bm25SynonymSource : public Xapian::PostingSource {
 public:
  Bm25SynonymSource(std::string first, std::string second, double factor,
                    const Bm25Parameters& bm25, const Bm25TermStats& stats,
                    std::shared_ptr<const DocLengthTable> lengths);

  void init(const Xapian::Database& db) override;
  Xapian::doccount get_termfreq_min() const override { return termfreq_min_; }
  Xapian::doccount get_termfreq_est() const override { return stats_.termfreq; }
  Xapian::doccount get_termfreq_max() const override { return termfreq_max_; }
  void next(double min_wt) override;
  void skip_to(Xapian::docid did, double min_wt) override;
  bool at_end() const override { return current_ == 0; }
  Xapian::docid get_docid() const override { return current_; }
  double get_weight() const override;
  Bm25SynonymSource* clone() const override;
  std::string name() const override { return "newsdex::Bm25SynonymSource"; }
  std::string get_description() const override {
    return "Bm25SynonymSource(" + terms_[0] + ", " + terms_[1] + ")";
  }

  // The statistics Xapian gives a synonym of the two terms, from the terms' own.
  static Bm25TermStats synonym_stats(const Xapian::Database& db, const std::string& first,
                                     const std::string& second);

 private:
  // Moves to the lower docid of the two lists (0 at the end of both).
  void settle();

  std::string terms_[2];
  double factor_;
  Bm25Parameters bm25_;
  Bm25TermStats stats_;
  std::shared_ptr<const DocLengthTable> lengths_;
  Xapian::doccount termfreq_min_ = 0;
  Xapian::doccount termfreq_max_ = 0;
  double termweight_ = 0;
  double len_factor_ = 0;
  Xapian::PostingIterator postings_[2];
  Xapian::PostingIterator ends_[2];
  Xapian::docid current_ = 0;
  bool started_ = false;
};

}  // namespace newsdex
