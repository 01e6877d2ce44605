// The document-length-table leaves (Bm25TermSource), pruned by Xapian's matcher from the first
// document on (no checkatleast), must return exactly what Xapian's own terms weighted by
// BM25Weight return: same documents, same order, same scores, for every query class, for the
// top 10 and the top 100, on Reuters and on a generated corpus, also after in-place updates
// (replaced documents full of frequent words, added documents).
#include "parser/ranked_term_queries.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <set>

#include "newsdex/analyzer.h"
#include "newsdex/index_job.h"
#include "parser/query_builder.h"
#include "parser/query_parser.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

// The first `count` Reuters articles, as a JSON Lines file.
void write_reuters_sample(const fs::path& file, int count) {
  gzFile in = gzopen(NEWSDEX_SOURCE_DIR "/corpora/reuters21578/reuters21578.jsonl.gz", "rb");
  ASSERT_NE(in, nullptr);
  std::ofstream out(file);
  char buf[1 << 16];
  for (int lines = 0; lines < count && gzgets(in, buf, sizeof buf);)
    if (std::string_view(buf).ends_with('\n')) {
      out << buf;
      ++lines;
    }
  gzclose(in);
}

// Word i of the generated vocabulary: letters only ("zab", "zac", ...), never a stem of another.
std::string generated_word(int i) {
  std::string w = "zq";
  for (int k = 0; k < 3; ++k, i /= 26) w.push_back(static_cast<char>('a' + i % 26));
  return w + "zq";
}

// Articles of a Zipfian vocabulary: many frequent words, so many terms have block bounds.
void write_generated(const fs::path& file, int count, int first, unsigned seed) {
  std::mt19937 random(seed);
  std::vector<std::string> vocabulary;
  for (int i = 0; i < 3000; ++i) vocabulary.push_back(generated_word(i));
  std::vector<double> weights;
  for (int i = 0; i < 3000; ++i) weights.push_back(1.0 / (i + 1));
  std::discrete_distribution<int> zipf(weights.begin(), weights.end());
  std::ofstream out(file);
  for (int i = first; i < first + count; ++i) {
    out << "{\"id\": \"g" << i << "\", \"title\": \"";
    for (int w = 0; w < 6; ++w) out << vocabulary[zipf(random)] << ' ';
    out << "\", \"body\": \"";
    for (int w = 0, n = 20 + static_cast<int>(random() % 200); w < n; ++w)
      out << vocabulary[zipf(random)] << ' ';
    out << "\"}\n";
  }
}

// Replacements that break every bound a block had: short documents full of frequent words.
void write_boosted(const fs::path& file, const std::vector<std::string>& ids,
                   const std::vector<std::string>& words) {
  std::ofstream out(file);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    out << "{\"id\": \"" << ids[i] << "\", \"title\": \"" << words[i % words.size()]
        << "\", \"body\": \"";
    for (int r = 0; r < 24; ++r) out << words[(i + r / 4) % words.size()] << ' ';
    out << "\"}\n";
  }
}

void index_into(const fs::path& db, const fs::path& input) {
  IndexOptions options;
  options.db_path = db.string();
  options.inputs = {input.string()};
  run_index_job(options);
}

class RankedTermQueriesTest : public ::testing::Test {
 public:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("newsdex-ranked-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    write_reuters_sample(dir_ / "sample.jsonl", 6000);
    index_into(dir_ / "db", dir_ / "sample.jsonl");
    write_generated(dir_ / "generated.jsonl", 6000, 0, 5);
    index_into(dir_ / "gen", dir_ / "generated.jsonl");
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  struct Ranked {
    std::vector<Xapian::docid> ids;
    std::vector<double> scores;
  };
  enum class Leaves { kXapian, kLengthTable };
  static Ranked run(const Xapian::Database& db, const std::string& q, Leaves leaves, bool match_all,
                    Xapian::doccount k = 100) {
    std::shared_ptr<const DocLengthTable> table;
    if (leaves != Leaves::kXapian) {
      auto loaded = DocLengthTable::load(db);
      EXPECT_TRUE(loaded) << "no document length table";
      if (loaded) table = std::make_shared<const DocLengthTable>(std::move(*loaded));
    }
    Analyzer analyzer("english"), folder("none");
    const RankedTermQueries ranked(db, {}, table);
    QueryBuilder builder(db, QueryLanguages(db, analyzer, {}), folder, {"topics", "places"},
                         {match_all, 0.5}, ranked);
    Xapian::Enquire enquire(db);
    enquire.set_query(builder.build(QueryParser().parse(q)).query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(1.2, 0, 1, 0.4, 0.5));
    // No checkatleast: the matcher prunes from the first document on, as the Searcher lets it.
    const auto mset = enquire.get_mset(0, k, Xapian::doccount(0));
    Ranked r;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      r.ids.push_back(*it);
      r.scores.push_back(it.get_weight());
    }
    return r;
  }
  static inline fs::path dir_;
};

// Queries of every class from the sample's own words: frequent and rare, OR and AND of two to
// four, phrases, NEAR, with filters and exclusions.
constexpr Xapian::doccount kFrequent = 300;

std::vector<std::string> queries(const Xapian::Database& db) {
  std::vector<std::string> words;
  for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) {
    const std::string t = *it;
    if (t.size() >= 3 && t[0] >= 'a' && t[0] <= 'z' && it.get_termfreq() >= 3 &&
        t.find_first_of("0123456789") == std::string::npos)
      words.push_back(t);
  }
  std::vector<std::string> frequent;
  for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it)
    if (it.get_termfreq() >= kFrequent && (*it)[0] >= 'a' && (*it)[0] <= 'z')
      frequent.push_back(*it);
  std::mt19937 random(11);
  // Half the words from the frequent ones (where pruning happens), half from all.
  auto pick = [&] {
    return !frequent.empty() && random() % 2 ? frequent[random() % frequent.size()]
                                             : words[random() % words.size()];
  };
  std::vector<std::string> out = {"oil",
                                  "trade",
                                  "bank",
                                  "cocoa",
                                  "\"crude oil\"",
                                  "\"interest rates\"",
                                  "oil NEAR/3 prices",
                                  "wheat -corn",
                                  "oil date:1987-03",
                                  "places:usa trade",
                                  "coffee OR cocoa"};
  for (int i = 0; i < 150; ++i) out.push_back(pick());
  for (int i = 0; i < 150; ++i) {
    std::string q = pick();
    for (int n = 1 + random() % 3; n > 0; --n) q += " " + pick();
    out.push_back(q);
  }
  for (int i = 0; i < 60; ++i) out.push_back("\"" + pick() + " " + pick() + "\" " + pick());
  for (int i = 0; i < 40; ++i) out.push_back(pick() + " NEAR/5 " + pick());
  return out;
}

// Every query, both default operators, top 10 and top 100: `leaves` against Xapian's terms
// scored on every posting.
void expect_same_as_xapian(const Xapian::Database& db, RankedTermQueriesTest::Leaves leaves) {
  std::size_t compared = 0, with_hits = 0;
  for (const auto& q : queries(db)) {
    for (const bool all : {false, true}) {
      for (const Xapian::doccount k : {10u, 100u}) {
        const auto got = RankedTermQueriesTest::run(db, q, leaves, all, k);
        const auto xapian =
            RankedTermQueriesTest::run(db, q, RankedTermQueriesTest::Leaves::kXapian, all, k);
        if (got.ids != xapian.ids) {
          std::size_t i = 0;
          while (i < got.ids.size() && i < xapian.ids.size() && got.ids[i] == xapian.ids[i]) ++i;
          FAIL() << q << (all ? " (all)" : "") << " top " << k << ": first difference at rank " << i
                 << ": docid " << (i < got.ids.size() ? got.ids[i] : 0) << " instead of "
                 << (i < xapian.ids.size() ? xapian.ids[i] : 0) << " (score "
                 << (i < xapian.scores.size() ? xapian.scores[i] : 0) << ")";
        }
        for (std::size_t i = 0; i < got.scores.size(); ++i)
          ASSERT_EQ(got.scores[i], xapian.scores[i]) << q << " rank " << i;
        ++compared;
        with_hits += !got.ids.empty();
      }
    }
  }
  EXPECT_GT(compared, 1600u);
  EXPECT_GT(with_hits, compared / 2) << "most queries should find something";
}

TEST_F(RankedTermQueriesTest, PrunedLengthTableLeavesReturnExactlyXapiansExhaustiveResults) {
  for (const char* name : {"db", "gen"}) {
    SCOPED_TRACE(name);
    expect_same_as_xapian(Xapian::Database((dir_ / name).string()), Leaves::kLengthTable);
  }
}

// Replacing documents in place with short ones full of frequent words, and adding documents:
// the table follows, and nothing is lost.
TEST_F(RankedTermQueriesTest, AfterInPlaceUpdatesTheResultsStayExact) {
  const fs::path db_path = dir_ / "gen";
  std::vector<std::string> ids;
  for (int i = 0; i < 6000; i += 50) ids.push_back("g" + std::to_string(i));
  std::vector<std::string> frequent;
  for (int i = 0; i < 12; ++i) frequent.push_back(generated_word(i));
  write_boosted(dir_ / "boosted.jsonl", ids, frequent);
  index_into(db_path, dir_ / "boosted.jsonl");
  write_generated(dir_ / "more.jsonl", 400, 6000, 9);
  index_into(db_path, dir_ / "more.jsonl");
  const Xapian::Database db(db_path.string());
  expect_same_as_xapian(db, Leaves::kLengthTable);
  // The replacements are in: each boosted document now matches its frequent words.
  for (const auto& id : ids) {
    auto posting = db.postlist_begin("Q" + id);
    ASSERT_NE(posting, db.postlist_end("Q" + id)) << id;
    EXPECT_LT(db.get_doclength(*posting), 40u) << id;
  }
}

}  // namespace
}  // namespace newsdex
