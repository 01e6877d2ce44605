#include "parser/ranked_term_queries.h"

#include "searcher/bm25_term_source.h"

namespace newsdex {

RankedTermQueries::RankedTermQueries(const Xapian::Database& stats_db, Bm25Parameters bm25,
                                     std::shared_ptr<const DocLengthTable> lengths)
    : stats_db_(stats_db), bm25_(bm25), lengths_(std::move(lengths)) {}

Xapian::Query RankedTermQueries::term(const std::string& term, double factor) const {
  if (!lengths_) {
    Xapian::Query leaf(term);
    return factor == 1.0 ? leaf : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, leaf, factor);
  }
  Bm25TermStats stats;
  stats.collection_size = stats_db_.get_doccount();
  stats.average_length = stats_db_.get_avlength();
  stats.termfreq = stats_db_.get_termfreq(term);
  stats.wdf_upper_bound = stats_db_.get_wdf_upper_bound(term);
  stats.doclength_lower_bound = stats_db_.get_doclength_lower_bound();
  // release(): the query owns the source from here on.
  return Xapian::Query(
      std::make_unique<Bm25TermSource>(term, factor, bm25_, stats, lengths_).release()->release());
}

Xapian::Query RankedTermQueries::synonym(const std::string& first, const std::string& second,
                                         double factor) const {
  if (!lengths_) {
    const Xapian::Query both(Xapian::Query::OP_SYNONYM, Xapian::Query(first),
                             Xapian::Query(second));
    return factor == 1.0 ? both : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, both, factor);
  }
  return Xapian::Query(std::make_unique<Bm25SynonymSource>(
                           first, second, factor, bm25_,
                           Bm25SynonymSource::synonym_stats(stats_db_, first, second), lengths_)
                           .release()
                           ->release());
}

Xapian::Query RankedTermQueries::word_forms(const std::vector<std::string>& forms,
                                            double factor) const {
  if (forms.size() == 1) return term(forms[0], factor);
  if (forms.size() == 2) return synonym(forms[0], forms[1], factor);
  const Xapian::Query all(Xapian::Query::OP_SYNONYM, forms.begin(), forms.end());
  return factor == 1.0 ? all : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, all, factor);
}

Xapian::Query RankedTermQueries::positional(Xapian::Query::op op,
                                            const std::vector<std::string>& terms,
                                            Xapian::termcount window, double factor) const {
  const Xapian::Query positions(op, terms.begin(), terms.end(), window);
  if (!lengths_)
    return factor == 1.0 ? positions
                         : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, positions, factor);
  std::vector<Xapian::Query> ranked;
  ranked.reserve(terms.size());
  for (const auto& t : terms) ranked.push_back(term(t, factor));
  return Xapian::Query(Xapian::Query::OP_FILTER,
                       Xapian::Query(Xapian::Query::OP_AND, ranked.begin(), ranked.end()),
                       positions);
}

}  // namespace newsdex
