#include "searcher/bm25_term_source.h"

#include <algorithm>
#include <cmath>

namespace newsdex {
namespace {

// Xapian::BM25Weight's min_normlen, as the Searcher configures it.
constexpr double kMinNormalisedLength = 0.5;

// The termweight and length factor of Xapian::BM25Weight::init for a term (or a synonym) of
// `stats` (k2 = 0, k3 = 1, wqf = 1, no RSet).
void bm25_init(const Bm25Parameters& bm25, const Bm25TermStats& stats, double factor,
               double& termweight, double& len_factor) {
  double tw = (stats.collection_size - stats.termfreq + 0.5) / (stats.termfreq + 0.5);
  if (tw < 2) tw = tw * 0.5 + 1;
  termweight = std::log(tw) * factor;
  termweight *= (1 + 1) * 1.0 / (1 + 1.0);  // k3 = 1, wqf = 1
  termweight *= (bm25.k1 + 1);
  len_factor = 0;
  if (bm25.b != 0 && bm25.k1 != 0) {
    len_factor = stats.average_length;
    if (len_factor != 0) len_factor = 1 / len_factor;
  }
}

// BM25Weight::get_maxpart for the statistics.
double bm25_max(const Bm25Parameters& bm25, const Bm25TermStats& stats, double termweight,
                double len_factor) {
  double denom = bm25.k1;
  if (bm25.k1 != 0.0 && bm25.b != 0.0) {
    const double normlen_lb =
        std::max(std::max(stats.wdf_upper_bound, stats.doclength_lower_bound) * len_factor,
                 kMinNormalisedLength);
    denom *= (normlen_lb * bm25.b + (1 - bm25.b));
  }
  const double wdf_max(stats.wdf_upper_bound);
  denom += wdf_max;
  return termweight * (wdf_max / denom);
}

// BM25Weight::get_sumpart: one document's part, in Xapian's order of operations.
double bm25_part(const Bm25Parameters& bm25, double termweight, double len_factor,
                 Xapian::termcount wdf, Xapian::termcount length) {
  const double normlen = std::max(length * len_factor, kMinNormalisedLength);
  const double wdf_double(wdf);
  const double denom = bm25.k1 * (normlen * bm25.b + (1 - bm25.b)) + wdf_double;
  return termweight * (wdf_double / denom);
}

}  // namespace

double bm25_document_part(const Bm25Parameters& bm25, const Bm25TermStats& stats, double factor,
                          Xapian::termcount wdf, Xapian::termcount length) {
  if (wdf == 0) return 0;
  double termweight = 0, len_factor = 0;
  bm25_init(bm25, stats, factor, termweight, len_factor);
  return bm25_part(bm25, termweight, len_factor, wdf, length);
}

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

void Bm25TermSource::init(const Xapian::Database& db) {
  postings_ = db.postlist_begin(term_);
  end_ = db.postlist_end(term_);
  started_ = false;
  bm25_init(bm25_, stats_, factor_, termweight_, len_factor_);
  set_maxweight(stats_.termfreq == 0 || postings_ == end_
                    ? 0
                    : bm25_max(bm25_, stats_, termweight_, len_factor_));
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

Bm25SynonymSource::Bm25SynonymSource(std::string first, std::string second, double factor,
                                     const Bm25Parameters& bm25, const Bm25TermStats& stats,
                                     std::shared_ptr<const DocLengthTable> lengths)
    : terms_{std::move(first), std::move(second)},
      factor_(factor),
      bm25_(bm25),
      stats_(stats),
      lengths_(std::move(lengths)) {}

Bm25SynonymSource* Bm25SynonymSource::clone() const {
  // Xapian's interface: the caller owns the clone.
  return std::make_unique<Bm25SynonymSource>(terms_[0], terms_[1], factor_, bm25_, stats_, lengths_)
      .release();
}

Bm25TermStats Bm25SynonymSource::synonym_stats(const Xapian::Database& db, const std::string& first,
                                               const std::string& second) {
  Bm25TermStats stats;
  stats.collection_size = db.get_doccount();
  stats.average_length = db.get_avlength();
  stats.doclength_lower_bound = db.get_doclength_lower_bound();
  const double a = db.get_termfreq(first), b = db.get_termfreq(second);
  const double n = stats.collection_size;
  // Xapian's OrPostList estimate, assuming independence.
  stats.termfreq = n == 0 ? 0 : static_cast<Xapian::doccount>(a + b - (a * b / n) + 0.5);
  // The wdfs add up, and no document holds more than its length.
  stats.wdf_upper_bound =
      std::min<Xapian::termcount>(db.get_wdf_upper_bound(first) + db.get_wdf_upper_bound(second),
                                  db.get_doclength_upper_bound());
  return stats;
}

void Bm25SynonymSource::init(const Xapian::Database& db) {
  for (int i = 0; i < 2; ++i) {
    postings_[i] = db.postlist_begin(terms_[i]);
    ends_[i] = db.postlist_end(terms_[i]);
  }
  const Xapian::doccount a = db.get_termfreq(terms_[0]), b = db.get_termfreq(terms_[1]);
  termfreq_min_ = std::max(a, b);
  termfreq_max_ = std::min<Xapian::doccount>(a + b, db.get_doccount());
  started_ = false;
  current_ = 0;
  bm25_init(bm25_, stats_, factor_, termweight_, len_factor_);
  set_maxweight(stats_.termfreq == 0 ? 0 : bm25_max(bm25_, stats_, termweight_, len_factor_));
}

void Bm25SynonymSource::settle() {
  current_ = 0;
  for (int i = 0; i < 2; ++i)
    if (postings_[i] != ends_[i] && (current_ == 0 || *postings_[i] < current_))
      current_ = *postings_[i];
}

void Bm25SynonymSource::next(double) {
  if (started_) {
    for (int i = 0; i < 2; ++i)
      if (postings_[i] != ends_[i] && *postings_[i] == current_) ++postings_[i];
  }
  started_ = true;
  settle();
}

void Bm25SynonymSource::skip_to(Xapian::docid did, double) {
  started_ = true;
  for (int i = 0; i < 2; ++i)
    if (postings_[i] != ends_[i] && *postings_[i] < did) postings_[i].skip_to(did);
  settle();
}

double Bm25SynonymSource::get_weight() const {
  Xapian::termcount wdf = 0;
  for (int i = 0; i < 2; ++i)
    if (postings_[i] != ends_[i] && *postings_[i] == current_) wdf += postings_[i].get_wdf();
  const Xapian::termcount length = lengths_->length(current_);
  // As Xapian's SynonymPostList: the summed wdf is at most the document's length.
  return bm25_part(bm25_, termweight_, len_factor_, std::min(wdf, length), length);
}

}  // namespace newsdex
