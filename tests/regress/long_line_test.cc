// Regression: a JSON line over --max-bytes was read whole before being skipped (a plain 150 MB
// line cost 329 MB of memory; a gzip'd 2 GB line without a newline ran 10 minutes to 2.1 GB and
// ignored SIGTERM). Reading must stop buffering at the limit, skip to the next newline, and
// answer a stop request at once.
#include <gtest/gtest.h>
#include <signal.h>
#include <zlib.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

namespace fs = std::filesystem;

std::string article(const std::string& id, const std::string& word) {
  return "{\"id\": \"" + id + "\", \"title\": \"Harbour " + word + "\", \"body\": \"Ships " + word +
         " and cargo\"}\n";
}

// One gzip member holding `data`.
std::string gzip_member(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// A gzip'd JSON Lines file whose one line is `mib` MiB long and never ends: zlib reads
// concatenated members as one stream, so one compressed 16 MiB member repeated makes a file of
// a few MB that inflates to gigabytes.
constexpr std::string_view kBombStart = "{\"id\": \"bomb\", \"body\": \"";

void write_gzip_bomb(const fs::path& file, std::size_t mib) {
  std::ofstream out(file, std::ios::binary);
  out << gzip_member(std::string(kBombStart));
  const std::string block = gzip_member(std::string(16u << 20, 'x'));
  for (std::size_t done = 0; done < mib; done += 16) out << block;
}

TEST(LongLine, APlainLineOverTheLimitIsSkippedWithoutBeingBuffered) {
  TempDir dir;
  const auto file = dir.path() / "long.jsonl";
  std::size_t big_line_bytes = 0;
  {
    // Freed before the indexer starts: a forked child counts the parent's pages in its peak
    // memory until it execs.
    const std::string big_line =
        "{\"id\": \"big\", \"body\": \"" + std::string(150u << 20, 'x') + "\"}";
    big_line_bytes = big_line.size();
    std::ofstream out(file);
    out << article("a", "first");
    out << big_line << "\n";
    out << article("b", "second");
  }
  const auto db = dir.path() / "db";
  const auto run = run_command(NEWSDEX_INDEX_BIN,
                               {"--db", db.string(), "--max-bytes", "1048576", file.string()});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_NE(run.err.find("long.jsonl:2: skipped: line of " + std::to_string(big_line_bytes) +
                         " bytes is over --max-bytes (1048576)"),
            std::string::npos)
      << run.err;
  // The line alone is 150 MiB; the limit is 1 MiB.
  EXPECT_LT(run.max_rss_kb, 120 * 1024) << "the over-long line was buffered";
  EXPECT_EQ(ids(query_json(db, "harbour")), (std::set<std::string>{"a", "b"}));
}

TEST(LongLine, AGzipBombLineIsSkippedInBoundedMemory) {
  TempDir dir;
  const auto bomb = dir.path() / "bomb.jsonl.gz";
  write_gzip_bomb(bomb, 512);
  const auto plain = dir.path() / "plain.jsonl";
  std::ofstream(plain) << article("a", "first");
  const auto db = dir.path() / "db";
  const auto run = run_command(NEWSDEX_INDEX_BIN, {"--db", db.string(), "--max-bytes", "1048576",
                                                   bomb.string(), plain.string()});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_NE(
      run.err.find("bomb.jsonl.gz:1: skipped: line of " +
                   std::to_string((512u << 20) + kBombStart.size()) + " bytes is over --max-bytes"),
      std::string::npos)
      << run.err;
  EXPECT_LT(run.max_rss_kb, 120 * 1024);
  EXPECT_EQ(ids(query_json(db, "harbour")), (std::set<std::string>{"a"}));
}

TEST(LongLine, SigtermStopsWithinASecondWhileSkipping) {
  TempDir dir;
  const auto plain = dir.path() / "a.jsonl";
  std::ofstream(plain) << article("a", "first");
  const auto bomb = dir.path() / "b.jsonl.gz";
  write_gzip_bomb(bomb, 2048);
  const auto db = dir.path() / "db";
  BackgroundProcess indexer(NEWSDEX_INDEX_BIN,
                            {"--db", db.string(), plain.string(), bomb.string()});
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto signalled = std::chrono::steady_clock::now();
  indexer.signal(SIGTERM);
  const auto run = indexer.wait();
  const auto took = std::chrono::steady_clock::now() - signalled;
  // A run that finished before the signal cannot show it; 2 GiB take seconds to inflate.
  ASSERT_EQ(run.exit_code, 143) << run.out << run.err;
  EXPECT_LT(took, std::chrono::seconds(1));
  EXPECT_NE(run.err.find("stopped by signal 15 after committing"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("read error"), std::string::npos) << run.err;
  EXPECT_EQ(ids(query_json(db, "harbour")), (std::set<std::string>{"a"}));
}

}  // namespace
}  // namespace newsdex::test
