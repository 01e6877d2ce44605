// Searcher's documented thread-safety contract: one Searcher per thread, any number of threads,
// while an indexer commits to the same database.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
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
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      Searcher searcher(dir.path());
      for (int round = 0; round < 50; ++round)
        for (std::size_t i = 0; i < queries.size(); ++i)
          if (ranking(searcher.search(request_for(queries[i]))) != expected[i]) ++mismatches;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(mismatches, 0);
}

TEST(SearcherConcurrency, SearchesSucceedWhileTheIndexerCommits) {
  ScratchDir dir;
  run_index_job(seed_options(dir.path()));
  std::atomic<bool> writing = true;
  std::atomic<int> failures = 0;
  std::atomic<int> searches = 0;
  std::thread writer([&] {
    auto options = seed_options(dir.path());
    options.commit_every = 1;  // as many commits as possible
    for (int i = 0; i < 15; ++i) run_index_job(options);
    writing = false;
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t) {
    readers.emplace_back([&] {
      Searcher searcher(dir.path());
      while (writing) {
        try {
          if (searcher.search(request_for("albania")).total != 3) ++failures;
          ++searches;
        } catch (const Error&) {
          ++failures;
        }
      }
    });
  }
  writer.join();
  for (auto& t : readers) t.join();
  EXPECT_EQ(failures, 0);
  EXPECT_GT(searches, 0);
}

}  // namespace
}  // namespace newsdex
