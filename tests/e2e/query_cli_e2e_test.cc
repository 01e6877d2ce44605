// newsdex-query as a tool in scripts: JSON that always parses, grep-like exit status with
// --count and --quiet, one output line per batch query (errors included), --version, and
// unknown languages refused.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <fstream>
#include <map>
#include <memory>

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
