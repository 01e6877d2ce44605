// Searcher's documented thread-safety contract: one Searcher per thread, any number of threads,
// while an indexer commits to the same database.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "newsdex/error.h"
#include "newsdex/index_job.h"
#include "newsdex/searcher.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

class ScratchDir {
 public:
  ScratchDir()
      : path_(fs::temp_directory_path() /
              ("newsdex-concurrency-" + std::to_string(std::random_device{}()))) {}
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

IndexOptions seed_options(const std::string& db) {
  IndexOptions options;
  options.db_path = db;
  options.inputs = {std::string(NEWSDEX_SOURCE_DIR) + "/corpora/seeds"};
  return options;
}

SearchRequest request_for(const std::string& query) {
  SearchRequest request;
  request.query = query;
  return request;
}

std::vector<std::string> ranking(const SearchResult& r) {
  std::vector<std::string> ids;
  for (const auto& h : r.hits) ids.push_back(h.id);
  return ids;
}

TEST(SearcherConcurrency, OneSearcherPerThreadGivesIdenticalResults) {
  ScratchDir dir;
  run_index_job(seed_options(dir.path()));
  const std::vector<std::string> queries = {"cyberattack Albania", "Soleimani",    "Durres",
                                            "\"cyber attack\"",    "iran -tehran", "date:2022-09"};
  std::vector<std::vector<std::string>> expected;
  {
    Searcher searcher(dir.path());
    for (const auto& q : queries) expected.push_back(ranking(searcher.search(request_for(q))));
  }
  std::atomic<int> mismatches = 0;
  std::mutex first_mismatch_mutex;
  std::string first_mismatch;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      // An exception escaping a thread would abort the whole test binary: count it instead.
      try {
        Searcher searcher(dir.path());
        for (int round = 0; round < 50; ++round)
          for (std::size_t i = 0; i < queries.size(); ++i) {
            const auto got = ranking(searcher.search(request_for(queries[i])));
            if (got == expected[i]) continue;
            ++mismatches;
            std::lock_guard lock(first_mismatch_mutex);
            if (first_mismatch.empty())
              first_mismatch = queries[i] + ": " + std::to_string(got.size()) + " hits vs " +
                               std::to_string(expected[i].size());
          }
      } catch (const std::exception& e) {
        ++mismatches;
        std::lock_guard lock(first_mismatch_mutex);
        if (first_mismatch.empty()) first_mismatch = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches, 0) << first_mismatch;
}

TEST(SearcherConcurrency, SearchesSucceedWhileTheIndexerCommits) {
  ScratchDir dir;
  run_index_job(seed_options(dir.path()));
  constexpr int kReaders = 2;
  constexpr int kMinSearchesEach = 20;
  std::atomic<bool> writing = true;
  std::atomic<int> readers_ready = 0;
  std::atomic<int> failures = 0;
  std::atomic<int> searches = 0;
  std::mutex first_error_mutex;
  std::string first_error;
  std::thread writer([&] {
    // Start writing only once every reader has its Searcher open, and write new articles (an
    // unchanged one would be skipped without a commit), so readers really see commits go by.
    while (readers_ready < kReaders) std::this_thread::yield();
    for (int i = 0; i < 40; ++i) {
      const std::string file = dir.path() + "-extra-" + std::to_string(i) + ".jsonl";
      std::ofstream(file) << "{\"id\":\"extra-" << i
                          << "\",\"title\":\"Filler\",\"body\":\"unrelated filler text\"}\n";
      auto options = seed_options(dir.path());
      options.inputs = {file};
      options.commit_every = 1;
      run_index_job(options);
      std::filesystem::remove(file);
    }
    writing = false;
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < kReaders; ++t) {
    readers.emplace_back([&] {
      Searcher searcher(dir.path());
      ++readers_ready;
      // A loaded machine may finish the writer before a reader is scheduled: search a minimum
      // number of times regardless.
      for (int done = 0; writing || done < kMinSearchesEach; ++done) {
        try {
          if (searcher.search(request_for("albania")).total != 3) ++failures;
          ++searches;
        } catch (const Error& e) {
          // Catching Error is the contract: a Xapian exception (a reopen meeting the next
          // commit used to escape as DatabaseModifiedError) would abort the test binary.
          ++failures;
          std::lock_guard lock(first_error_mutex);
          if (first_error.empty()) first_error = e.what();
        }
      }
    });
  }
  writer.join();
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures, 0) << first_error;
  EXPECT_GE(searches, kReaders * kMinSearchesEach);
}

}  // namespace
}  // namespace newsdex
