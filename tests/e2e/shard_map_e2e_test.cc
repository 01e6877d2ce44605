// End-to-end: a database in parts (docs/scaling.md) searched through a shard map, locally and
// through three xapian-tcpsrv servers on loopback, against the same articles in one database.
// As Xapian's own tests run one suite on every backend, one query suite runs on all three.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

const std::string kSeeds = std::string(NEWSDEX_SOURCE_DIR) + "/corpora/seeds";
const std::string kFourthReport =
    std::string(NEWSDEX_SOURCE_DIR) + "/corpora/stories/albania-fourth-report.jsonl";
const std::string kTcpServer = "/usr/bin/xapian-tcpsrv";
constexpr int kParts = 3;

void index(const std::vector<std::string>& args) {
  const auto run = run_command(NEWSDEX_INDEX_BIN, args);
  ASSERT_TRUE(run.exit_code == 0 || run.exit_code == 3) << run.err;
}

// A port nothing listens on now (the kernel's choice of a free one).
int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t size = sizeof addr;
  if (bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size) != 0) {
    close(fd);
    return 0;
  }
  close(fd);
  return ntohs(addr.sin_port);
}

bool accepts_connections(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// One xapian-tcpsrv serving one part, read-only, on loopback; killed when it goes out of
// scope (the BackgroundProcess's SIGKILL).
class PartServer {
 public:
  explicit PartServer(const std::filesystem::path& db) {
    for (int attempt = 0; attempt < 5 && !ready_; ++attempt) {
      port_ = free_port();
      process_ = std::make_unique<BackgroundProcess>(
          kTcpServer, std::vector<std::string>{"--port", std::to_string(port_), "--interface",
                                               "127.0.0.1", "--timeout", "30000", db.string()});
      for (int wait = 0; wait < 200 && !ready_; ++wait) {
        ready_ = accepts_connections(port_);
        if (!ready_) std::this_thread::sleep_for(std::chrono::milliseconds(25));
      }
    }
  }
  bool ready() const { return ready_; }
  int port() const { return port_; }
  std::string line() const { return "remote 127.0.0.1:" + std::to_string(port_); }
  void kill_now() {
    process_->signal(SIGKILL);
    process_->wait();
  }

 private:
  std::unique_ptr<BackgroundProcess> process_;
  int port_ = 0;
  bool ready_ = false;
};

void write_map(const std::filesystem::path& file, const std::vector<std::string>& lines) {
  std::ofstream out(file);
  for (const auto& line : lines) out << line << "\n";
}

// One database, the same articles in three local parts (built once per ctest run by the
// shard_map_corpus fixture), and those parts served by three xapian-tcpsrv processes started
// by this test program and killed when it ends.
// The fixture's folder: the small corpus's, or (NEWSDEX_SHARD_MAP_DIR, set by ctest for the
// slow run) the whole Reuters corpus's.
std::filesystem::path fixture_folder() {
  const char* folder = std::getenv("NEWSDEX_SHARD_MAP_DIR");
  return folder && *folder ? folder : NEWSDEX_SHARD_MAP_DIR;
}

struct Backends {
  std::filesystem::path folder = fixture_folder();
  std::filesystem::path one = folder / "one";
  std::filesystem::path parts = folder / "parts";
  TempDir dir;
  std::filesystem::path remote_map = dir.path() / "remote.map";
  std::vector<std::unique_ptr<PartServer>> servers;
  bool ok = false;
};

Backends& backends() {
  static const std::unique_ptr<Backends> b = [] {
    auto built = std::make_unique<Backends>();
    std::vector<std::string> lines;
    for (int k = 0; k < kParts; ++k) {
      built->servers.push_back(
          std::make_unique<PartServer>(built->parts / ("part-" + std::to_string(k))));
      lines.push_back(built->servers.back()->line());
    }
    write_map(built->remote_map, lines);
    std::error_code ec;
    built->ok = std::filesystem::exists(built->parts / "XAPIANDB", ec) &&
                std::filesystem::exists(built->one, ec) &&
                std::all_of(built->servers.begin(), built->servers.end(),
                            [](const auto& s) { return s->ready(); });
    if (!built->ok)
      ADD_FAILURE() << "setting up: no databases in " << built->folder
                    << " (the shard_map_corpus test builds them) or no server started (is "
                    << kTcpServer << ", from xapian-tools, installed?)";
    return built;
  }();
  return *b;
}

// What a hit shows, as one comparable string.
std::string shown(const JsonHit& h) {
  std::ostringstream out;
  out << h.id << '|' << h.score << '|' << h.outlet << '|' << h.date << '|' << h.title << '|'
      << h.snippet << '|' << h.url << '|' << h.language << '|' << h.story << '|' << h.story_size;
  for (const auto& m : h.also)
    out << "|also " << m.id << ',' << m.outlet << ',' << m.date << ',' << m.title;
  for (const auto& [term, weight] : h.explanation) out << "|explain " << term << '=' << weight;
  return out.str();
}

// The same answers, as far as one database's answers are defined: articles of exactly equal
// score are ordered by docid, which differs between layouts, so each run of equal scores is
// compared as a set (and the page's last run only by size when the page is full: the tie
// may go on past it); an estimated total is compared by its bounds overlapping.
void expect_same_answers(const QueryOutput& one, const QueryOutput& other, std::size_t limit,
                         const std::string& backend) {
  SCOPED_TRACE(backend);
  ASSERT_EQ(one.exit_code, other.exit_code) << other.err;
  if (one.total_lower == one.total_upper) {
    EXPECT_EQ(other.total, one.total);
    EXPECT_EQ(other.total_lower, one.total_lower);
    EXPECT_EQ(other.total_upper, one.total_upper);
  } else {
    EXPECT_LE(other.total_lower, one.total_upper);
    EXPECT_LE(one.total_lower, other.total_upper);
  }
  EXPECT_EQ(other.facets, one.facets);
  EXPECT_EQ(other.suggestion, one.suggestion);
  ASSERT_EQ(other.hits.size(), one.hits.size());
  for (std::size_t i = 0; i < one.hits.size();) {
    std::size_t end = i;
    while (end < one.hits.size() && one.hits[end].score == one.hits[i].score) ++end;
    std::vector<std::string> a, b;
    for (std::size_t k = i; k < end; ++k) {
      EXPECT_EQ(other.hits[k].score, one.hits[k].score) << "rank " << k + 1;
      a.push_back(shown(one.hits[k]));
      b.push_back(shown(other.hits[k]));
    }
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    const bool last_run_of_full_page = end == one.hits.size() && one.hits.size() == limit;
    if (!last_run_of_full_page || end - i == 1) {
      EXPECT_EQ(b, a) << "ranks " << i + 1 << ".." << end;
    }
    i = end;
  }
}

struct SuiteQuery {
  std::string name;
  std::vector<std::string> args;  // the query words and options
  std::size_t limit = 10;
};

void PrintTo(const SuiteQuery& q, std::ostream* out) {
  *out << q.name;
  for (const auto& a : q.args) *out << " '" << a << "'";
}

class SameAnswersOnEveryBackend : public testing::TestWithParam<SuiteQuery> {};

TEST_P(SameAnswersOnEveryBackend, OneDatabaseLocalPartsAndRemotePartsAgree) {
  Backends& b = backends();
  ASSERT_TRUE(b.ok);
  const SuiteQuery& q = GetParam();
  std::vector<std::string> args = q.args;
  args.insert(args.end(), {"--limit", std::to_string(q.limit)});
  const auto run = [&](const std::filesystem::path& db) {
    std::vector<std::string> full = {"--db", db.string(), "--format", "json"};
    full.insert(full.end(), args.begin(), args.end());
    const auto result = run_command(NEWSDEX_QUERY_BIN, full);
    QueryOutput out;
    if (result.exit_code != 2) out = parse_query_output(result.out);
    out.exit_code = result.exit_code;
    out.err = result.err;
    return out;
  };
  const QueryOutput one = run(b.one);
  ASSERT_NE(one.exit_code, 2) << one.err;
  EXPECT_EQ(one.parts_total, 0u);
  const QueryOutput local = run(b.parts);
  const QueryOutput remote = run(b.remote_map);
  expect_same_answers(one, local, q.limit, "local parts");
  expect_same_answers(one, remote, q.limit, "remote parts");
  EXPECT_EQ(local.parts_answered, 3u);
  EXPECT_EQ(local.parts_total, 3u);
  EXPECT_EQ(remote.parts_answered, 3u);
  EXPECT_EQ(remote.parts_total, 3u);
}

INSTANTIATE_TEST_SUITE_P(
    QuerySuite, SameAnswersOnEveryBackend,
    testing::Values(
        SuiteQuery{"words", {"oil prices"}}, SuiteQuery{"phrase", {"\"interest rates\""}, 20},
        SuiteQuery{"boolean", {"grain OR wheat -corn"}}, SuiteQuery{"near", {"dollar NEAR/3 yen"}},
        SuiteQuery{"wildcard", {"cyber*"}}, SuiteQuery{"joined_word", {"interest-rate"}},
        SuiteQuery{"title_field", {"title:bank"}},
        SuiteQuery{"outlet_filter", {"outlet:afp", "nato"}},
        SuiteQuery{"date_filter", {"date:1987-03 profit"}, 5},
        SuiteQuery{"offset", {"gold", "--offset", "3"}, 5},
        SuiteQuery{"facets",
                   {"cyberattack albania OR oil", "--facets",
                    "outlet,language,story,date.year,date.month,date.day,topics"}},
        SuiteQuery{"exact_total", {"trade", "--exact-total"}},
        SuiteQuery{"sort_date", {"wheat", "--sort", "date"}, 15},
        SuiteQuery{"sort_date_descending", {"wheat", "--sort", "-date"}, 15},
        SuiteQuery{"recency", {"opec", "--recency", "30d"}},
        SuiteQuery{"collapse_outlet", {"nato OR oil", "--collapse", "outlet"}},
        SuiteQuery{"collapse_story", {"cyberattack albania", "--collapse", "story"}},
        SuiteQuery{"collapse_story_page", {"shipping", "--collapse", "story"}, 20},
        SuiteQuery{"collapse_story_facets", {"bank", "--collapse", "story", "--facets", "story"}},
        SuiteQuery{"story_of", {"--story-of", "seed-000"}},
        SuiteQuery{"similar", {"--similar", "seed-001"}}, SuiteQuery{"suggestion", {"coffe prise"}},
        SuiteQuery{"explain", {"cocoa talks collapse", "--explain"}},
        SuiteQuery{"expand", {"cocoa", "--expand"}},
        SuiteQuery{"no_lead", {"bank of japan", "--lead", "0"}},
        SuiteQuery{"nothing_found", {"zzyzxnotaword"}}),
    [](const testing::TestParamInfo<SuiteQuery>& info) { return info.param.name; });

// Three fresh servers over the parts, for a test that stops one.
struct OwnServers {
  std::vector<std::unique_ptr<PartServer>> servers;
  std::filesystem::path map;
};

OwnServers serve_parts(const std::filesystem::path& folder) {
  OwnServers own;
  own.map = folder / "own.map";
  std::vector<std::string> lines;
  for (int k = 0; k < kParts; ++k) {
    own.servers.push_back(
        std::make_unique<PartServer>(backends().parts / ("part-" + std::to_string(k))));
    EXPECT_TRUE(own.servers.back()->ready());
    lines.push_back(own.servers.back()->line());
  }
  write_map(own.map, lines);
  return own;
}

TEST(ShardMapFailures, APartThatIsDownIsNamedAndTheSearchFailsWithExit2) {
  ASSERT_TRUE(backends().ok);
  TempDir dir;
  OwnServers own = serve_parts(dir.path());
  own.servers[1]->kill_now();
  const auto run = run_command(NEWSDEX_QUERY_BIN, {"--db", own.map.string(), "oil"});
  EXPECT_EQ(run.exit_code, 2) << run.out;
  EXPECT_NE(run.err.find(own.servers[1]->line()), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("cannot be reached"), std::string::npos) << run.err;
}

TEST(ShardMapFailures, AllowPartialSearchesTheOtherPartsAndReportsCoverage) {
  ASSERT_TRUE(backends().ok);
  TempDir dir;
  OwnServers own = serve_parts(dir.path());
  own.servers[2]->kill_now();
  const auto q = query_json(own.map, "oil", {"--allow-partial", "--exact-total"});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_EQ(q.parts_answered, 2u);
  EXPECT_EQ(q.parts_total, 3u);
  ASSERT_EQ(q.missing_parts.size(), 1u);
  EXPECT_EQ(q.missing_parts[0], own.servers[2]->line());
  EXPECT_NE(q.err.find("warning: results of 2 of 3 parts"), std::string::npos) << q.err;
  // Exactly the articles of the two parts that answered.
  const auto whole = query_json(backends().parts, "oil", {"--exact-total"});
  const auto lost = query_json(backends().parts / "part-2", "oil", {"--exact-total"});
  EXPECT_EQ(q.total, whole.total - lost.total);
}

// Waits until a batch run has printed `lines` lines.
bool wait_for_lines(const BackgroundProcess& process, std::size_t lines) {
  for (int i = 0; i < 400; ++i) {
    const std::string out = process.out_so_far();
    if (static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n')) >= lines) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return false;
}

TEST(ShardMapFailures, APartKilledMidBatchEndsTheBatchWithItsName) {
  ASSERT_TRUE(backends().ok);
  TempDir dir;
  OwnServers own = serve_parts(dir.path());
  BackgroundProcess batch(NEWSDEX_QUERY_BIN,
                          {"--db", own.map.string(), "--queries", "-", "--format", "json"});
  batch.write_stdin("1\toil\n");
  ASSERT_TRUE(wait_for_lines(batch, 1));
  own.servers[0]->kill_now();
  batch.write_stdin("2\twheat\n3\tgold\n");
  const auto run = batch.wait();
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(std::count(run.out.begin(), run.out.end(), '\n'), 1) << run.out;
  EXPECT_NE(run.err.find(own.servers[0]->line()), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("did not answer"), std::string::npos) << run.err;
}

TEST(ShardMapFailures, APartKilledMidBatchWithAllowPartialLeavesItOut) {
  ASSERT_TRUE(backends().ok);
  TempDir dir;
  OwnServers own = serve_parts(dir.path());
  BackgroundProcess batch(NEWSDEX_QUERY_BIN, {"--db", own.map.string(), "--queries", "-",
                                              "--format", "json", "--allow-partial"});
  batch.write_stdin("1\toil\n");
  ASSERT_TRUE(wait_for_lines(batch, 1));
  own.servers[0]->kill_now();
  batch.write_stdin("2\toil\n");
  const auto run = batch.wait();
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  const auto before = parse_query_output(first);
  const auto after = parse_query_output(second);
  EXPECT_EQ(before.parts_answered, 3u);
  EXPECT_EQ(after.parts_answered, 2u);
  EXPECT_EQ(after.parts_total, 3u);
  ASSERT_EQ(after.missing_parts.size(), 1u);
  EXPECT_EQ(after.missing_parts[0], own.servers[0]->line());
  EXPECT_LT(after.total_lower, before.total_lower);
}

TEST(ShardMapFailures, APartThatDoesNotAnswerTimesOut) {
  // A socket that listens but never answers: the connection is accepted by the kernel and
  // Xapian waits for the server's greeting.
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof addr;
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(fd, 4), 0);
  ASSERT_EQ(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &size), 0);
  TempDir dir;
  const auto map = dir.path() / "silent.map";
  const std::string line = "remote 127.0.0.1:" + std::to_string(ntohs(addr.sin_port));
  write_map(map, {line});
  const auto started = std::chrono::steady_clock::now();
  const auto run = run_command(NEWSDEX_QUERY_BIN, {"--db", map.string(), "--connect-timeout", "0.5",
                                                   "--timeout", "0.5", "oil"});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  close(fd);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find(line), std::string::npos) << run.err;
  EXPECT_LT(seconds, 5.0) << "the timeouts were not applied";
}

TEST(ShardMap, CollapsingKeepsAnExactTotalExact) {
  // Found while comparing backends: with --collapse outlet, one database's --exact-total gave
  // Xapian's loose uncollapsed bounds (166..221 for 169), and remote parts the collapsed count.
  Backends& b = backends();
  ASSERT_TRUE(b.ok);
  for (const auto& db : {b.one, b.parts, b.remote_map}) {
    const auto q = query_json(db, "oil OR nato", {"--collapse", "outlet", "--exact-total"});
    ASSERT_EQ(q.exit_code, 0) << q.err;
    EXPECT_EQ(q.total_lower, q.total_upper) << db;
    const auto uncollapsed = query_json(db, "oil OR nato", {"--exact-total"});
    EXPECT_EQ(q.total, uncollapsed.total) << db << ": totals count matches before collapsing";
  }
}

TEST(ShardMap, ABadLineIsReportedWithItsFileAndLine) {
  TempDir dir;
  const auto map = dir.path() / "bad.map";
  write_map(map, {"# parts", "auto part-0", "remote 127.0.0.1:notaport"});
  const auto run = run_command(NEWSDEX_QUERY_BIN, {"--db", map.string(), "oil"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("bad.map:3"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("port"), std::string::npos) << run.err;
}

TEST(ShardMap, SeparatelyIndexedDatabasesSearchAsOneArchive) {
  TempDir dir;
  index({"--quiet", "--db", (dir.path() / "seeds").string(), kSeeds});
  index({"--quiet", "--db", (dir.path() / "fourth").string(), kFourthReport});
  index({"--quiet", "--db", (dir.path() / "all").string(), kSeeds, kFourthReport});
  write_map(dir.path() / "archive.map", {"auto seeds", "auto fourth"});
  const auto mapped =
      query_json(dir.path() / "archive.map", "cyberattack albania", {"--facets", "outlet"});
  const auto all = query_json(dir.path() / "all", "cyberattack albania", {"--facets", "outlet"});
  ASSERT_EQ(mapped.exit_code, 0) << mapped.err;
  EXPECT_EQ(mapped.total, 4u);
  EXPECT_EQ(ids(mapped), ids(all));
  EXPECT_EQ(mapped.facets, all.facets);
  // Scores use the whole archive's statistics, as one database would.
  for (std::size_t i = 0; i < all.hits.size(); ++i)
    EXPECT_EQ(mapped.hits[i].score, all.hits[i].score) << all.hits[i].id;
}

TEST(ShardMap, AddingToAFolderOfPartsPutsEachArticleInOnePart) {
  TempDir dir;
  const auto parts = dir.path() / "parts";
  index({"--quiet", "--db", parts.string(), "--parts", "3", kSeeds});
  index({"--quiet", "--db", parts.string(), kFourthReport});
  const auto q = query_json(parts, "cyberattack albania");
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_EQ(q.total, 4u);
  // Each article is in exactly one part; indexing the same input again changes nothing.
  std::size_t in_parts = 0;
  for (int k = 0; k < 3; ++k)
    in_parts += query_json(parts / ("part-" + std::to_string(k)), "cyberattack albania").total;
  EXPECT_EQ(in_parts, 4u);
  const auto again =
      run_command(NEWSDEX_INDEX_BIN, {"--db", parts.string(), kSeeds, kFourthReport});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("unchanged 4"), std::string::npos) << again.out;
  EXPECT_EQ(query_json(parts, "cyberattack albania").total, 4u);
}

TEST(ShardMap, AddingToAFolderOfPartsReportsEachProblemOnce) {
  TempDir dir;
  const auto parts = dir.path() / "parts";
  index({"--quiet", "--db", parts.string(), "--parts", "3", kSeeds});
  // dup-b belongs to part 2 (not the part that reports the input's own problems), and is
  // given twice; the third line is not JSON.
  const auto feed = dir.path() / "feed.jsonl";
  std::ofstream(feed) << "{\"id\":\"dup-b\",\"title\":\"Grain talks\",\"body\":\"Grain talks.\"}\n"
                      << "{\"id\":\"dup-b\",\"title\":\"Grain talks end\",\"body\":\"Ended.\"}\n"
                      << "not json\n";
  const auto run = run_command(NEWSDEX_INDEX_BIN, {"--db", parts.string(), feed.string()});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  const auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (auto at = run.err.find(needle); at != std::string::npos; at = run.err.find(needle, at + 1))
      ++n;
    return n;
  };
  EXPECT_EQ(count("duplicate id \"dup-b\""), 1u) << run.err;
  EXPECT_EQ(count("feed.jsonl:3"), 1u) << run.err;
  EXPECT_NE(run.out.find("skipped 1,"), std::string::npos) << run.out;
  EXPECT_EQ(query_json(parts / "part-2", "id:dup-b").total, 1u);
}

TEST(ShardMap, OnePartsMachineTakesItsShareOfAFeed) {
  TempDir dir;
  const auto parts = dir.path() / "parts";
  index({"--quiet", "--db", parts.string(), "--parts", "3", kSeeds});
  // The same feed given to each part's own database, with --part K/3: together, each
  // article once.
  std::size_t total = 0;
  for (int k = 0; k < 3; ++k) {
    const auto db = dir.path() / ("machine-" + std::to_string(k));
    const auto run = run_command(NEWSDEX_INDEX_BIN,
                                 {"--db", db.string(), "--part", std::to_string(k) + "/3", kSeeds});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    const auto here = query_json(db, "cyberattack albania");
    const auto built = query_json(parts / ("part-" + std::to_string(k)), "cyberattack albania");
    EXPECT_EQ(ids(here), ids(built)) << "part " << k;
    total += here.hits.size();
  }
  EXPECT_EQ(total, 3u);
  const auto bad = run_command(NEWSDEX_INDEX_BIN,
                               {"--db", (dir.path() / "x").string(), "--part", "3/3", kSeeds});
  EXPECT_EQ(bad.exit_code, 2);
}

}  // namespace
}  // namespace newsdex::test
