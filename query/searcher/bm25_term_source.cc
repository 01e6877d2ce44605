#include "searcher/bm25_term_source.h"

#include <algorithm>
#include <cmath>

namespace newsdex {
namespace {

// Xapian::BM25Weight's min_normlen, as the Searcher configures it.
constexpr double kMinNormalisedLength = 0.5;

}  // namespace

Bm25TermSource::Bm25TermSource(std::string term, double factor, const Bm25Parameters& bm25,
                               const Bm25TermStats& stats,
                               std::shared_ptr<const DocLengthTable> lengths)
    : term_(std::move(term)),
      factor_(factor),
      bm25_(bm25),
      stats_(stats),
      lengths_(std::move(lengths)) {}

Bm25TermSource* Bm25TermSource::clone() const {
  // Xapian's interface: the caller owns the clone.
  return std::make_unique<Bm25TermSource>(term_, factor_, bm25_, stats_, lengths_).release();
}

// The steps of Xapian::BM25Weight::init and get_maxpart for k2 = 0, k3 = 1, wqf = 1, no RSet.
void Bm25TermSource::init(const Xapian::Database& db) {
  postings_ = db.postlist_begin(term_);
  end_ = db.postlist_end(term_);
  started_ = false;
  double tw = (stats_.collection_size - stats_.termfreq + 0.5) / (stats_.termfreq + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;
  termweight_ = std::log(tw) * factor_;
  termweight_ *= (1 + 1) * 1.0 / (1 + 1.0);  // k3 = 1, wqf = 1
  termweight_ *= (bm25_.k1 + 1);
  len_factor_ = 0;
  if (bm25_.b != 0 && bm25_.k1 != 0) {
    len_factor_ = stats_.average_length;
    if (len_factor_ != 0) len_factor_ = 1 / len_factor_;
  }
  if (stats_.termfreq == 0 || postings_ == end_) {
    set_maxweight(0);
    return;
  }
  double denom = bm25_.k1;
  if (bm25_.k1 != 0.0 && bm25_.b != 0.0) {
    const double normlen_lb =
        std::max(std::max(stats_.wdf_upper_bound, stats_.doclength_lower_bound) * len_factor_,
                 kMinNormalisedLength);
    denom *= (normlen_lb * bm25_.b + (1 - bm25_.b));
  }
  const double wdf_max(stats_.wdf_upper_bound);
  denom += wdf_max;
  set_maxweight(termweight_ * (wdf_max / denom));
}

void Bm25TermSource::next(double) {
  if (started_) {
    ++postings_;
  } else {
    started_ = true;
  }
}

void Bm25TermSource::skip_to(Xapian::docid did, double) {
  started_ = true;
  postings_.skip_to(did);
}

double Bm25TermSource::get_weight() const {
  const double normlen = std::max(lengths_->length(*postings_) * len_factor_, kMinNormalisedLength);
  const double wdf_double(postings_.get_wdf());
  const double denom = bm25_.k1 * (normlen * bm25_.b + (1 - bm25_.b)) + wdf_double;
  return termweight_ * (wdf_double / denom);
}

}  // namespace newsdex
