// A query matched in 2 or 4 parts on as many threads must give exactly what one matcher gives:
// the same articles in the same order with the same scores, the same totals when they are
// exact, the same facet counts, collapsing and date sorting included.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "newsdex/error.h"
#include "newsdex/index_job.h"
#include "newsdex/searcher.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

class SearcherParts : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("newsdex-parts-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    gzFile in = gzopen(NEWSDEX_SOURCE_DIR "/corpora/reuters21578/reuters21578.jsonl.gz", "rb");
    ASSERT_NE(in, nullptr);
    {
      std::ofstream out(dir_ / "sample.jsonl");
      char buf[1 << 16];
      for (int lines = 0; lines < 5000 && gzgets(in, buf, sizeof buf);) {
        out << buf;
        lines += std::string_view(buf).ends_with('\n');
      }
    }
    gzclose(in);
    IndexOptions options;
    options.db_path = (dir_ / "db").string();
    options.inputs = {(dir_ / "sample.jsonl").string()};
    run_index_job(options);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static SearcherOptions parts(std::size_t threads) {
    SearcherOptions options;
    options.threads = threads;
    options.min_documents_for_parts = 0;  // every query in parts
    options.min_postings_for_parts = 0;
    return options;
  }
  static inline fs::path dir_;
};

void expect_same(const SearchResult& one, const SearchResult& many, const std::string& what) {
  ASSERT_EQ(one.hits.size(), many.hits.size()) << what;
  for (std::size_t i = 0; i < one.hits.size(); ++i) {
    ASSERT_EQ(one.hits[i].id, many.hits[i].id) << what << " rank " << i;
    ASSERT_EQ(one.hits[i].score, many.hits[i].score) << what << " rank " << i;
    ASSERT_EQ(one.hits[i].rank, many.hits[i].rank) << what;
    ASSERT_EQ(one.hits[i].snippet, many.hits[i].snippet) << what;
  }
  if (one.total_lower == one.total_upper) {
    EXPECT_EQ(many.total_lower, one.total_lower) << what;
    EXPECT_EQ(many.total_upper, one.total_upper) << what;
  } else {
    EXPECT_LE(many.total_lower, one.total_upper) << what;  // both bound the same true count
    EXPECT_GE(many.total_upper, one.total_lower) << what;
  }
  ASSERT_EQ(one.facets.size(), many.facets.size()) << what;
  for (std::size_t f = 0; f < one.facets.size(); ++f) {
    ASSERT_EQ(one.facets[f].counts.size(), many.facets[f].counts.size()) << what;
    for (std::size_t c = 0; c < one.facets[f].counts.size(); ++c) {
      EXPECT_EQ(one.facets[f].counts[c].value, many.facets[f].counts[c].value) << what;
      EXPECT_EQ(one.facets[f].counts[c].count, many.facets[f].counts[c].count) << what;
    }
  }
}

TEST_F(SearcherParts, TwoAndFourPartsGiveExactlyOnePartsResults) {
  Searcher one((dir_ / "db").string(), parts(1));
  Searcher two((dir_ / "db").string(), parts(2));
  Searcher four((dir_ / "db").string(), parts(4));
  const std::vector<std::string> queries = {"oil",
                                            "trade",
                                            "bank",
                                            "said",
                                            "prices",
                                            "cocoa",
                                            "oil prices",
                                            "trade deficit japan",
                                            "interest rates bank lending",
                                            "gold silver platinum",
                                            "stock market crash",
                                            "\"crude oil\"",
                                            "\"interest rates\"",
                                            "oil NEAR/3 prices",
                                            "wheat -corn",
                                            "coffee OR cocoa",
                                            "oil date:1987-03",
                                            "places:usa trade",
                                            "topics:crude",
                                            "cyber*",
                                            "the"};
  std::size_t compared = 0;
  for (const auto& q : queries) {
    for (int variant = 0; variant < 7; ++variant) {
      SearchRequest request;
      request.query = q;
      request.limit = variant == 1 ? 100 : 10;
      request.offset = variant == 2 ? 15 : 0;
      request.match_all = variant == 3;
      if (variant == 4) request.sort = SortOrder::kDateDescending;
      if (variant == 5) {
        request.sort = SortOrder::kDateAscending;
        request.collapse = Collapse::kOutlet;
      }
      if (variant == 6) {
        request.facets = {FacetField::outlet(), FacetField::month(),
                          FacetField::keyword_field("topics")};
        request.exact_total = true;
      }
      const std::string what = q + " variant " + std::to_string(variant);
      SearchResult base;
      try {
        base = one.search(request);
      } catch (const QuerySyntaxError&) {
        continue;  // a query of filters only cannot be matched with --match all, say
      }
      expect_same(base, two.search(request), what + " (2 parts)");
      expect_same(base, four.search(request), what + " (4 parts)");
      ++compared;
    }
  }
  EXPECT_GT(compared, 120u);
}

TEST_F(SearcherParts, MoreLikeThisAndRecencyToo) {
  Searcher one((dir_ / "db").string(), parts(1));
  Searcher two((dir_ / "db").string(), parts(2));
  SearchRequest similar;
  similar.similar_to = "reuters21578-10";
  expect_same(one.search(similar), two.search(similar), "similar");
  SearchRequest recent;
  recent.query = "oil";
  recent.recency_halflife_days = 30;
  expect_same(one.search(recent), two.search(recent), "recency");
}

}  // namespace
}  // namespace newsdex
