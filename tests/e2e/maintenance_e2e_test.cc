// End-to-end: incremental indexing, deletes, statistics, compaction, the writer lock, progress
// lines and a clean stop on SIGINT, through the real newsdex-index.
#include <gtest/gtest.h>
#include <signal.h>
#include <xapian.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

namespace fs = std::filesystem;
using Ids = std::set<std::string>;

std::string article(int i, const std::string& extra = "") {
  return "{\"id\": \"n" + std::to_string(i) + "\", \"title\": \"Harbour report " +
         std::to_string(i) + "\", \"body\": \"Ships and cargo " + std::to_string(i * 31 % 97) +
         " tonnes " + extra + "\"}\n";
}

class Maintenance : public ::testing::Test {
 protected:
  TempDir dir_;
  fs::path db() const { return dir_.path() / "db"; }
  fs::path corpus() const { return dir_.path() / "corpus.jsonl"; }
  void write_corpus(int count, const std::string& extra_for_first = "") {
    std::ofstream out(corpus());
    for (int i = 0; i < count; ++i) out << article(i, i == 0 ? extra_for_first : "");
  }
  CommandResult index(std::vector<std::string> args) {
    args.insert(args.begin(), {"--db", db().string()});
    return run_command(NEWSDEX_INDEX_BIN, args);
  }
  std::uint64_t harbour_count() {
    return query_json(db(), "harbour", {"--exact-total", "--limit", "0"}).total;
  }
  // A run sent SIGINT either finished first (everything indexed) or stopped after committing
  // what it had: exit 130 and the message. `after_stop` is what the database holds now.
  void expect_clean_stop(const CommandResult& stopped, std::uint64_t after_stop, int articles) {
    if (stopped.exit_code == 0) {
      EXPECT_EQ(after_stop, static_cast<std::uint64_t>(articles));
      return;
    }
    EXPECT_EQ(stopped.exit_code, 130) << stopped.err;
    EXPECT_NE(stopped.err.find("stopped by signal 2 after committing"), std::string::npos)
        << stopped.err;
    // Equal when the signal came after the last article was read: it still stops, committed.
    EXPECT_LE(after_stop, static_cast<std::uint64_t>(articles));
  }
  // After a stop: re-running the same command skips what was committed and finishes the job.
  void expect_rerun_finishes(std::uint64_t committed, int articles) {
    const auto rerun = index({corpus().string()});
    EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_NE(rerun.out.find("unchanged " + std::to_string(committed) + ","), std::string::npos)
        << rerun.out;
    EXPECT_EQ(harbour_count(), static_cast<std::uint64_t>(articles));
  }
};

TEST_F(Maintenance, ReindexingSkipsUnchangedAndCountsEachOutcome) {
  write_corpus(50);
  auto run = index({corpus().string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("(added 50, replaced 0), unchanged 0"), std::string::npos) << run.out;
  run = index({corpus().string()});
  EXPECT_NE(run.out.find("indexed 0 articles (added 0, replaced 0), unchanged 50"),
            std::string::npos)
      << run.out;
  // One changed, two new.
  {
    std::ofstream out(corpus());
    for (int i = 0; i < 52; ++i) out << article(i, i == 7 ? "changed" : "");
  }
  run = index({corpus().string()});
  EXPECT_NE(run.out.find("indexed 3 articles (added 2, replaced 1), unchanged 49"),
            std::string::npos)
      << run.out;
  EXPECT_EQ(ids(query_json(db(), "changed")), Ids{"n7"});
  EXPECT_EQ(harbour_count(), 52u);
}

TEST_F(Maintenance, DeleteByIdAndFromAFile) {
  write_corpus(10);
  ASSERT_EQ(index({corpus().string()}).exit_code, 0);
  auto run = index({"--delete", "n1", "n2", "nope"});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("deleted 2"), std::string::npos) << run.out;
  EXPECT_NE(run.err.find("--delete nope: warning: no article with this id"), std::string::npos);
  std::ofstream(dir_.path() / "gone.txt") << "n3\nn4\r\n\n";
  run = index({"--delete-from", (dir_.path() / "gone.txt").string()});
  EXPECT_NE(run.out.find("deleted 2"), std::string::npos) << run.out;
  const auto left = ids(query_json(db(), "harbour", {"--limit", "20"}));
  EXPECT_EQ(left, (Ids{"n0", "n5", "n6", "n7", "n8", "n9"}));
}

TEST_F(Maintenance, StatsDescribeTheDatabase) {
  ASSERT_EQ(index({std::string(NEWSDEX_SOURCE_DIR) + "/corpora/seeds"}).exit_code, 0);
  const auto run = index({"--stats"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("articles        3\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("dates           2022-09-08 .. 2022-09-08T16:18:00\n"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("  The Jerusalem Post"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("size on disk"), std::string::npos);
  EXPECT_EQ(run_command(NEWSDEX_INDEX_BIN, {"--db", "/nonexistent/db", "--stats"}).exit_code, 1);
}

TEST_F(Maintenance, CompactionKeepsResultsIdentical) {
  write_corpus(300);
  ASSERT_EQ(index({"--batch", "20", corpus().string()}).exit_code, 0);
  ASSERT_EQ(index({"--delete", "n5", "n6"}).exit_code, 0);
  const auto before = query_json(db(), "harbour cargo 42", {"--limit", "50", "--exact-total"});
  const auto run = index({"--compact"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto after = query_json(db(), "harbour cargo 42", {"--limit", "50", "--exact-total"});
  ASSERT_EQ(before.hits.size(), after.hits.size());
  EXPECT_EQ(before.total, after.total);
  for (std::size_t i = 0; i < before.hits.size(); ++i) {
    EXPECT_EQ(before.hits[i].id, after.hits[i].id);
    EXPECT_DOUBLE_EQ(before.hits[i].score, after.hits[i].score);
  }
  // No temporary copy is left beside the database.
  for (const auto& entry : fs::directory_iterator(dir_.path()))
    EXPECT_EQ(entry.path().filename().string().find("compact"), std::string::npos);
  // New articles still go in after compaction.
  write_corpus(301);
  EXPECT_NE(index({corpus().string()}).out.find("added 3,"), std::string::npos);
}

TEST_F(Maintenance, ASecondWriterGetsALockedError) {
  // The first indexer holds the database while it waits for more of its stdin.
  BackgroundProcess first(NEWSDEX_INDEX_BIN, {"--db", db().string(), "-"});
  first.write_stdin(article(1));
  for (int i = 0; i < 200 && !fs::exists(db() / "flintlock"); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  write_corpus(2);
  const auto second = index({corpus().string()});
  EXPECT_EQ(second.exit_code, 1);
  EXPECT_NE(second.err.find("is locked by another writer"), std::string::npos) << second.err;
  // Readers are not locked out.
  first.write_stdin(article(2));
  const auto done = first.wait();
  EXPECT_EQ(done.exit_code, 0) << done.err;
  EXPECT_EQ(query_json(db(), "harbour").total, 2u);
}

TEST_F(Maintenance, ProgressLinesWhenNotOnATerminal) {
  {
    // More chunks (1,000 articles each) than the builder queues (two per job), so the reader
    // waits for the workers and the run lasts many progress intervals however fast it gets:
    // with 3,000 articles the reader could finish within one interval and print nothing.
    std::ofstream out(corpus());
    for (int i = 0; i < 20000; ++i) out << article(i);
  }
  const auto run = index({"--progress-every", "0.01", corpus().string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("progress: "), std::string::npos) << run.err;
  EXPECT_NE(run.err.find(" articles/s, "), std::string::npos);
  EXPECT_NE(run.err.find("%, ETA "), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find('\r'), std::string::npos);  // no live line in a log
  EXPECT_EQ(index({"--quiet", corpus().string()}).err, "");
}

TEST_F(Maintenance, SigintStopsAnUpdateAfterACommitAndARerunFinishes) {
  constexpr int kArticles = 6000;
  // An existing database is updated in place, commit by commit.
  write_corpus(1);
  ASSERT_EQ(index({corpus().string()}).exit_code, 0);
  write_corpus(kArticles);
  BackgroundProcess first(NEWSDEX_INDEX_BIN,
                          {"--db", db().string(), "--batch", "200", corpus().string()});
  // Wait for the first commits of this run, then interrupt.
  std::uint64_t committed = 1;
  for (int i = 0; i < 3000 && committed <= 1; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    committed = harbour_count();
  }
  first.signal(SIGINT);
  const auto stopped = first.wait();
  const auto after_stop = harbour_count();
  EXPECT_GE(after_stop, committed);
  expect_clean_stop(stopped, after_stop, kArticles);
  // What was indexed before the signal is committed, without duplicates.
  expect_rerun_finishes(after_stop, kArticles);
}

TEST_F(Maintenance, SigintStopsANewBuildWithWhatItHasAndARerunFinishes) {
  constexpr int kArticles = 20000;
  write_corpus(kArticles);
  BackgroundProcess first(NEWSDEX_INDEX_BIN,
                          {"--db", db().string(), "--jobs", "1", corpus().string()});
  // Wait until the first shard is being built, then interrupt.
  const auto work_dir = dir_.path() / "db.build";
  for (int i = 0; i < 5000; ++i) {
    std::error_code ec;
    if (fs::exists(work_dir / "t0-0000000001", ec)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  first.signal(SIGINT);
  const auto stopped = first.wait();
  const auto after_stop = harbour_count();
  expect_clean_stop(stopped, after_stop, kArticles);
  // The shards built before the signal were merged and swapped in.
  EXPECT_GT(after_stop, 0u);
  EXPECT_FALSE(fs::exists(work_dir));
  expect_rerun_finishes(after_stop, kArticles);
}

// newsdex-index writes termlists without deflate (indexer/glass_termlist_deflate.cc): a copy
// compacted in this process, where Glass deflates them as usual, has a smaller termlist table.
TEST_F(Maintenance, TermlistsAreStoredWithoutDeflate) {
  {
    // Long articles over a small vocabulary: termlists that deflate does shrink.
    std::ofstream out(corpus());
    for (int i = 0; i < 1500; ++i) {
      out << "{\"id\": \"w" << i << "\", \"title\": \"Harbour report " << i << "\", \"body\": \"";
      for (int w = 0; w < 150; ++w) out << "cargo" << (i * 7 + w * 13) % 400 << ' ';
      out << "\"}\n";
    }
  }
  ASSERT_EQ(index({corpus().string()}).exit_code, 0);
  const fs::path recompressed = dir_.path() / "recompressed";
  Xapian::Database(db().string()).compact(recompressed.string());
  const auto raw_bytes = fs::file_size(db() / "termlist.glass");
  const auto deflated_bytes = fs::file_size(recompressed / "termlist.glass");
  EXPECT_LT(deflated_bytes * 10, raw_bytes * 9) << raw_bytes << " vs " << deflated_bytes;
  EXPECT_EQ(Xapian::Database(recompressed.string()).get_doccount(), 1500u);
}

TEST_F(Maintenance, MissingParentFoldersOfTheDatabaseAreCreated) {
  write_corpus(3);
  const auto nested = dir_.path() / "a" / "b" / "news.db";
  const auto run = run_command(NEWSDEX_INDEX_BIN, {"--db", nested.string(), corpus().string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(query_json(nested, "harbour").total, 3u);
}

TEST_F(Maintenance, MaintenanceOptionsAreChecked) {
  EXPECT_EQ(index({"--compact", "x.jsonl"}).exit_code, 2);
  EXPECT_EQ(index({"--stats", "--delete", "a"}).exit_code, 2);
  EXPECT_EQ(index({"--memory", "0", "x.jsonl"}).exit_code, 2);
  EXPECT_EQ(index({"--delete-from", "/nonexistent/list"}).exit_code, 2);
}

}  // namespace
}  // namespace newsdex::test
