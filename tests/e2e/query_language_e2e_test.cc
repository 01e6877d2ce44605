// End-to-end: every query-language feature through the real binaries, on a small corpus written
// here so that each expectation can be checked by reading the fixture.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

constexpr const char* kCorpus = R"(
{"id": "a1", "outlet": "Daily Planet", "author": "Lois Lane", "date": "2022-09-01", "url": "https://planet.example/a1", "title": "Harbour strike spreads", "body": "Dock workers in the harbour walked out on Monday as the strike spread to the northern port."}
{"id": "a2", "outlet": "Daily Planet", "author": "Clark Kent", "date": "2022-09-15T08:00:00Z", "title": "Port strike ends", "body": "The port strike ended after the union accepted a new wage offer from the harbour board."}
{"id": "a3", "outlet": "Evening Star", "author": "Lois Lane", "date": "2022-10-02", "title": "Grain prices climb", "body": "Wheat and corn prices climbed as the harbour strike delayed grain exports for a week."}
{"id": "a4", "outlet": "Evening Star", "date": "2021-12-24", "title": "Holiday markets", "body": "Christmas markets opened across the city with record crowds and mulled wine."}
{"id": "a5", "outlet": "Morning Post", "date": "2022-09-20", "title": "Union leaders meet", "body": "Union leaders met ministers to discuss wages, the strike and pensions in a long meeting."}
{"id": "a6", "outlet": "Morning Post", "date": "2022-11-30", "title": "Cyber attack on harbour systems", "body": "A cyber attack disabled the harbour booking systems; cybersecurity experts were called in."}
)";

class QueryLanguage : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    std::ofstream(dir_->path() / "corpus.jsonl") << kCorpus;
    const auto run = run_command(NEWSDEX_INDEX_BIN,
                                 {"--db", db().string(), (dir_->path() / "corpus.jsonl").string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static std::filesystem::path db() { return dir_->path() / "db"; }
  static std::set<std::string> found(const std::string& q, std::vector<std::string> extra = {}) {
    const auto out = query_json(db(), q, extra);
    EXPECT_NE(out.exit_code, 2) << q << ": " << out.err;
    return ids(out);
  }
  static inline std::unique_ptr<TempDir> dir_;
};

using Ids = std::set<std::string>;

TEST_F(QueryLanguage, WordsAreOredAndRankedOrAllRequired) {
  EXPECT_EQ(found("wheat christmas"), (Ids{"a3", "a4"}));
  EXPECT_EQ(found("strike harbour", {"--match", "all"}), (Ids{"a1", "a2", "a3"}));
}

TEST_F(QueryLanguage, PhrasesMatchConsecutiveWordsOnly) {
  EXPECT_EQ(found("\"harbour strike\""), (Ids{"a1", "a3"}));
  EXPECT_EQ(found("\"strike harbour\""), Ids{});
  // Phrases match on stems: "strikes spreading" is "strike spread".
  EXPECT_EQ(found("\"strikes spreading\""), (Ids{"a1"}));
}

TEST_F(QueryLanguage, PhraseHitsContainThePhraseHighlighted) {
  const auto out = query_json(db(), "\"port strike\"");
  ASSERT_EQ(out.hits.size(), 1u);
  EXPECT_NE(out.hits[0].snippet.find("<mark>port strike</mark>"), std::string::npos)
      << out.hits[0].snippet;
}

TEST_F(QueryLanguage, NearMatchesWordsWithinTheDistance) {
  EXPECT_EQ(found("strike NEAR/2 union"), Ids{});
  EXPECT_EQ(found("union NEAR/3 wage"), (Ids{"a2"}));    // "union accepted a new wage"
  EXPECT_EQ(found("wages NEAR/2 strike"), (Ids{"a5"}));  // "wages, the strike"
}

TEST_F(QueryLanguage, BooleanOperatorsAndModifiers) {
  EXPECT_EQ(found("strike AND grain"), (Ids{"a3"}));
  EXPECT_EQ(found("strike NOT harbour"), (Ids{"a5"}));
  EXPECT_EQ(found("strike -harbour"), (Ids{"a5"}));
  EXPECT_EQ(found("+harbour strike"), (Ids{"a1", "a2", "a3", "a6"}));
  EXPECT_EQ(found("(wheat OR christmas) AND prices"), (Ids{"a3"}));
  EXPECT_EQ(found("NOT strike"), (Ids{"a4", "a6"}));
}

TEST_F(QueryLanguage, PrefixWildcards) {
  EXPECT_EQ(found("cyber*"), (Ids{"a6"}));
  EXPECT_EQ(found("pens*"), (Ids{"a5"}));
}

TEST_F(QueryLanguage, FieldsFilter) {
  EXPECT_EQ(found("title:strike"), (Ids{"a1", "a2"}));
  EXPECT_EQ(found("outlet:\"evening star\""), (Ids{"a3", "a4"}));
  EXPECT_EQ(found("outlet:planet strike"), (Ids{"a1", "a2"}));
  EXPECT_EQ(found("author:\"lois lane\""), (Ids{"a1", "a3"}));
  EXPECT_EQ(found("author:lane"), (Ids{"a1", "a3"}));
  EXPECT_EQ(found("id:a4"), (Ids{"a4"}));
  EXPECT_EQ(found("url:https://planet.example/a1"), (Ids{"a1"}));
}

TEST_F(QueryLanguage, FieldFiltersDoNotChangeScores) {
  const auto plain = query_json(db(), "strike");
  const auto filtered = query_json(db(), "strike outlet:planet");
  ASSERT_EQ(filtered.hits.size(), 2u);
  for (const auto& f : filtered.hits)
    for (const auto& p : plain.hits)
      if (p.id == f.id) {
        EXPECT_DOUBLE_EQ(p.score, f.score) << f.id;
      }
}

TEST_F(QueryLanguage, DatesAndRanges) {
  EXPECT_EQ(found("date:2022-09-01"), (Ids{"a1"}));
  EXPECT_EQ(found("date:2022-09"), (Ids{"a1", "a2", "a5"}));
  EXPECT_EQ(found("date:2021"), (Ids{"a4"}));
  EXPECT_EQ(found("date:2022-09-15..2022-10-02"), (Ids{"a2", "a3", "a5"}));
  EXPECT_EQ(found("date:>=2022-10-02"), (Ids{"a3", "a6"}));
  EXPECT_EQ(found("date:<2022-09-01"), (Ids{"a4"}));
  EXPECT_EQ(found("strike date:2022-09"), (Ids{"a1", "a2", "a5"}));
}

TEST_F(QueryLanguage, EveryHitOfADateRangeLiesInIt) {
  const auto out = query_json(db(), "harbour date:2022-09-10..2022-12-31", {"--limit", "50"});
  ASSERT_FALSE(out.hits.empty());
  for (const auto& h : out.hits) {
    EXPECT_GE(h.date.substr(0, 10), "2022-09-10") << h.id;
    EXPECT_LE(h.date.substr(0, 10), "2022-12-31") << h.id;
  }
}

TEST_F(QueryLanguage, SortByDateIsMonotone) {
  const auto asc = query_json(db(), "harbour OR markets OR union", {"--sort", "date"});
  const auto desc = query_json(db(), "harbour OR markets OR union", {"--sort", "-date"});
  ASSERT_GE(asc.hits.size(), 5u);
  for (std::size_t i = 1; i < asc.hits.size(); ++i)
    EXPECT_LE(asc.hits[i - 1].date, asc.hits[i].date);
  for (std::size_t i = 1; i < desc.hits.size(); ++i)
    EXPECT_GE(desc.hits[i - 1].date, desc.hits[i].date);
  EXPECT_EQ(asc.hits.front().id, "a4");
  EXPECT_EQ(desc.hits.front().id, "a6");
}

TEST_F(QueryLanguage, CollapseKeepsOneHitPerOutlet) {
  const auto out = query_json(db(), "harbour OR strike OR markets", {"--collapse", "outlet"});
  std::set<std::string> outlets;
  for (const auto& h : out.hits) {
    EXPECT_TRUE(outlets.insert(h.outlet).second) << h.outlet;
  }
  EXPECT_EQ(outlets.size(), 3u);
}

TEST_F(QueryLanguage, FacetsCountAllMatches) {
  const auto out =
      query_json(db(), "harbour", {"--facets", "outlet,date.month,date.year", "--limit", "1"});
  EXPECT_EQ(out.total, 4u);
  EXPECT_EQ(out.facets.at("outlet"),
            (std::map<std::string, std::uint64_t>{
                {"Daily Planet", 2}, {"Evening Star", 1}, {"Morning Post", 1}}));
  EXPECT_EQ(out.facets.at("date.month"),
            (std::map<std::string, std::uint64_t>{{"2022-09", 2}, {"2022-10", 1}, {"2022-11", 1}}));
  EXPECT_EQ(out.facets.at("date.year"), (std::map<std::string, std::uint64_t>{{"2022", 4}}));
}

TEST_F(QueryLanguage, ExplainPartsAddUpToTheScore) {
  const auto out = query_json(db(), "harbour strike", {"--explain"});
  ASSERT_FALSE(out.hits.empty());
  for (const auto& h : out.hits) {
    double sum = 0;
    for (const auto& [term, weight] : h.explanation) sum += weight;
    EXPECT_NEAR(sum, h.score, 1e-4) << h.id;  // JSON prints 6 significant digits
    EXPECT_FALSE(h.explanation.empty());
  }
}

TEST_F(QueryLanguage, TitleMatchesWeighMore) {
  // "strike" is once in a1's title and body, once in a5's body only; bodies are of similar length.
  const auto out = query_json(db(), "strike", {"--title-weight", "1"});
  const auto flat = query_json(db(), "strike", {"--title-weight", "0"});
  auto score = [](const QueryOutput& q, const std::string& id) {
    for (const auto& h : q.hits)
      if (h.id == id) return h.score;
    return -1.0;
  };
  EXPECT_GT(score(out, "a1"), score(flat, "a1"));
  EXPECT_DOUBLE_EQ(score(out, "a5"), score(flat, "a5"));
}

TEST_F(QueryLanguage, Bm25ParametersChangeScores) {
  const auto a = query_json(db(), "harbour", {"--bm25", "1.2,0.75"});
  const auto b = query_json(db(), "harbour", {"--bm25", "2.0,0.1"});
  ASSERT_FALSE(a.hits.empty());
  EXPECT_NE(a.hits[0].score, b.hits[0].score);
  EXPECT_EQ(query_json(db(), "harbour", {"--bm25", "1.2"}).exit_code, 2);
  EXPECT_EQ(query_json(db(), "harbour", {"--bm25", "1.2,7"}).exit_code, 2);
}

TEST_F(QueryLanguage, RecencyFavoursNewerArticles) {
  const auto plain = query_json(db(), "harbour");
  const auto fresh = query_json(db(), "harbour", {"--recency", "7d", "--recency-weight", "50"});
  ASSERT_FALSE(fresh.hits.empty());
  EXPECT_EQ(fresh.hits[0].id, "a6");  // the newest article
  EXPECT_EQ(ids(plain), ids(fresh));  // recency reorders, never adds matches
}

TEST_F(QueryLanguage, DidYouMean) {
  const auto out = query_json(db(), "harbuor strike");
  // Suggestions are the archive's words as written (folded, not stemmed or respelled).
  EXPECT_EQ(out.suggestion, "harbour strike");
  EXPECT_EQ(query_json(db(), "harbour").suggestion, "");
}

// Words of articles added in place later count too: the word count table is merged at each
// commit, not only written by the first build.
TEST(DidYouMeanAcrossRuns, WordsOfEveryRunAreSuggested) {
  TempDir dir;
  const auto db = (dir.path() / "db").string();
  std::ofstream first(dir.path() / "first.jsonl");
  std::ofstream second(dir.path() / "second.jsonl");
  for (int i = 0; i < 3; ++i) {
    first << R"({"id": "f)" << i << R"(", "title": "Coffee", "body": "Coffee exports rose."})"
          << "\n";
    second << R"({"id": "s)" << i << R"(", "title": "Harbour", "body": "The harbour closed."})"
           << "\n";
  }
  first.close();
  second.close();
  ASSERT_EQ(
      run_command(NEWSDEX_INDEX_BIN, {"--quiet", "--db", db, (dir.path() / "first.jsonl").string()})
          .exit_code,
      0);
  ASSERT_EQ(run_command(NEWSDEX_INDEX_BIN,
                        {"--quiet", "--db", db, (dir.path() / "second.jsonl").string()})
                .exit_code,
            0);
  EXPECT_EQ(query_json(db, "cofee").suggestion, "coffee");     // from the first build
  EXPECT_EQ(query_json(db, "harbuor").suggestion, "harbour");  // added in place
  EXPECT_EQ(query_json(db, "coffee harbour").suggestion, "");
}

TEST_F(QueryLanguage, SimilarArticlesShareWords) {
  const auto out = query_json(db(), "", {"--similar", "a1", "--limit", "3"});
  ASSERT_EQ(out.exit_code, 0) << out.err;
  EXPECT_FALSE(ids(out).count("a1"));
  ASSERT_FALSE(out.hits.empty());
  EXPECT_TRUE(out.hits[0].id == "a2" || out.hits[0].id == "a3") << out.hits[0].id;
  EXPECT_EQ(query_json(db(), "", {"--similar", "nope"}).exit_code, 2);
}

TEST_F(QueryLanguage, LimitOffsetAndTotals) {
  const auto all = query_json(db(), "harbour OR strike OR union", {"--limit", "10"});
  const auto page =
      query_json(db(), "harbour OR strike OR union", {"--limit", "2", "--offset", "2"});
  ASSERT_EQ(page.hits.size(), 2u);
  EXPECT_EQ(page.hits[0].id, all.hits[2].id);
  // A page checks only the matches it needs (the matcher prunes the rest), so its total may
  // be an estimate; its bounds always hold the true count.
  ASSERT_EQ(all.total_lower, all.total_upper);
  EXPECT_LE(page.total_lower, all.total);
  EXPECT_GE(page.total_upper, all.total);
  const auto exact = query_json(db(), "harbour", {"--exact-total", "--limit", "1"});
  EXPECT_EQ(exact.total_lower, exact.total_upper);
  EXPECT_EQ(exact.total, 4u);
}

TEST_F(QueryLanguage, SyntaxErrorsExitTwoAndPointAtThePosition) {
  const auto run = run_command(
      NEWSDEX_QUERY_BIN, {"--db", db().string(), "--syntax", "strict", "strike AND (harbour"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err,
            "newsdex-query: bad query: missing ')' for the '(' here\n"
            "  strike AND (harbour\n"
            "             ^\n");
  for (const char* bad :
       {"\"open", "a OR", "foo:bar", "date:2022-13", "x*", "a NEAR/0 b", ")", "title:"}) {
    const auto r =
        run_command(NEWSDEX_QUERY_BIN, {"--db", db().string(), "--syntax", "strict", "--", bad});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("bad query"), std::string::npos) << bad << ": " << r.err;
    EXPECT_EQ(r.out, "") << bad;
  }
}

TEST_F(QueryLanguage, BatchModePrintsOneJsonLinePerQuery) {
  const auto run =
      run_command(NEWSDEX_QUERY_BIN, {"--db", db().string(), "--format", "json", "--queries", "-"},
                  "q1\tharbour strike\nchristmas\nq3\tnothingmatches\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string line;
  std::vector<std::string> got;
  while (std::getline(lines, line)) got.push_back(line);
  ASSERT_EQ(got.size(), 3u) << run.out;
  EXPECT_TRUE(got[0].starts_with("{\"id\":\"q1\",")) << got[0];
  EXPECT_TRUE(got[1].starts_with("{\"id\":\"2\",")) << got[1];
  EXPECT_NE(got[0].find("\"took_us\":"), std::string::npos);
  EXPECT_EQ(parse_query_output(got[1]).hits.at(0).id, "a4");
  EXPECT_EQ(parse_query_output(got[2]).total, 0u);
}

TEST_F(QueryLanguage, TrecAndTsvFormats) {
  auto run = run_command(
      NEWSDEX_QUERY_BIN,
      {"--db", db().string(), "--format", "trec", "--run-tag", "test", "--queries", "-"},
      "7\tchristmas markets\n");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.starts_with("7 Q0 a4 1 ")) << run.out;
  EXPECT_TRUE(run.out.ends_with(" test\n")) << run.out;
  run = run_command(NEWSDEX_QUERY_BIN, {"--db", db().string(), "--format", "tsv", "christmas"});
  ASSERT_EQ(run.exit_code, 0);
  EXPECT_TRUE(run.out.starts_with("1\ta4\t")) << run.out;
  EXPECT_NE(run.out.find("\t2021-12-24\tEvening Star\tHoliday markets\t\n"), std::string::npos)
      << run.out;
}

TEST_F(QueryLanguage, HighlightMarkersAndNoColourWhenPiped) {
  const auto run =
      run_command(NEWSDEX_QUERY_BIN, {"--db", db().string(), "--highlight", "[,]", "christmas"});
  EXPECT_NE(run.out.find("[Christmas] markets"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find('\x1b'), std::string::npos);
}

}  // namespace
}  // namespace newsdex::test
