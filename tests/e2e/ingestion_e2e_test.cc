// End-to-end ingestion: web pages with their metadata tags, gzip'd and piped JSON Lines, and a
// folder of broken inputs where every good article is indexed and every bad one reported.
#include <gtest/gtest.h>
#include <unistd.h>
#include <zlib.h>

#include <fstream>
#include <sstream>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

namespace fs = std::filesystem;
using Ids = std::set<std::string>;

void write(const fs::path& path, const std::string& bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

std::string gzip(const std::string& data) {
  std::string out(compressBound(static_cast<uLong>(data.size())) + 32, '\0');
  z_stream s{};
  deflateInit2(&s, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // +16: gzip wrapper
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  s.avail_in = static_cast<uInt>(data.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  deflate(&s, Z_FINISH);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

const char* kGuardianPage = R"(<!DOCTYPE html>
<html lang="en"><head>
<title>Storm closes harbour | The Coastal Times</title>
<meta property="og:title" content="Storm closes the harbour for two days">
<meta property="og:site_name" content="The Coastal Times">
<meta property="article:published_time" content="2023-01-15T09:30:00+00:00">
<meta name="author" content="Jane Doe">
<link rel="canonical" href="https://coastal.example/2023/storm-harbour">
</head><body>
<nav><a href="/">Home</a> <a href="/sport">Sport</a> Subscribe now</nav>
<header><p>Breaking news banner</p></header>
<article><h1>Storm closes the harbour for two days</h1>
<figure><img src="x.jpg"><figcaption>Waves over the pier (photo: agency)</figcaption></figure>
<p>A winter storm closed the harbour on Sunday, stranding ferries and fishing boats.</p>
<p>Harbour master Tom Hale said the breakwater held.</p>
</article>
<aside><p>Most read: celebrity gossip</p></aside>
<footer><p>Copyright The Coastal Times</p></footer>
</body></html>)";

const char* kJsonLdPage = R"(<html><head><title>Vineyard report</title>
<script type="application/ld+json">
{"@context": "https://schema.org", "@graph": [
  {"@type": "WebSite", "name": "ignored"},
  {"@type": "NewsArticle", "headline": "Late frost hits vineyards",
   "datePublished": "2023-04-02T06:00:00Z", "author": [{"@type": "Person", "name": "Marc Vigne"}],
   "publisher": {"@type": "Organization", "name": "Wine Weekly"}}]}
</script></head>
<body><div class="story"><p>Growers counted the losses after a late frost.</p>
<p>Some vineyards lost half of their buds.</p></div></body></html>)";

const char* kTimeTagPage = R"(<html><head><title>Council vote</title>
<meta name="date" content="not a date at all"></head>
<body><main><h1>Council approves tram line</h1>
<p>The city council approved the tram line on <time datetime="2022-11-03">Thursday</time>.</p>
</main></body></html>)";

class Ingestion : public ::testing::Test {
 protected:
  TempDir dir_;
  fs::path db() const { return dir_.path() / "db"; }
  CommandResult index(std::vector<std::string> args, const std::string& stdin_text = {}) {
    args.insert(args.begin(), {"--db", db().string()});
    return run_command(NEWSDEX_INDEX_BIN, args, stdin_text);
  }
  std::vector<std::string> report_lines(const fs::path& path) {
    std::ifstream in(path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
};

TEST_F(Ingestion, HtmlPagesCarryTheirMetadata) {
  const auto pages = dir_.path() / "pages";
  write(pages / "storm.html", kGuardianPage);
  write(pages / "vines.htm", kJsonLdPage);
  write(pages / "sub" / "tram.html", kTimeTagPage);
  const auto run = index({pages.string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;

  const auto storm = query_json(db(), "breakwater");
  ASSERT_EQ(storm.hits.size(), 1u);
  EXPECT_EQ(storm.hits[0].title, "Storm closes the harbour for two days");
  EXPECT_EQ(storm.hits[0].outlet, "The Coastal Times");
  EXPECT_EQ(storm.hits[0].date, "2023-01-15T09:30:00Z");
  EXPECT_EQ(storm.hits[0].url, "https://coastal.example/2023/storm-harbour");
  EXPECT_EQ(storm.hits[0].id, "https://coastal.example/2023/storm-harbour");
  EXPECT_EQ(query_json(db(), "author:\"jane doe\"").hits.size(), 1u);
  // Page furniture is not indexed.
  for (const char* furniture : {"subscribe", "celebrity", "copyright", "banner", "waves"})
    EXPECT_EQ(query_json(db(), furniture).total, 0u) << furniture;

  const auto vines = query_json(db(), "frost");
  ASSERT_EQ(vines.hits.size(), 1u);
  EXPECT_EQ(vines.hits[0].title, "Late frost hits vineyards");
  EXPECT_EQ(vines.hits[0].outlet, "Wine Weekly");
  EXPECT_EQ(vines.hits[0].date, "2023-04-02T06:00:00Z");
  EXPECT_EQ(query_json(db(), "author:vigne").hits.size(), 1u);

  const auto tram = query_json(db(), "tram");
  ASSERT_EQ(tram.hits.size(), 1u);
  EXPECT_EQ(tram.hits[0].title, "Council approves tram line");
  // The unparseable <meta name="date"> is passed over for the <time datetime>.
  EXPECT_EQ(tram.hits[0].date, "2022-11-03");
}

TEST_F(Ingestion, GzippedAndPipedJsonLinesWithKeywordFieldsAndMappedNames) {
  const std::string lines =
      "{\"id\": \"g1\", \"headline\": \"Tin price slumps\", \"story\": \"Tin fell sharply.\", "
      "\"topics\": [\"tin\", \"metals\"], \"desk\": \"commodities\"}\n"
      "{\"id\": \"g2\", \"headline\": \"Zinc steady\", \"story\": \"Zinc held.\", "
      "\"topics\": [\"zinc\", \"metals\"]}\n";
  write(dir_.path() / "dump.jsonl.gz", gzip(lines));
  auto run = index({"--map", "body=story", (dir_.path() / "dump.jsonl.gz").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(ids(query_json(db(), "sharply")), Ids{"g1"});
  EXPECT_EQ(ids(query_json(db(), "topics:metals")), (Ids{"g1", "g2"}));
  EXPECT_EQ(ids(query_json(db(), "desk:commodities")), Ids{"g1"});
  const auto facets = query_json(db(), "topics:metals", {"--facets", "topics"});
  EXPECT_EQ(facets.facets.at("topics"),
            (std::map<std::string, std::uint64_t>{{"metals", 2}, {"tin", 1}, {"zinc", 1}}));

  run = index({"-"}, "{\"id\": \"s1\", \"title\": \"Piped copper\", \"text\": \"From stdin.\"}\n");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(ids(query_json(db(), "stdin")), Ids{"s1"});
}

TEST_F(Ingestion, BrokenInputsAreReportedAndEveryGoodArticleIsIndexed) {
  const auto in = dir_.path() / "broken";
  write(in / "bad-utf8.txt", "Bad bytes \xff\xfe in a dock strike story.\n");
  write(in / "image.txt", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10", 20));
  write(in / "empty.txt", "");
  write(in / "blank.html", "   \n");
  // Enough lines for several deflate blocks, so the start survives the cut.
  std::string good_lines;
  for (int i = 0; i < 4000; ++i)
    good_lines += "{\"id\": \"t" + std::to_string(i) + "\", \"title\": \"Wheat harvest " +
                  std::to_string(i * 7919 % 10007) + "\", \"body\": \"Record wheat.\"}\n";
  const auto gz = gzip(good_lines);
  write(in / "truncated.jsonl.gz", gz.substr(0, gz.size() * 2 / 3));
  write(in / "mixed.jsonl",
        "{\"id\": \"m1\", \"title\": \"Oats\", \"body\": \"Oats rose.\"}\n"
        "{\"id\": \"m2\", \"title\": \"broken\n"
        "{\"id\": \"m3\", \"title\": {\"nested\": 1}, \"body\": \"wrong type\"}\n"
        "[\"an\", \"array\"]\n"
        "{\"id\": \"m4\", \"title\": \"Rye\", \"body\": \"Rye fell.\", \"date\": \"someday\"}\n"
        "{\"id\": \"m5\", \"title\": \"Caf\xe9 prices\", \"body\": \"Latin-1 byte.\"}\n"
        "{\"id\": \"m1\", \"title\": \"Oats again\", \"body\": \"Oats rose twice.\"}\n");
  write(in / ".hidden.jsonl", "{\"id\": \"h1\", \"title\": \"hidden\", \"body\": \"secret\"}\n");
  const auto report = dir_.path() / "report.jsonl";
  const auto run = index({"--report", report.string(), in.string()});
  EXPECT_EQ(run.exit_code, 3) << run.out << run.err;

  // Every good article is searchable.
  EXPECT_EQ(query_json(db(), "strike").hits.size(), 1u);
  EXPECT_EQ(ids(query_json(db(), "oats")), Ids{"m1"});
  EXPECT_EQ(query_json(db(), "oats").hits.at(0).title, "Oats again");  // the last one wins
  EXPECT_EQ(ids(query_json(db(), "rye")), Ids{"m4"});
  EXPECT_EQ(ids(query_json(db(), "latin")), Ids{"m5"});
  EXPECT_EQ(query_json(db(), "secret").total, 0u);  // hidden files are skipped
  // The complete lines before the gzip cut are kept.
  EXPECT_FALSE(ids(query_json(db(), "wheat")).empty());

  const auto lines = report_lines(report);
  auto reported = [&](const std::string& origin_part, const std::string& action,
                      const std::string& reason_part) {
    for (const auto& l : lines)
      if (l.find(origin_part) != std::string::npos &&
          l.find("\"action\":\"" + action + "\"") != std::string::npos &&
          l.find(reason_part) != std::string::npos)
        return true;
    return false;
  };
  EXPECT_TRUE(reported("bad-utf8.txt", "repaired", "invalid UTF-8")) << run.err;
  EXPECT_TRUE(reported("image.txt", "skipped", "binary file")) << run.err;
  EXPECT_TRUE(reported("empty.txt", "skipped", "empty file")) << run.err;
  EXPECT_TRUE(reported("blank.html", "skipped", "empty file")) << run.err;
  EXPECT_TRUE(reported("truncated.jsonl.gz", "skipped", "truncated gzip")) << run.err;
  EXPECT_TRUE(reported("mixed.jsonl:2", "skipped", "invalid JSON")) << run.err;
  EXPECT_TRUE(reported("mixed.jsonl:3", "skipped", "field \\\"title\\\": expected a string"))
      << run.err;
  EXPECT_TRUE(reported("mixed.jsonl:4", "skipped", "expected a JSON object")) << run.err;
  EXPECT_TRUE(reported("mixed.jsonl:5", "warning", "unparseable date")) << run.err;
  EXPECT_TRUE(reported("mixed.jsonl:6", "repaired", "invalid UTF-8")) << run.err;
  EXPECT_TRUE(reported("mixed.jsonl:7", "warning", "duplicate id \\\"m1\\\"")) << run.err;
  // Each report line is one JSON object; stderr says the same.
  for (const auto& l : lines) EXPECT_TRUE(l.starts_with("{\"origin\":")) << l;
  EXPECT_NE(run.err.find("mixed.jsonl:2: skipped: invalid JSON"), std::string::npos) << run.err;
}

TEST_F(Ingestion, SizeLimitFormatOverrideAndDateOrder) {
  write(dir_.path() / "big.txt", "Large " + std::string(5000, 'x') + " story.");
  write(dir_.path() / "notes.data", "Published: 8/9/2022\nFerry timetable changes announced.");
  auto run = index({"--max-bytes", "1000", (dir_.path() / "big.txt").string()});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("over --max-bytes"), std::string::npos) << run.err;

  run = index({"--format", "txt", "--date-order", "dmy", (dir_.path() / "notes.data").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto hit = query_json(db(), "ferry");
  ASSERT_EQ(hit.hits.size(), 1u);
  EXPECT_EQ(hit.hits[0].date, "2022-09-08");

  EXPECT_EQ(index({"--format", "pdf", "x"}).exit_code, 2);
  EXPECT_EQ(index({"--date-order", "ymd", "x"}).exit_code, 2);
  EXPECT_EQ(index({"--map", "nonsense", "x"}).exit_code, 2);
  EXPECT_EQ(index({"--map", "colour=hue", "x"}).exit_code, 2);
}

TEST_F(Ingestion, SymlinkLoopsAreReportedNotFollowedForever) {
  const auto root = dir_.path() / "tree";
  write(root / "a" / "story.jsonl", "{\"id\": \"l1\", \"title\": \"Loop\", \"body\": \"Loop.\"}\n");
  fs::create_directory_symlink(root, root / "a" / "back-to-root");
  const auto run = index({root.string()});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_NE(run.err.find("symbolic link loop"), std::string::npos) << run.err;
  EXPECT_EQ(ids(query_json(db(), "loop")), Ids{"l1"});
}

TEST_F(Ingestion, ContentSniffingForUnknownExtensions) {
  write(dir_.path() / "feed.dump",
        "{\"id\": \"f1\", \"title\": \"Sniffed\", \"body\": \"Json.\"}\n");
  write(dir_.path() / "page.saved",
        "<!DOCTYPE html><html><body><p>Sniffed html page.</p></body></html>");
  const auto run =
      index({(dir_.path() / "feed.dump").string(), (dir_.path() / "page.saved").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(query_json(db(), "sniffed").total, 2u);
}

}  // namespace
}  // namespace newsdex::test
