// newsdex-query as a tool in scripts: JSON that always parses, grep-like exit status with
// --count and --quiet, one output line per batch query (errors included), --version, and
// unknown languages refused.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <xapian.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <set>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

namespace fs = std::filesystem;

class QueryCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    const auto run = run_command(NEWSDEX_INDEX_BIN,
                                 {"--quiet", "--db", db().string(),
                                  (fs::path(NEWSDEX_SOURCE_DIR) / "corpora" / "seeds").string()});
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  static void TearDownTestSuite() { dir_.reset(); }
  static fs::path db() { return dir_->path() / "db"; }
  static CommandResult query(std::vector<std::string> args, const std::string& in = {}) {
    args.insert(args.begin(), {"--db", db().string()});
    return run_command(NEWSDEX_QUERY_BIN, args, in);
  }
  static inline std::unique_ptr<TempDir> dir_;
};

TEST_F(QueryCli, JsonIsValidForInvalidUtf8AndOddNumbers) {
  const auto run = query({"--format", "json", "cyberattack \xff\xfe"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(run.out).get(doc)) << run.out;  // simdjson validates UTF-8
  for (const auto& bad : {"nan", "inf", "-1"}) {
    EXPECT_EQ(query({"--title-weight", bad, "albania"}).exit_code, 2) << bad;
    EXPECT_EQ(query({"--recency", "30d", "--recency-weight", bad, "albania"}).exit_code, 2);
  }
}

// The ranking options of issue 15 (docs/query.md "Options"): a bad value is a usage error
// (exit 2) whose message names the option and what it takes.
TEST_F(QueryCli, RankingOptionsRefuseBadValues) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> bad = {
      {{"--lead", "-1"}, "--lead must be a finite number >= 0"},
      {{"--lead", "nan"}, "--lead must be a finite number >= 0"},
      {{"--lead", "inf"}, "--lead must be a finite number >= 0"},
      {{"--lead", "abc"}, "'--lead'"},
      {{"--lead-words", "0"}, "--lead-words takes a whole number from 1 to 1000, not '0'"},
      {{"--lead-words", "1001"}, "--lead-words takes a whole number from 1 to 1000, not '1001'"},
      {{"--lead-words", "abc"}, "--lead-words"},
      {{"--proximity", "inf"}, "--proximity must be a finite number >= 0"},
      {{"--proximity", "-0.5"}, "--proximity must be a finite number >= 0"},
      {{"--proximity-window", "0"},
       "--proximity-window takes a whole number from 1 to 1000, not '0'"},
      {{"--proximity-window", "100000"},
       "--proximity-window takes a whole number from 1 to 1000, not '100000'"},
      {{"--rerank-depth", "20000"},
       "--rerank-depth takes a whole number from 0 to 10000, not '20000'"},
      {{"--rerank-depth", "-1"}, "--rerank-depth"},
      {{"--expand", "0,10,0.5"},
       "--expand: feedback articles (DOCS) takes a whole number from 1 to 1000, not '0'"},
      {{"--expand", "1001"},
       "--expand: feedback articles (DOCS) takes a whole number from 1 to 1000, not '1001'"},
      {{"--expand", "10,0,0.5"},
       "--expand: feedback words (TERMS) takes a whole number from 1 to 1000, not '0'"},
      {{"--expand", "10,10,1.5"}, "must be above 0 and below 1, not '1.5'"},
      {{"--expand", "10,10,0"}, "must be above 0 and below 1, not '0'"},
      {{"--expand", "10,10,1"}, "must be above 0 and below 1, not '1'"},
      {{"--expand", "10,10,nan"}, "must be above 0 and below 1, not 'nan'"},
      {{"--expand", "10,10,0.5x"}, "must be above 0 and below 1, not '0.5x'"},
      {{"--expand", "10,"}, "--expand"},
      {{"--expand", "10,10,0.5,1"}, "--expand takes DOCS[,TERMS[,ORIGINAL_WEIGHT]]"}};
  for (auto [args, message] : bad) {
    const std::string what = args[0] + " " + args[1];
    args.push_back("albania");
    const auto run = query(args);
    EXPECT_EQ(run.exit_code, 2) << what;
    EXPECT_NE(run.err.find(message), std::string::npos) << what << ": " << run.err;
    EXPECT_TRUE(run.out.empty()) << what << ": " << run.out;
  }
  // The extremes allowed are accepted.
  for (const std::vector<std::string>& good :
       {std::vector<std::string>{"--lead", "0", "--proximity", "0"},
        {"--lead-words", "1", "--proximity-window", "1"},
        {"--lead-words", "1000", "--proximity-window", "1000"},
        {"--rerank-depth", "0"},
        {"--rerank-depth", "10000"},
        {"--expand", "1,1,0.01"},
        {"--expand", "1000,1000,0.99"},
        {"--expand", "3"},
        {"--expand", "3,4"}}) {
    auto args = good;
    args.push_back("albania");
    const auto run = query(args);
    EXPECT_EQ(run.exit_code, 0) << good[0] << " " << good[1] << ": " << run.err;
  }
}

// A non-number is told the range the option really takes, not parse_count's general one
// ("--lead-words takes a whole number from 0 to 1000000000, not 'abc'" names 0, which the
// option refuses, and a maximum a million times too large).
TEST_F(QueryCli, RankingOptionsStateTheirRealRangeForNonNumbers) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> bad = {
      {{"--lead-words", "abc"}, "1 to 1000"},
      {{"--proximity-window", "-3"}, "1 to 1000"},
      {{"--rerank-depth", "-1"}, "0 to 10000"},
      {{"--expand", "10,x"}, "1 to 1000"}};
  for (auto [args, range] : bad) {
    const std::string what = args[0] + " " + args[1];
    args.push_back("albania");
    const auto run = query(args);
    EXPECT_EQ(run.exit_code, 2) << what;
    EXPECT_NE(run.err.find(range), std::string::npos) << what << ": " << run.err;
    EXPECT_EQ(run.err.find("1000000000"), std::string::npos) << what << ": " << run.err;
  }
}

// "--expand alone is 10,10,0.5" (docs/query.md): with no value, wherever it is written, and
// feedback never changes what matches or how many.
TEST_F(QueryCli, ExpandAloneTakesItsDefaultsAndKeepsTheMatches) {
  const auto plain = query({"--count", "albania"});
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"--expand", "--count", "albania"},
        {"--count", "albania", "--expand"},
        {"--count", "--expand=10,10,0.5", "albania"},
        {"--count", "--expand", "10,10,0.5", "albania"}}) {
    const auto run = query(args);
    EXPECT_EQ(run.exit_code, 0) << ::testing::PrintToString(args) << ": " << run.err;
    EXPECT_EQ(run.out, plain.out) << ::testing::PrintToString(args);
  }
  // The same hits, possibly in another order. (Which words feedback takes, and that it shows in
  // --explain, is in the unit tests: the seeds are too few for any word to be rare enough.)
  const auto a = query_json(db(), "albania", {"--limit", "100"});
  const auto b = query_json(db(), "albania", {"--limit", "100", "--expand=2,5,0.5"});
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_EQ(ids(a), ids(b));
}

// `newsdex-query --db news.db --expand albania`: the word after a bare --expand is the query,
// not --expand's value (it was refused: "--expand documents takes a whole number ..., not
// 'albania'", exit 2).
TEST_F(QueryCli, ExpandBeforeTheQueryLeavesTheQueryAlone) {
  const auto plain = query({"--count", "albania"});
  const auto run = query({"--count", "--expand", "albania"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, plain.out);
}

TEST_F(QueryCli, ExplainShowsTheLeadAndProximityBonuses) {
  const auto on =
      query({"--explain", "--limit", "3", "--proximity", "1", "--lead", "1", "NATO condemns"});
  ASSERT_EQ(on.exit_code, 0) << on.err;
  EXPECT_NE(on.out.find("(lead)"), std::string::npos) << on.out;
  EXPECT_NE(on.out.find("(proximity)"), std::string::npos) << on.out;
  // Off, neither line; with a depth of 0, nothing is re-ranked.
  for (const std::vector<std::string>& off :
       {std::vector<std::string>{"--lead", "0", "--proximity", "0"},
        {"--lead", "1", "--proximity", "1", "--rerank-depth", "0"}}) {
    std::vector<std::string> args = {"--explain", "--limit", "3"};
    args.insert(args.end(), off.begin(), off.end());
    args.push_back("NATO condemns");
    const auto run = query(args);
    ASSERT_EQ(run.exit_code, 0) << run.err;
    EXPECT_EQ(run.out.find("(lead)"), std::string::npos) << run.out;
    EXPECT_EQ(run.out.find("(proximity)"), std::string::npos) << run.out;
  }
  // In JSON too, as explanation entries that add up to the score.
  const auto json = query_json(db(), "NATO condemns",
                               {"--explain", "--limit", "3", "--lead", "1", "--proximity", "1"});
  ASSERT_FALSE(json.hits.empty()) << json.err;
  bool lead = false;
  for (const auto& hit : json.hits) {
    double sum = 0;
    for (const auto& [term, weight] : hit.explanation) {
      sum += weight;
      lead |= term == "(lead)";
    }
    EXPECT_NEAR(sum, hit.score, 1e-3 * std::max(1.0, hit.score)) << hit.id;  // printed rounded
  }
  EXPECT_TRUE(lead);
}

// Schema 5 added each article's body start (the lead bonus): newsdex-query refuses a database
// of version 4 with the way out, and exit status 2.
TEST_F(QueryCli, AnOlderSchemaIsRefusedWithReIndex) {
  const auto version = run_command(NEWSDEX_QUERY_BIN, {"--version"});
  EXPECT_NE(version.out.find("reads schema version 6"), std::string::npos) << version.out;
  TempDir dir;
  const auto old = (dir.path() / "old").string();
  ASSERT_EQ(run_command(NEWSDEX_INDEX_BIN,
                        {"--quiet", "--db", old,
                         (fs::path(NEWSDEX_SOURCE_DIR) / "corpora" / "seeds").string()})
                .exit_code,
            0);
  {
    Xapian::WritableDatabase db(old);
    db.set_metadata("newsdex.schema_version", "4");
    db.commit();
  }
  const auto run = run_command(NEWSDEX_QUERY_BIN, {"--db", old, "albania"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("has schema version 4, this newsdex reads version 6: re-index it"),
            std::string::npos)
      << run.err;
}

TEST_F(QueryCli, CountAndQuietSayWhetherAnythingMatched) {
  auto run = query({"--count", "cyberattack"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_EQ(run.out, "3\n");
  run = query({"--count", "submarine"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out, "0\n");
  run = query({"-q", "albania"});
  EXPECT_EQ(run.exit_code, 0);
  EXPECT_TRUE(run.out.empty()) << run.out;
  EXPECT_EQ(query({"--quiet", "submarine"}).exit_code, 1);
  EXPECT_EQ(query({"--count", "--quiet", "albania"}).exit_code, 2);
  // --limit 0 with facets: matches, so 0.
  run = query({"--limit", "0", "--facets", "outlet", "albania"});
  EXPECT_EQ(run.exit_code, 0) << run.out;
}

TEST_F(QueryCli, BatchModeKeepsOneJsonLinePerQuery) {
  const auto run =
      query({"--format", "json", "--syntax", "strict", "--queries", "-", "--limit", "1"},
            "q1\talbania\nq2\t(broken\nq3\tnato\nq4\talbania\n");
  EXPECT_EQ(run.exit_code, 2);  // one query was bad
  std::vector<std::string> lines;
  for (std::size_t at = 0, nl; (nl = run.out.find('\n', at)) != std::string::npos; at = nl + 1)
    lines.push_back(run.out.substr(at, nl - at));
  ASSERT_EQ(lines.size(), 4u) << run.out;
  simdjson::dom::parser parser;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    simdjson::dom::element line;
    ASSERT_FALSE(parser.parse(lines[i]).get(line)) << lines[i];
    std::string_view id;
    ASSERT_FALSE(line["id"].get(id));
    EXPECT_EQ(id, "q" + std::to_string(i + 1));
  }
  simdjson::dom::element error;
  ASSERT_FALSE(parser.parse(lines[1]).get(error));
  std::string_view type;
  ASSERT_FALSE(error["error"]["type"].get(type)) << lines[1];
  EXPECT_EQ(type, "syntax");
  std::int64_t position = -1;
  ASSERT_FALSE(error["error"]["position"].get(position));
  EXPECT_EQ(position, 0);
}

// Text from a search box: by default what strict parsing refuses is searched as words, with a
// note on stderr and in JSON; --syntax strict keeps the error and its position.
TEST_F(QueryCli, SearchBoxTextIsSearchedLeniently) {
  for (const char* text :
       {"albania http://foo.com", "opec: albania", "AND albania", "albania \"cyber", "(albania",
        "albania)", "title:(albania)", "date:yesterday albania", "x* albania"}) {
    const auto run = query({"--limit", "1", "--", text});
    EXPECT_EQ(run.exit_code, 0) << text << ": " << run.err;
    EXPECT_NE(run.out.find("seed-00"), std::string::npos) << text << ": " << run.out;
    EXPECT_NE(run.err.find("note: "), std::string::npos) << text << ": " << run.err;
    EXPECT_NE(run.err.find("searched as search-box text"), std::string::npos) << run.err;
    EXPECT_EQ(query({"--syntax", "strict", "--", text}).exit_code, 2) << text;
    const auto quiet = query({"--syntax", "lenient", "--limit", "1", "--", text});
    EXPECT_EQ(quiet.exit_code, 0) << text << ": " << quiet.err;
    EXPECT_EQ(quiet.err, "") << text;
  }
  const auto json = query({"--format", "json", "--", "albania \"cyber"});
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(json.out).get(doc)) << json.out;
  std::int64_t position = -1;
  ASSERT_FALSE(doc["syntax_note"]["position"].get(position)) << json.out;
  EXPECT_EQ(position, 8);
  std::string_view message;
  ASSERT_FALSE(doc["syntax_note"]["message"].get(message));
  EXPECT_NE(message.find("unterminated quote"), std::string_view::npos) << message;
  const auto valid = query({"--format", "json", "albania"});
  ASSERT_FALSE(parser.parse(valid.out).get(doc)) << valid.out;
  EXPECT_TRUE(doc["syntax_note"].is_null()) << valid.out;
  // Limits and queries of no word are errors in every mode.
  EXPECT_EQ(query({"--", "!?"}).exit_code, 2);
  EXPECT_EQ(query({"--syntax", "lenient", "--", std::string(20000, 'a')}).exit_code, 2);
  EXPECT_EQ(query({"--syntax", "loose", "albania"}).exit_code, 2);
}

// What a person reads: a phrase is highlighted where it occurs as the phrase, not word by word
// everywhere; a made-up title says so in JSON; dates with a zone are shown in UTC.
TEST(QueryResults, PhrasesHighlightAsPhrasesAndMadeUpTitlesAreFlagged) {
  TempDir dir;
  const auto jsonl = dir.path() / "a.jsonl";
  std::ofstream(jsonl)
      << "{\"id\": \"p1\", \"title\": \"Grid\", \"date\": \"2022-09-08T01:30:00+05:30\", "
         "\"body\": \"An attack on the grid. Officials said the cyber attack began at night. "
         "Cyber experts expect another attack.\"}\n";
  const auto page = dir.path() / "b.txt";
  std::ofstream(page) << "WASHINGTON (Reuters) - Officials described a cyber attack on banks.\n"
                         "More text follows here.\n";
  const auto db = (dir.path() / "db").string();
  ASSERT_EQ(run_command(NEWSDEX_INDEX_BIN, {"--quiet", "--db", db, jsonl.string(), page.string()})
                .exit_code,
            0);
  const auto out = query_json(db, "\"cyber attack\"", {"--limit", "5"});
  ASSERT_EQ(out.hits.size(), 2u) << out.err;
  for (const auto& hit : out.hits) {
    EXPECT_NE(hit.snippet.find("<mark>cyber attack</mark>"), std::string::npos) << hit.snippet;
    EXPECT_EQ(hit.snippet.find("<mark>attack</mark>"), std::string::npos) << hit.snippet;
    EXPECT_EQ(hit.snippet.find("<mark>Cyber</mark>"), std::string::npos) << hit.snippet;
  }
  // A word outside the phrase is highlighted wherever it occurs.
  const auto mixed = query_json(db, "\"cyber attack\" grid", {"--limit", "1"});
  ASSERT_EQ(mixed.hits.size(), 1u);
  EXPECT_NE(mixed.hits[0].snippet.find("<mark>grid</mark>"), std::string::npos);
  const auto run = run_command(NEWSDEX_QUERY_BIN,
                               {"--db", db, "--format", "json", "--limit", "5", "cyber attack"});
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(run.out).get(doc)) << run.out;
  std::map<std::string, bool> made_up;
  std::map<std::string, std::string> dates;
  for (simdjson::dom::element hit : doc["hits"].get_array()) {
    std::string_view id;
    bool flag = false;
    ASSERT_FALSE(hit["id"].get(id));
    ASSERT_FALSE(hit["title_from_text"].get(flag)) << run.out;
    made_up[std::string(id)] = flag;
    if (std::string_view date; !hit["date"].get(date)) dates[std::string(id)] = date;
  }
  ASSERT_EQ(made_up.size(), 2u) << run.out;
  for (const auto& [id, flag] : made_up)
    EXPECT_EQ(flag, id != "p1") << id << ": " << run.out;  // p1 has its own title
  EXPECT_EQ(dates["p1"], "2022-09-07T20:00:00Z");
  // The day filter takes the UTC day.
  EXPECT_EQ(query_json(db, "grid date:2022-09-07").hits.size(), 1u);
  EXPECT_EQ(query_json(db, "grid date:2022-09-08").hits.size(), 0u);
}

// A quoted or required hyphenated compound matches it as the unquoted word does: its parts
// next to each other, or the joined word (the seeds write "cyberattack"). It used to find
// nothing: the joined term stood in the phrase at its last part's position.
TEST_F(QueryCli, QuotedCompoundsMatchTheirJoinedForm) {
  for (const char* q : {"\"cyber-attack\"", "+cyber-attack", "cyber-attack"}) {
    const auto out = query_json(db(), q);
    EXPECT_EQ(out.exit_code, 0) << q << ": " << out.err;
    EXPECT_EQ(out.hits.size(), 3u) << q;
  }
  const auto title = query_json(db(), "title:\"cyber-attack\"");
  EXPECT_GE(title.hits.size(), 1u);
}

TEST_F(QueryCli, VersionAndUnknownLanguages) {
  const auto version = run_command(NEWSDEX_QUERY_BIN, {"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("newsdex-query ", 0), 0u) << version.out;
  EXPECT_NE(version.out.find("Xapian 1.4"), std::string::npos) << version.out;
  const auto bad = query({"--language", "klingon", "albania"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("unknown language 'klingon'"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("french"), std::string::npos) << bad.err;
  EXPECT_NE(query({"--language", "fr", "albania"}).exit_code, 2);  // a known language
  const auto index = run_command(NEWSDEX_INDEX_BIN,
                                 {"--db", (dir_->path() / "x").string(), "--language", "klingon",
                                  (fs::path(NEWSDEX_SOURCE_DIR) / "corpora" / "seeds").string()});
  EXPECT_EQ(index.exit_code, 2);
  EXPECT_NE(index.err.find("unknown language"), std::string::npos) << index.err;
}

}  // namespace
}  // namespace newsdex::test
