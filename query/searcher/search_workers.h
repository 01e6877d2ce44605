#pragma once

#include <xapian.h>

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace newsdex {

// Threads for matching one query in parts, each with its own handle on the database (Xapian's
// objects do not lock). run() hands task i to worker i, does the caller's own part meanwhile,
// and waits for all of them: N parts take N - 1 workers.
class SearchWorkers {
 public:
  SearchWorkers(std::string path, std::size_t workers);
  ~SearchWorkers();
  SearchWorkers(const SearchWorkers&) = delete;
  SearchWorkers& operator=(const SearchWorkers&) = delete;

  std::size_t size() const { return workers_.size(); }

  // Brings every worker's handle to `revision` (reopening); false when one is newer (the
  // indexer committed meanwhile: reopen the caller's handle and try again).
  bool sync_to(Xapian::rev revision);

  // Runs task i on worker i's database (i < size()) while the caller runs `own`; rethrows the
  // first failure once all have finished.
  void run(const std::vector<std::function<void(const Xapian::Database&)>>& tasks,
           const std::function<void()>& own);

 private:
  struct Worker {
    Xapian::Database db;
    const std::function<void(const Xapian::Database&)>* task = nullptr;
    std::exception_ptr failure;
  };
  void loop(std::size_t index);

  std::string path_;
  std::vector<Worker> workers_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable done_;
  std::size_t pending_ = 0;
  std::size_t generation_ = 0;
  bool closing_ = false;
  std::vector<std::jthread> threads_;
};

}  // namespace newsdex
