#include <gtest/gtest.h>
#include <xapian.h>

#include "searcher/bm25_term_source.h"

namespace newsdex {
namespace {

// --explain computes each term's part from the document's wdf and the collection's statistics
// instead of running a query per term per hit: the parts must be the weights Xapian's
// BM25Weight gives the same term, scaled or not.
TEST(Bm25DocumentPart, IsXapiansBm25WeightForTheTerm) {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  for (unsigned i = 1; i <= 40; ++i) {
    Xapian::Document doc;
    for (unsigned k = 0; k < (i % 7) + 1; ++k) doc.add_term("oil");
    for (unsigned k = 0; k < i * 3; ++k) doc.add_term("filler" + std::to_string(k % 11));
    if (i % 3 == 0) doc.add_term("Soil", i % 4 + 1);
    db.add_document(doc);
  }
  const Bm25Parameters bm25{1.2, 0.4};
  for (const auto& [term, factor] : {std::pair{std::string("oil"), 1.0}, {"Soil", 0.5}}) {
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BM25Weight(bm25.k1, 0, 1, bm25.b, 0.5));
    enquire.set_query(Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(term), factor));
    const auto mset = enquire.get_mset(0, 100);
    ASSERT_GT(mset.size(), 5u);
    Bm25TermStats stats;
    stats.collection_size = db.get_doccount();
    stats.average_length = db.get_avlength();
    stats.termfreq = db.get_termfreq(term);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Xapian::termcount wdf = 0;
      auto list = db.termlist_begin(*it);
      list.skip_to(term);
      if (list != db.termlist_end(*it) && *list == term) wdf = list.get_wdf();
      EXPECT_NEAR(bm25_document_part(bm25, stats, factor, wdf, db.get_doclength(*it)),
                  it.get_weight(), 1e-12)
          << term << " in " << *it;
    }
  }
  Bm25TermStats none;
  none.collection_size = 40;
  none.average_length = 10;
  EXPECT_EQ(bm25_document_part(bm25, none, 1.0, 0, 10), 0);
}

}  // namespace
}  // namespace newsdex
