#include "searcher/search_workers.h"

namespace newsdex {

SearchWorkers::SearchWorkers(std::string path, std::size_t workers)
    : path_(std::move(path)), workers_(workers) {
  for (auto& worker : workers_) worker.db = Xapian::Database(path_);
  for (std::size_t i = 0; i < workers; ++i) threads_.emplace_back([this, i] { loop(i); });
}

SearchWorkers::~SearchWorkers() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
  }
  wake_.notify_all();
  threads_.clear();  // joins
}

bool SearchWorkers::sync_to(Xapian::rev revision) {
  for (auto& worker : workers_) {
    if (worker.db.get_revision() == revision) continue;
    worker.db.reopen();
    if (worker.db.get_revision() != revision) return false;
  }
  return true;
}

void SearchWorkers::run(const std::vector<std::function<void(const Xapian::Database&)>>& tasks,
                        const std::function<void()>& own) {
  {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < workers_.size(); ++i) {
      workers_[i].task = i < tasks.size() ? &tasks[i] : nullptr;
      workers_[i].failure = nullptr;
    }
    pending_ = workers_.size();
    ++generation_;
  }
  wake_.notify_all();
  std::exception_ptr own_failure;
  try {
    own();
  } catch (...) {
    own_failure = std::current_exception();
  }
  std::unique_lock lock(mutex_);
  done_.wait(lock, [&] { return pending_ == 0; });
  if (own_failure) std::rethrow_exception(own_failure);
  for (const auto& worker : workers_)
    if (worker.failure) std::rethrow_exception(worker.failure);
}

void SearchWorkers::loop(std::size_t index) {
  std::size_t seen = 0;
  for (;;) {
    const std::function<void(const Xapian::Database&)>* task = nullptr;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return closing_ || generation_ != seen; });
      if (closing_) return;
      seen = generation_;
      task = workers_[index].task;
    }
    std::exception_ptr failure;
    if (task) {
      try {
        (*task)(workers_[index].db);
      } catch (...) {
        failure = std::current_exception();
      }
    }
    {
      std::lock_guard lock(mutex_);
      workers_[index].failure = failure;
      if (--pending_ == 0) done_.notify_all();
    }
  }
}

}  // namespace newsdex
