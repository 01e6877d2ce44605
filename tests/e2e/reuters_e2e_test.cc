// End-to-end over the bundled Reuters-21578 corpus (21,578 articles): filters, facets, phrases,
// dates, sorting, suggestions and more-like-this checked against counts taken from the JSON
// source itself. Labelled "slow": indexing takes a while, so it runs in the Release build only.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <zlib.h>

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

const std::string kCorpus =
    std::string(NEWSDEX_SOURCE_DIR) + "/corpora/reuters21578/reuters21578.jsonl.gz";

struct SourceArticle {
  std::string text;  // title + body, lower case, whitespace collapsed
  std::string date;
  std::set<std::string> topics, places;
};

std::string normalise(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return out;
}

std::map<std::string, SourceArticle> load_source() {
  std::map<std::string, SourceArticle> articles;
  gzFile file = gzopen(kCorpus.c_str(), "rb");
  if (!file) return articles;
  std::string data;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) data.append(buffer, n);
  gzclose(file);
  simdjson::dom::parser parser;
  std::size_t start = 0;
  while (start < data.size()) {
    auto end = data.find('\n', start);
    if (end == std::string::npos) end = data.size();
    simdjson::dom::object obj;
    if (!parser.parse(data.substr(start, end - start)).get(obj)) {
      std::string_view id, title, body, date;
      if (obj["id"].get(id)) id = {};
      if (obj["title"].get(title)) title = {};
      if (obj["body"].get(body)) body = {};
      if (obj["date"].get(date)) date = {};
      SourceArticle a{
          normalise(std::string(title) + " " + std::string(body)), std::string(date), {}, {}};
      for (const char* field : {"topics", "places"}) {
        simdjson::dom::array values;
        if (obj[field].get(values)) continue;
        for (simdjson::dom::element v : values) {
          std::string_view s;
          if (!v.get(s)) (std::string(field) == "topics" ? a.topics : a.places).emplace(s);
        }
      }
      articles.emplace(std::string(id), std::move(a));
    }
    start = end + 1;
  }
  return articles;
}

class Reuters : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    source_ = load_source();
    ASSERT_EQ(source_.size(), 21578u) << "cannot read " << kCorpus;
    ASSERT_TRUE(std::filesystem::exists(db())) << "the reuters_index ctest fixture builds it";
  }
  // Built by the reuters_index ctest fixture (newsdex-index on the bundled corpus).
  static std::filesystem::path db() { return NEWSDEX_REUTERS_DB; }
  static std::uint64_t count_where(const std::function<bool(const SourceArticle&)>& pred) {
    return static_cast<std::uint64_t>(std::count_if(
        source_.begin(), source_.end(), [&](const auto& kv) { return pred(kv.second); }));
  }
  static inline std::map<std::string, SourceArticle> source_;
};

TEST_F(Reuters, EveryArticleIsIndexed) {
  const auto all = query_json(db(), "NOT zzzznotaword", {"--exact-total", "--limit", "0"});
  EXPECT_EQ(all.total, 21578u);
}

TEST_F(Reuters, KeywordFiltersMatchTheJsonCounts) {
  const auto cocoa = query_json(db(), "topics:cocoa", {"--exact-total", "--limit", "100"});
  EXPECT_EQ(cocoa.total, count_where([](const auto& a) { return a.topics.count("cocoa") > 0; }));
  EXPECT_EQ(cocoa.total, 76u);
  for (const auto& h : cocoa.hits) {
    EXPECT_TRUE(source_.at(h.id).topics.count("cocoa")) << h.id;
  }
  const auto uruguay = query_json(db(), "places:uruguay", {"--exact-total"});
  EXPECT_EQ(uruguay.total,
            count_where([](const auto& a) { return a.places.count("uruguay") > 0; }));
}

TEST_F(Reuters, FacetCountsMatchTheJsonCounts) {
  const auto out =
      query_json(db(), "places:uruguay", {"--facets", "topics,places", "--facet-limit", "1000"});
  std::map<std::string, std::uint64_t> topics, places;
  for (const auto& [id, a] : source_) {
    if (!a.places.count("uruguay")) continue;
    for (const auto& t : a.topics) ++topics[t];
    for (const auto& p : a.places) ++places[p];
  }
  EXPECT_EQ(out.facets.at("topics"), topics);
  EXPECT_EQ(out.facets.at("places"), places);
}

TEST_F(Reuters, PhraseHitsContainThePhrase) {
  const auto out = query_json(db(), "\"crude oil prices\"", {"--limit", "50"});
  ASSERT_GT(out.hits.size(), 5u);
  for (const auto& h : out.hits) {
    const auto& text = source_.at(h.id).text;
    // Phrases match on stems: "crude oil prices", "crude oil price", "crude oil pricing".
    EXPECT_NE(text.find("crude oil pric"), std::string::npos) << h.id;
  }
}

TEST_F(Reuters, DateRangeHitsLieInTheRange) {
  const auto out = query_json(db(), "oil date:1987-03-10..1987-03-12", {"--limit", "200"});
  ASSERT_GT(out.hits.size(), 10u);
  for (const auto& h : out.hits) {
    EXPECT_GE(h.date.substr(0, 10), "1987-03-10") << h.id;
    EXPECT_LE(h.date.substr(0, 10), "1987-03-12") << h.id;
  }
  const auto march = query_json(db(), "date:1987-03", {"--exact-total", "--limit", "0"});
  EXPECT_EQ(march.total, count_where([](const auto& a) { return a.date.starts_with("1987-03"); }));
}

TEST_F(Reuters, SortingByDateIsMonotone) {
  const auto out = query_json(db(), "coffee", {"--sort", "-date", "--limit", "100"});
  ASSERT_EQ(out.hits.size(), 100u);
  for (std::size_t i = 1; i < out.hits.size(); ++i)
    EXPECT_GE(out.hits[i - 1].date, out.hits[i].date);
}

TEST_F(Reuters, DidYouMeanUsesTheIndexVocabulary) {
  EXPECT_EQ(query_json(db(), "Brazl coffee").suggestion, "brazil coffee");
  EXPECT_EQ(query_json(db(), "cocao").suggestion, "cocoa");
}

// Suggestions come from the archive's words as written, the closest first, then the most
// frequent: "cofee" is one edit from "coffee" and two from the more frequent "come".
TEST_F(Reuters, DidYouMeanOffersTheClosestWordAsWritten) {
  EXPECT_EQ(query_json(db(), "cofee").suggestion, "coffee");
  EXPECT_EQ(query_json(db(), "goverment").suggestion, "government");  // a typo of 6 articles
  EXPECT_EQ(query_json(db(), "petrolium").suggestion, "petroleum");
  EXPECT_EQ(query_json(db(), "tokio").suggestion, "tokyo");  // Tokio Marine, once
  EXPECT_EQ(query_json(db(), "bankk of japan").suggestion, "bank of japan");
  EXPECT_EQ(query_json(db(), "Cofee prices in Brazl").suggestion, "coffee prices in brazil");
  // Correctly spelled rare words, and words of scripts without case, are left alone.
  EXPECT_EQ(query_json(db(), "zirconium").suggestion, "");
  EXPECT_EQ(query_json(db(), "yttrium").suggestion, "");
  EXPECT_EQ(query_json(db(), "\xE7\xBD\x91\xE7\xBB\x9C").suggestion, "");  // 网络
  const auto text = run_command(NEWSDEX_QUERY_BIN, {"--db", db().string(), "--", "cofee"});
  EXPECT_NE(text.out.find("did you mean: coffee"), std::string::npos) << text.out;
}

// An archive of one language analyzes queries in that language only: the default (every
// language of the archive) ranks exactly as pinning English does, scores and all.
TEST_F(Reuters, AnEnglishArchiveRanksAsPinnedEnglish) {
  const char* const queries[] = {
      "oil",
      "coffee prices",
      "\"interest rates\"",
      "bank NEAR/5 japan",
      "opec output",
      "+wheat -corn",
      "title:gold",
      "trade AND (japan OR korea)",
      "attack",
      "defence budget",
      "grain exports date:1987-03",
      "sugar topics:sugar",
      "strike",
      "merger acquisition",
      "dollar yen",
      "crude NOT brent",
      "stocks fell",
      "tin",
      "\"federal reserve\" rates",
      "shr cts",
  };
  for (const char* q : queries) {
    const auto all = query_json(db(), q, {"--limit", "100"});
    const auto english = query_json(db(), q, {"--limit", "100", "--language", "en"});
    ASSERT_EQ(all.hits.size(), english.hits.size()) << q;
    EXPECT_FALSE(all.hits.empty()) << q;
    for (std::size_t i = 0; i < all.hits.size(); ++i) {
      EXPECT_EQ(all.hits[i].id, english.hits[i].id) << q << " #" << i;
      EXPECT_EQ(all.hits[i].score, english.hits[i].score) << q << " #" << i;
      EXPECT_EQ(all.hits[i].language, "en") << all.hits[i].id;
    }
  }
}

TEST_F(Reuters, SimilarArticlesShareTheTopic) {
  // reuters21578-1 is a cocoa crop report.
  const auto out = query_json(db(), "", {"--similar", "reuters21578-1", "--limit", "10"});
  ASSERT_EQ(out.hits.size(), 10u);
  // Many Reuters articles carry no topic label: most labelled hits must be labelled cocoa, and
  // most hits must be about cocoa.
  int labelled = 0, labelled_cocoa = 0, about_cocoa = 0;
  for (const auto& h : out.hits) {
    const auto& a = source_.at(h.id);
    about_cocoa += a.text.find("cocoa") != std::string::npos;
    if (a.topics.empty()) continue;
    ++labelled;
    labelled_cocoa += a.topics.count("cocoa") > 0;
  }
  EXPECT_GE(about_cocoa, 8);
  EXPECT_GE(labelled, 3);
  EXPECT_GE(labelled_cocoa * 5, labelled * 4);  // at least 80%
  EXPECT_FALSE(std::any_of(out.hits.begin(), out.hits.end(),
                           [](const auto& h) { return h.id == "reuters21578-1"; }));
}

TEST_F(Reuters, BadQueriesExitTwo) {
  const std::vector<std::string> strict = {"--syntax", "strict"};
  EXPECT_EQ(query_json(db(), "topics:(cocoa", strict).exit_code, 2);
  EXPECT_EQ(query_json(db(), "colour:red", strict).exit_code, 2);
  EXPECT_NE(query_json(db(), "colour:red", strict).err.find("topics"), std::string::npos);
}

// Fifty queries of every class over the Reuters vocabulary, from common to rare words.
const std::vector<std::string> kRankingQueries = {"cocoa",
                                                  "oil prices",
                                                  "\"interest rates\"",
                                                  "topics:grain wheat",
                                                  "date:1987-04 dollar",
                                                  "bank NEAR/3 rates",
                                                  "coffee brazil",
                                                  "opec output ceiling",
                                                  "gold mining",
                                                  "trade deficit",
                                                  "japan semiconductors",
                                                  "yen dollar intervention",
                                                  "sugar",
                                                  "crude",
                                                  "shipping strike",
                                                  "\"net loss\"",
                                                  "acquisition merger",
                                                  "title:profit",
                                                  "soybeans",
                                                  "corn exports",
                                                  "federal reserve",
                                                  "bundesbank",
                                                  "stock split",
                                                  "dividend",
                                                  "tin council",
                                                  "places:canada wheat",
                                                  "rubber agreement",
                                                  "\"money supply\"",
                                                  "bonds",
                                                  "inflation forecast",
                                                  "petroleum",
                                                  "copper prices",
                                                  "takeover bid",
                                                  "chrysler",
                                                  "unemployment",
                                                  "cotton",
                                                  "natural gas",
                                                  "grain AND ussr",
                                                  "oil -opec",
                                                  "(coffee OR cocoa) quota",
                                                  "treasury bills",
                                                  "reserves",
                                                  "gnp growth",
                                                  "cattle",
                                                  "palm oil",
                                                  "aluminium",
                                                  "debt rescheduling",
                                                  "shares NEAR/5 offer",
                                                  "ecuador",
                                                  "tax reform"};

// Rankings agree when the scores agree rank by rank and the same articles sit above the last
// score of the page; the order among equal scores follows document ids, which a build may
// assign differently.
void expect_same_rankings(const std::filesystem::path& expected_db,
                          const std::filesystem::path& db) {
  for (const auto& q : kRankingQueries) {
    const auto a = query_json(expected_db, q, {"--limit", "100", "--exact-total"});
    const auto b = query_json(db, q, {"--limit", "100", "--exact-total"});
    ASSERT_EQ(a.exit_code, b.exit_code) << q << "\n" << a.err << b.err;
    EXPECT_EQ(a.total, b.total) << q;
    ASSERT_EQ(a.hits.size(), b.hits.size()) << q;
    if (a.hits.empty()) continue;
    std::map<double, std::set<std::string>> a_by_score, b_by_score;
    for (std::size_t i = 0; i < a.hits.size(); ++i) {
      EXPECT_DOUBLE_EQ(a.hits[i].score, b.hits[i].score) << q << " #" << i;
      a_by_score[a.hits[i].score].insert(a.hits[i].id);
      b_by_score[b.hits[i].score].insert(b.hits[i].id);
    }
    const double last = a.hits.back().score;
    for (const auto& [score, ids] : a_by_score) {
      if (score <= last) continue;  // the page may cut a group of equal scores anywhere
      EXPECT_EQ(ids, b_by_score[score]) << q << " score " << score;
    }
  }
}

std::uint64_t article_count(const std::filesystem::path& db) {
  return query_json(db, "NOT zzzznotaword", {"--exact-total", "--limit", "0"}).total;
}

TEST(ReutersJobs, OneAndFourJobsGiveTheSameArticlesAndScores) {
  TempDir dir;
  const auto one = dir.path() / "one.db";
  const auto four = dir.path() / "four.db";
  ASSERT_EQ(
      run_command(NEWSDEX_INDEX_BIN, {"--db", one.string(), "--quiet", "--jobs", "1", kCorpus})
          .exit_code,
      0);
  ASSERT_EQ(
      run_command(NEWSDEX_INDEX_BIN, {"--db", four.string(), "--quiet", "--jobs", "4", kCorpus})
          .exit_code,
      0);
  EXPECT_EQ(article_count(one), 21578u);
  EXPECT_EQ(article_count(four), 21578u);
  expect_same_rankings(one, four);
  // And the same as the fixture's build with the default job count.
  expect_same_rankings(NEWSDEX_REUTERS_DB, four);
}

TEST(ReutersCrash, AKilledBuildLeavesNothingHalfDoneAndTheRerunMatchesACleanBuild) {
  TempDir dir;
  const auto crashed = dir.path() / "crashed.db";
  // Kill -9 at different points (while shards are built, while they merge), then finish with
  // the same command. A new database is swapped in whole: before that it is empty.
  for (const int delay_ms : {1500, 4000}) {
    BackgroundProcess run(NEWSDEX_INDEX_BIN, {"--db", crashed.string(), "--quiet", kCorpus});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    run.signal(SIGKILL);
    const auto killed = run.wait();
    if (killed.exit_code == 0) break;  // finished first: nothing to recover
    EXPECT_EQ(killed.exit_code, 128 + SIGKILL);
    const auto total = article_count(crashed);
    EXPECT_TRUE(total == 0 || total == 21578u) << total;
  }
  const auto finish =
      run_command(NEWSDEX_INDEX_BIN, {"--db", crashed.string(), "--quiet", kCorpus});
  ASSERT_EQ(finish.exit_code, 0) << finish.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "crashed.db.build"));
  expect_same_rankings(NEWSDEX_REUTERS_DB, crashed);
}

TEST(ReutersCrash, KilledIncrementalRunsResumeToTheCleanBuildsDatabase) {
  TempDir dir;
  const auto crashed = dir.path() / "crashed.db";
  // An existing database is updated in place, commit by commit.
  const auto seed = dir.path() / "seed.jsonl";
  std::ofstream(seed) << R"({"id":"seed-article","title":"Seed","body":"placeholder"})"
                      << "\n";
  ASSERT_EQ(run_command(NEWSDEX_INDEX_BIN, {"--db", crashed.string(), "--quiet", seed.string()})
                .exit_code,
            0);
  for (const int delay_ms : {1500, 4000}) {
    BackgroundProcess run(NEWSDEX_INDEX_BIN,
                          {"--db", crashed.string(), "--quiet", "--batch", "1000", kCorpus});
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    run.signal(SIGKILL);
    const auto killed = run.wait();
    if (killed.exit_code == 0) break;
    EXPECT_EQ(killed.exit_code, 128 + SIGKILL);
    // The database opens at its last commit: whole batches, no half-written article.
    const auto total = article_count(crashed);
    EXPECT_EQ((total - 1) % 1000, 0u) << total;
  }
  const auto finish = run_command(NEWSDEX_INDEX_BIN, {"--db", crashed.string(), "--quiet",
                                                      "--delete", "seed-article", "--", kCorpus});
  ASSERT_EQ(finish.exit_code, 0) << finish.err;
  EXPECT_EQ(article_count(crashed), 21578u);
  expect_same_rankings(NEWSDEX_REUTERS_DB, crashed);
}

}  // namespace
}  // namespace newsdex::test
