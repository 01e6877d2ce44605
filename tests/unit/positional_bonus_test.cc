// The lead and proximity bonuses re-rank the best BM25 matches, and RM3 feedback reweights them
// (docs/ranking.md): what earns a bonus and what does not, how deep re-ranking reaches, and that
// pages, date order, parts, explanations and the set of matches stay consistent with it. Every
// test states its settings (request() below), so that tuning the defaults changes nothing here.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "newsdex/error.h"
#include "newsdex/index_job.h"
#include "newsdex/searcher.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;
using Ids = std::vector<std::string>;

// Words that no query below uses, to pad bodies to a given length. They are in every article,
// so feedback leaves them out (too common) and they weigh next to nothing in BM25.
std::string filler(int words, int seed) {
  static const char* const kWords[] = {"harbour", "meadow", "lantern", "granite", "orchard",
                                       "violet",  "copper", "thistle", "saddle",  "willow"};
  std::string out;
  for (int i = 0; i < words; ++i) (out += kWords[(i * 7 + seed) % 10]) += ' ';
  return out;
}

class PositionalBonusTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("newsdex-bonus-" + std::to_string(std::random_device{}()));
    fs::create_directories(dir_);
    std::ofstream out(dir_ / "articles.jsonl");
    auto article = [&](const std::string& id, const std::string& date, const std::string& body,
                       const std::string& outlet = "Wire") {
      out << R"({"id": ")" << id << R"(", "outlet": ")" << outlet << R"(", "date": ")" << date
          << R"(", "title": "Market report", "body": ")" << body << "\"}\n";
    };
    // Lead. `late` says "cocoa" twice, both past the first 30 words; `lead` once, first. BM25
    // prefers `late`, the lead bonus `lead`. Same length; "ghana" is also the outlet's name.
    article("late", "2022-01-01", filler(60, 1) + "cocoa exports cocoa ghana " + filler(16, 2),
            "Ghana Wire");
    article("lead", "2022-01-02", "cocoa exports ghana " + filler(77, 3), "Ghana Wire");
    // Proximity: the same words, side by side or 40 words apart, both past the lead. Same
    // length, so the same BM25 score.
    article("far", "2022-01-03", filler(40, 4) + "central " + filler(40, 5) + "bank");
    article("near", "2022-01-04", filler(40, 6) + "central bank " + filler(40, 7));
    // Depth: BM25 ranks w1 (3 times, late) > w2 (twice, once first) > w3 (once, first); with
    // a large lead weight, w2 and w3 both pass w1 when they are within the re-ranked depth.
    article("w1", "2022-02-01", filler(50, 1) + "wheat wheat wheat " + filler(27, 2));
    article("w2", "2022-02-02", "wheat " + filler(50, 3) + "wheat " + filler(28, 4));
    article("w3", "2022-02-03", "wheat " + filler(79, 5));
    // Feedback: four coffee-trade articles share a vocabulary; the decoy (coffee as a colour,
    // three times) is BM25's first. `beans` shares the vocabulary without saying "coffee".
    article("decoy", "2022-03-01",
            filler(30, 8) + "coffee silk coffee linen coffee velvet runway " + filler(33, 9));
    for (int k = 1; k <= 4; ++k)
      article("trade" + std::to_string(k), "2022-03-0" + std::to_string(k + 1),
              filler(30 + k, k) + "coffee arabica robusta roasters arabica robusta harvest " +
                  filler(33 - k, k));
    article("beans", "2022-03-09",
            filler(30, 2) + "arabica robusta roasters harvest " + filler(36, 3));
    // Compounds, written three ways in the first words; BM25 takes them as one concept.
    article("hyphen", "2022-04-01", "a cyber-attack hit the ports " + filler(40, 1));
    article("spaced", "2022-04-02", "a cyber attack hit the grid " + filler(40, 2));
    article("joined", "2022-04-03", "a cyberattack hit the offices " + filler(40, 3));
    // Enough other articles that the words above are rare enough for feedback to take them
    // (at most 1 in 10 articles).
    for (int i = 0; i < 50; ++i)
      article("pad" + std::to_string(i), "2021-06-1" + std::to_string(i % 10),
              filler(50, i) + (i % 3 == 0 ? "exports " : "") + (i == 0 ? "ghana " : "") +
                  filler(20, i + 1));
    out.close();
    IndexOptions options;
    options.db_path = db_path();
    options.inputs = {(dir_ / "articles.jsonl").string()};
    options.detect_language = false;  // every article English, whatever its filler looks like
    run_index_job(options);
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }
  static std::string db_path() { return (dir_ / "db").string(); }

  // Every setting the tests depend on stated, none left to the defaults.
  static SearchRequest request(const std::string& query, double lead, double proximity) {
    SearchRequest r;
    r.query = query;
    r.bm25 = {1.2, 0.4};
    r.title_weight = 0.5;
    r.lead_weight = lead;
    r.lead_words = 30;
    r.proximity_weight = proximity;
    r.proximity_window = 5;
    r.rerank_depth = 20;
    r.expand_documents = 0;
    r.expand_terms = 10;
    r.expand_original_weight = 0.5;
    r.recency_halflife_days = 0;
    r.limit = 100;
    r.snippet_words = 0;
    r.explain = true;
    return r;
  }
  static Ids ids(const SearchResult& result) {
    Ids out;
    for (const auto& hit : result.hits) out.push_back(hit.id);
    return out;
  }
  static std::map<std::string, double> scores(const SearchResult& result) {
    std::map<std::string, double> out;
    for (const auto& hit : result.hits) out[hit.id] = hit.score;
    return out;
  }
  static const SearchHit& hit(const SearchResult& result, const std::string& id) {
    for (const auto& h : result.hits)
      if (h.id == id) return h;
    throw std::runtime_error("no hit " + id);
  }
  static double explained(const SearchHit& hit, const std::string& part) {
    for (const auto& c : hit.explanation)
      if (c.term == part) return c.weight;
    return 0;
  }
  static double lead_of(const SearchResult& result, const std::string& id) {
    return explained(hit(result, id), "(lead)");
  }
  static double proximity_of(const SearchResult& result, const std::string& id) {
    return explained(hit(result, id), "(proximity)");
  }
  static bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, b); }

  SearchResult search(const SearchRequest& r) { return searcher_.search(r); }

  Searcher searcher_{db_path()};
  static inline fs::path dir_;
};

// --- Lead -----------------------------------------------------------------------------------

TEST_F(PositionalBonusTest, WithoutBonusesTheOrderIsPlainBm25) {
  const auto off = search(request("cocoa", 0, 0));
  ASSERT_EQ(ids(off), (Ids{"late", "lead"}));
  // Exactly the ranking of no re-ranking at all, and nothing but BM25 in the explanation.
  auto unranked = request("cocoa", 5, 5);
  unranked.rerank_depth = 0;
  const auto bm25 = search(unranked);
  ASSERT_EQ(ids(bm25), ids(off));
  for (std::size_t i = 0; i < off.hits.size(); ++i) {
    EXPECT_EQ(off.hits[i].score, bm25.hits[i].score) << off.hits[i].id;
    EXPECT_EQ(explained(off.hits[i], "(lead)"), 0);
    EXPECT_EQ(explained(off.hits[i], "(proximity)"), 0);
    EXPECT_EQ(explained(bm25.hits[i], "(lead)"), 0);
  }
}

TEST_F(PositionalBonusTest, LeadLiftsTheArticleThatOpensWithTheQueryWord) {
  const auto plain = search(request("cocoa", 0, 0));
  ASSERT_EQ(ids(plain), (Ids{"late", "lead"}));
  ASSERT_GT(hit(plain, "late").score, hit(plain, "lead").score);
  const auto with_lead = search(request("cocoa", 1, 0));
  ASSERT_EQ(ids(with_lead), (Ids{"lead", "late"}));
  // `late` has no query word in its first 30 words: its score is its BM25 score.
  EXPECT_EQ(hit(with_lead, "late").score, hit(plain, "late").score);
  EXPECT_EQ(lead_of(with_lead, "late"), 0);
  EXPECT_GT(lead_of(with_lead, "lead"), 0);
  EXPECT_TRUE(
      near(hit(with_lead, "lead").score, hit(plain, "lead").score + lead_of(with_lead, "lead")));
  // Twice the weight, twice the bonus.
  const auto doubled = search(request("cocoa", 2, 0));
  EXPECT_TRUE(near(lead_of(doubled, "lead"), 2 * lead_of(with_lead, "lead")));
}

TEST_F(PositionalBonusTest, LeadWordsSaysHowFarTheLeadReaches) {
  // `late` says "cocoa" at body words 61 and 63: inside a lead of 70 words, not of 60.
  auto r = request("cocoa", 1, 0);
  r.lead_words = 60;
  EXPECT_EQ(lead_of(search(r), "late"), 0);
  r.lead_words = 70;
  const auto wide = search(r);
  EXPECT_GT(lead_of(wide, "late"), 0);
  // Two occurrences earn more than one, but less than twice as much (BM25 saturation).
  EXPECT_GT(lead_of(wide, "late"), lead_of(wide, "lead"));
  EXPECT_LT(lead_of(wide, "late"), 2 * lead_of(wide, "lead"));
  // The title ("Market report") is not the lead, however long the lead.
  r.query = "market";
  r.lead_words = 1000;
  for (const auto& h : search(r).hits) EXPECT_EQ(explained(h, "(lead)"), 0) << h.id;
}

// --- Proximity ------------------------------------------------------------------------------

TEST_F(PositionalBonusTest, ProximityLiftsWordsSideBySide) {
  const auto plain = search(request("central bank", 0, 0));
  ASSERT_EQ(plain.hits.size(), 2u);
  ASSERT_EQ(hit(plain, "near").score, hit(plain, "far").score);
  const auto close = search(request("central bank", 0, 1));
  ASSERT_EQ(ids(close), (Ids{"near", "far"}));
  EXPECT_GT(proximity_of(close, "near"), 0);
  // 41 positions apart is outside a window of 5: nothing for `far`.
  EXPECT_EQ(proximity_of(close, "far"), 0);
  EXPECT_EQ(hit(close, "far").score, hit(plain, "far").score);
  // A window of 50 reaches `far`, which earns less than the adjacent pair (1 / d^2).
  auto wide = request("central bank", 0, 1);
  wide.proximity_window = 50;
  const auto w = search(wide);
  EXPECT_GT(proximity_of(w, "far"), 0);
  EXPECT_LT(proximity_of(w, "far"), proximity_of(w, "near"));
  EXPECT_EQ(ids(w), (Ids{"near", "far"}));
}

// A library caller's largest window is the whole article, not a sum that wraps around to a
// window of almost nothing.
TEST_F(PositionalBonusTest, TheLargestWindowsAreTheWholeArticle) {
  auto widest = request("central bank", 0, 1);
  widest.proximity_window = std::numeric_limits<unsigned>::max();
  EXPECT_GT(proximity_of(search(widest), "far"), 0);
  auto whole = request("cocoa", 1, 0);
  whole.lead_words = std::numeric_limits<unsigned>::max();
  EXPECT_GT(lead_of(search(whole), "late"), 0);  // its "cocoa" is past the first 30 words
}

TEST_F(PositionalBonusTest, OneWordGetsNoProximityBonus) {
  const auto plain = search(request("cocoa", 0, 0));
  const auto close = search(request("cocoa", 0, 5));
  ASSERT_EQ(ids(plain), ids(close));
  for (std::size_t i = 0; i < plain.hits.size(); ++i) {
    EXPECT_EQ(plain.hits[i].score, close.hits[i].score);
    EXPECT_EQ(explained(close.hits[i], "(proximity)"), 0);
  }
}

// --- What earns nothing ---------------------------------------------------------------------

TEST_F(PositionalBonusTest, ExcludedWordsEarnNothing) {
  // `lead` opens with "cocoa exports ghana" and matches `cocoa (exports -ghana)` through
  // "cocoa": "ghana" is excluded there, and must earn neither a lead nor a proximity bonus
  // although it is in the lead next to "exports".
  const auto both = search(request("cocoa exports", 1, 1));
  const auto excluded = search(request("cocoa (exports -ghana)", 1, 1));
  const auto all_three = search(request("cocoa exports ghana", 1, 1));
  ASSERT_GT(lead_of(both, "lead"), 0);
  EXPECT_TRUE(near(lead_of(excluded, "lead"), lead_of(both, "lead")));
  EXPECT_TRUE(near(proximity_of(excluded, "lead"), proximity_of(both, "lead")));
  EXPECT_GT(lead_of(all_three, "lead"), lead_of(both, "lead"));  // as a word it would earn
  EXPECT_GT(proximity_of(all_three, "lead"), proximity_of(both, "lead"));
}

// A word joined to the others by an operator is as much a query word as one beside them:
// "cocoa exports NOT bank" matches what "cocoa exports" does (no cocoa article says "bank"),
// and "+cocoa" what "cocoa" does; their bonuses must not vanish because of the operator.
TEST_F(PositionalBonusTest, WordsJoinedByOperatorsKeepTheirBonuses) {
  const auto both = search(request("cocoa exports", 1, 1));
  for (const char* q : {"cocoa exports NOT bank", "cocoa exports -bank", "cocoa AND exports"}) {
    const auto other = search(request(q, 1, 1));
    for (const auto& id : {"late", "lead"}) {
      EXPECT_TRUE(near(lead_of(other, id), lead_of(both, id)))
          << q << ", " << id << ": " << lead_of(other, id) << " vs " << lead_of(both, id);
      EXPECT_TRUE(near(proximity_of(other, id), proximity_of(both, id)))
          << q << ", " << id << ": " << proximity_of(other, id) << " vs " << proximity_of(both, id);
    }
  }
  const auto plain = search(request("cocoa", 1, 0));
  const auto required = search(request("+cocoa", 1, 0));
  EXPECT_EQ(ids(required), ids(plain));
  EXPECT_TRUE(near(lead_of(required, "lead"), lead_of(plain, "lead")))
      << lead_of(required, "lead") << " vs " << lead_of(plain, "lead");
}

TEST_F(PositionalBonusTest, FieldValuesEarnNothing) {
  // "ghana" is in `lead`'s first words and its outlet's name: as a filter it earns nothing.
  const auto word = search(request("cocoa", 1, 1));
  const auto filtered = search(request("cocoa outlet:ghana", 1, 1));
  ASSERT_EQ(ids(filtered), ids(word));
  for (const auto& id : {"late", "lead"}) {
    EXPECT_EQ(hit(filtered, id).score, hit(word, id).score) << id;
    EXPECT_EQ(proximity_of(filtered, id), 0) << id;
  }
  const auto pair = search(request("cocoa exports", 1, 1));
  const auto pair_filtered = search(request("cocoa outlet:ghana exports", 1, 1));
  for (const auto& id : {"late", "lead"})
    EXPECT_TRUE(near(hit(pair_filtered, id).score, hit(pair, id).score)) << id;
}

// A query given with --similar filters the similar articles (docs/query.md): its words must not
// re-rank them either.
TEST_F(PositionalBonusTest, AQueryThatFiltersSimilarArticlesEarnsNothing) {
  auto off = request("cocoa", 0, 0);
  off.similar_to = "late";  // `lead` is like it, and opens with "cocoa"
  auto on = off;
  on.lead_weight = 5;
  on.proximity_weight = 5;
  const auto a = search(off);
  const auto b = search(on);
  ASSERT_EQ(ids(a), (Ids{"lead"}));  // the model article itself is not a hit
  ASSERT_EQ(ids(a), ids(b));
  for (std::size_t i = 0; i < a.hits.size(); ++i) {
    EXPECT_EQ(a.hits[i].score, b.hits[i].score) << a.hits[i].id;
    EXPECT_EQ(explained(b.hits[i], "(lead)"), 0) << b.hits[i].id;
  }
}

// --- Compounds: one concept, one bonus ------------------------------------------------------

// BM25 takes "cyberattack", "cyber-attack" and "cyber attack" as one concept; all three
// articles say it in their first words, so all three earn the same lead bonus for it.
TEST_F(PositionalBonusTest, ACompoundEarnsTheLeadBonusHoweverItIsWritten) {
  for (const char* q : {"cyberattack", "cyber-attack"}) {
    const auto r = search(request(q, 1, 0));
    ASSERT_EQ(r.hits.size(), 3u) << q;
    const double joined = lead_of(r, "joined");
    EXPECT_GT(joined, 0) << q;
    EXPECT_TRUE(near(lead_of(r, "hyphen"), joined)) << q << ": " << lead_of(r, "hyphen");
    EXPECT_TRUE(near(lead_of(r, "spaced"), joined)) << q << ": " << lead_of(r, "spaced");
  }
}

// "cyber attack": the hyphenated article (indexed as cyber, attack and cyberattack) must not
// earn more lead than the spaced one by counting its compound again for "cyber".
TEST_F(PositionalBonusTest, AHyphenatedCompoundIsNotCountedTwiceInTheLead) {
  const auto r = search(request("cyber attack", 1, 0));
  EXPECT_GT(lead_of(r, "spaced"), 0);
  EXPECT_TRUE(near(lead_of(r, "hyphen"), lead_of(r, "spaced")))
      << lead_of(r, "hyphen") << " vs " << lead_of(r, "spaced");
}

// --- Depth, pages, order --------------------------------------------------------------------

TEST_F(PositionalBonusTest, OnlyTheRerankDepthIsReRanked) {
  const auto plain = search(request("wheat", 0, 0));
  ASSERT_EQ(ids(plain), (Ids{"w1", "w2", "w3"}));
  const auto bm25 = scores(plain);
  auto r = request("wheat", 3, 0);
  r.rerank_depth = 3;
  EXPECT_EQ(ids(search(r)), (Ids{"w2", "w3", "w1"}));
  // Depth 2: w1 and w2 are re-ranked; w3, below, keeps its BM25 place and score although it
  // would earn as much as w2.
  r.rerank_depth = 2;
  auto result = search(r);
  EXPECT_EQ(ids(result), (Ids{"w2", "w1", "w3"}));
  EXPECT_EQ(hit(result, "w3").score, bm25.at("w3"));
  EXPECT_EQ(lead_of(result, "w3"), 0);
  // Depth 1: w1 alone, which earns nothing; everything stays.
  r.rerank_depth = 1;
  result = search(r);
  EXPECT_EQ(ids(result), ids(plain));
  EXPECT_EQ(scores(result), bm25);
  r.rerank_depth = 0;
  EXPECT_EQ(scores(search(r)), bm25);
}

TEST_F(PositionalBonusTest, PagesAgreeWithOneLongPage) {
  const std::string q = "cocoa exports ghana wheat central bank";
  const auto plain = search(request(q, 0, 0));
  ASSERT_GE(plain.hits.size(), 12u);
  for (const std::size_t depth : {1u, 3u, 5u, 20u}) {
    auto all = request(q, 3, 1);
    all.rerank_depth = depth;
    const auto whole = search(all);
    ASSERT_EQ(whole.hits.size(), plain.hits.size()) << depth;
    if (depth == 20) {
      ASSERT_NE(ids(whole), ids(plain));  // the re-ranking does something
    }
    for (const std::size_t size : {1u, 2u, 3u}) {
      Ids paged;
      for (std::size_t offset = 0; offset < whole.hits.size(); offset += size) {
        auto page = all;
        page.offset = offset;
        page.limit = size;
        const auto result = search(page);
        ASSERT_EQ(result.hits.size(), std::min(size, whole.hits.size() - offset));
        for (std::size_t i = 0; i < result.hits.size(); ++i) {
          EXPECT_EQ(result.hits[i].rank, offset + i + 1);
          EXPECT_EQ(result.hits[i].score, whole.hits[offset + i].score)
              << "depth " << depth << " page " << offset << "+" << size;
          paged.push_back(result.hits[i].id);
        }
      }
      EXPECT_EQ(paged, ids(whole)) << "depth " << depth << ", pages of " << size;
    }
  }
  // The brief's own case: offset 0 limit 2, then offset 2 limit 2, is offset 0 limit 4.
  auto four = request(q, 3, 1);
  four.limit = 4;
  auto first = four, second = four;
  first.limit = second.limit = 2;
  second.offset = 2;
  Ids two_pages = ids(search(first));
  for (const auto& id : ids(search(second))) two_pages.push_back(id);
  EXPECT_EQ(two_pages, ids(search(four)));
}

TEST_F(PositionalBonusTest, PastTheLastHitAndNoHitsAreFine) {
  auto r = request("cocoa", 1, 1);
  r.offset = 5;
  auto result = search(r);
  EXPECT_TRUE(result.hits.empty());
  EXPECT_EQ(result.total, 2u);
  r.offset = 0;
  r.limit = 0;
  result = search(r);
  EXPECT_TRUE(result.hits.empty());
  EXPECT_EQ(result.total, 2u);
  r = request("zeppelin", 1, 1);
  result = search(r);
  EXPECT_TRUE(result.hits.empty());
  EXPECT_EQ(result.total, 0u);
}

TEST_F(PositionalBonusTest, DateOrderIsUntouched) {
  for (const auto order : {SortOrder::kDateDescending, SortOrder::kDateAscending}) {
    auto plain = request("wheat cocoa", 0, 0);
    plain.sort = order;
    auto bonus = request("wheat cocoa", 5, 5);
    bonus.sort = order;
    const auto a = search(plain);
    const auto b = search(bonus);
    ASSERT_EQ(a.hits.size(), 5u);
    EXPECT_EQ(ids(a), ids(b));
    for (std::size_t i = 0; i < a.hits.size(); ++i) {
      EXPECT_EQ(a.hits[i].score, b.hits[i].score);
      EXPECT_EQ(explained(b.hits[i], "(lead)"), 0);
    }
    const Ids by_date = order == SortOrder::kDateDescending ? Ids{"w3", "w2", "w1", "lead", "late"}
                                                            : Ids{"late", "lead", "w1", "w2", "w3"};
    EXPECT_EQ(ids(b), by_date);
  }
}

TEST_F(PositionalBonusTest, MatchingInPartsGivesTheSameReRanking) {
  SearcherOptions parts;
  parts.threads = 2;
  parts.min_documents_for_parts = 0;  // every query in parts
  parts.min_postings_for_parts = 0;
  Searcher two(db_path(), parts);
  auto r = request("cocoa exports ghana wheat central bank", 3, 1);
  r.explain = false;
  for (const std::size_t offset : {0u, 2u, 7u}) {
    r.offset = offset;
    r.limit = 3;
    const auto a = search(r);
    const auto b = two.search(r);
    ASSERT_EQ(ids(a), ids(b)) << offset;
    for (std::size_t i = 0; i < a.hits.size(); ++i) EXPECT_EQ(a.hits[i].score, b.hits[i].score);
  }
}

// --- Explanations ---------------------------------------------------------------------------

TEST_F(PositionalBonusTest, ExplanationShowsTheBonusesAndAddsUpToTheScore) {
  const std::string q = "cocoa exports ghana wheat central bank";
  const auto plain = scores(search(request(q, 0, 0)));
  const auto result = search(request(q, 1, 1));
  ASSERT_FALSE(result.hits.empty());
  EXPECT_GT(lead_of(result, "lead"), 0);
  EXPECT_GT(proximity_of(result, "lead"), 0);  // "cocoa exports ghana", side by side
  EXPECT_EQ(lead_of(result, "late"), 0);
  EXPECT_GT(proximity_of(result, "late"), 0);  // "cocoa exports cocoa ghana"
  for (const auto& h : result.hits) {
    double sum = 0, bonus = 0;
    for (const auto& c : h.explanation) {
      sum += c.weight;
      if (c.term == "(lead)" || c.term == "(proximity)") bonus += c.weight;
    }
    EXPECT_NEAR(sum, h.score, 1e-9 * std::max(1.0, h.score)) << h.id;
    // The bonus entries are exactly what the bonuses added to the BM25 score.
    EXPECT_NEAR(h.score - bonus, plain.at(h.id), 1e-9 * std::max(1.0, h.score)) << h.id;
  }
}

// --- Feedback (RM3) -------------------------------------------------------------------------

TEST_F(PositionalBonusTest, FeedbackKeepsTheMatchesAndCounts) {
  for (const char* q : {"coffee", "cocoa exports", "coffee outlet:wire", "\"central bank\"",
                        "wheat -bank", "zeppelin"}) {
    for (const bool all_words : {false, true}) {
      auto plain = request(q, 0, 0);
      plain.exact_total = true;
      plain.match_all = all_words;
      auto expanded = plain;
      expanded.expand_documents = 5;
      expanded.expand_terms = 5;
      const auto a = search(plain);
      const auto b = search(expanded);
      EXPECT_EQ(b.total, a.total) << q;
      EXPECT_EQ(b.total_lower, a.total_lower) << q;
      const auto ids_a = ids(a), ids_b = ids(b);
      EXPECT_EQ(std::set<std::string>(ids_b.begin(), ids_b.end()),
                std::set<std::string>(ids_a.begin(), ids_a.end()))
          << q;
    }
  }
}

TEST_F(PositionalBonusTest, FeedbackLiftsTheArticlesThatShareTheTopicsVocabulary) {
  auto plain = request("coffee", 0, 0);
  const auto a = search(plain);
  ASSERT_EQ(a.hits.size(), 5u);
  ASSERT_EQ(a.hits[0].id, "decoy");  // "coffee" three times
  auto expanded = plain;
  expanded.expand_documents = 5;
  expanded.expand_terms = 5;
  expanded.expand_original_weight = 0.5;
  const auto b = search(expanded);
  ASSERT_EQ(b.hits.size(), 5u);
  // The four trade articles share arabica, robusta, roasters, harvest: they pass the decoy,
  // and `beans`, which says them all but not "coffee", is still not a match.
  EXPECT_EQ(b.hits.back().id, "decoy") << ::testing::PrintToString(ids(b));
  for (const auto& h : b.hits) {
    EXPECT_NE(h.id, "beans");
    if (h.id == "decoy") continue;
    EXPECT_GT(h.score, hit(a, h.id).score) << h.id;
    EXPECT_GT(explained(h, "(expansion and other)"), 0) << h.id;
  }
  // The more weight the original query keeps, the less feedback moves the scores.
  auto mild = expanded;
  mild.expand_original_weight = 0.9;
  const auto c = search(mild);
  EXPECT_LT(hit(c, "trade1").score, hit(b, "trade1").score);
  EXPECT_GT(hit(c, "trade1").score, hit(a, "trade1").score);
}

TEST_F(PositionalBonusTest, FeedbackOnNothingOrOnAFilterIsFine) {
  auto r = request("zeppelin", 1, 1);
  r.expand_documents = 5;
  auto result = search(r);
  EXPECT_TRUE(result.hits.empty());
  EXPECT_EQ(result.total, 0u);
  r.query = "outlet:ghana";  // no ranked word to expand
  result = search(r);
  EXPECT_EQ(ids(result).size(), 2u);
  r.query = "zeppelin OR outlet:nowhere";
  EXPECT_TRUE(search(r).hits.empty());
}

TEST_F(PositionalBonusTest, FeedbackRefusesAnOriginalWeightOutsideZeroToOne) {
  for (const double w : {0.0, 1.0, 1.5, -0.5, std::nan("")}) {
    auto r = request("coffee", 0, 0);
    r.expand_documents = 5;
    r.expand_original_weight = w;
    EXPECT_THROW(search(r), Error) << w;
  }
}

// Schema 5 added the body start the lead bonus reads: a version 4 database has none, and is
// refused with the way out rather than searched with the bonus silently missing.
TEST(PositionalBonusSchema, AVersion4DatabaseIsRefusedWithReIndex) {
  const fs::path dir =
      fs::temp_directory_path() / ("newsdex-schema4-" + std::to_string(std::random_device{}()));
  fs::create_directories(dir);
  {
    std::ofstream(dir / "a.jsonl") << R"({"id": "a", "title": "Cocoa", "body": "Cocoa rose."})"
                                   << "\n";
  }
  IndexOptions options;
  options.db_path = (dir / "db").string();
  options.inputs = {(dir / "a.jsonl").string()};
  run_index_job(options);
  EXPECT_NO_THROW(Searcher{options.db_path});
  {
    Xapian::WritableDatabase db(options.db_path);
    EXPECT_EQ(db.get_metadata("newsdex.schema_version"), "6");
    db.set_metadata("newsdex.schema_version", "4");
    db.commit();
  }
  try {
    Searcher searcher(options.db_path);
    ADD_FAILURE() << "a version 4 database was opened";
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 4"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("reads version 6"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("re-index it"), std::string::npos) << e.what();
  }
  // Nor is it updated in place: the indexer would add articles with body starts to one
  // without them.
  options.inputs = {(dir / "a.jsonl").string()};
  try {
    run_index_job(options);
    ADD_FAILURE() << "a version 4 database was updated";
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 4"), std::string::npos) << e.what();
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace newsdex
