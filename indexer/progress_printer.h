#pragma once

#include <chrono>
#include <ostream>

#include "newsdex/index_job.h"

namespace newsdex {

// Shows an indexing run's progress on stderr: on a terminal a live line rewritten in place
// (articles, articles/s, MB/s, percent and ETA when the input size is known); otherwise one log
// line every few seconds, so logs stay readable.
class ProgressPrinter {
 public:
  enum class Mode { kOff, kLiveLine, kLogLines };

  ProgressPrinter(Mode mode, std::ostream& out, std::chrono::milliseconds log_interval)
      : mode_(mode), out_(out), log_interval_(log_interval) {}

  // Cheap when nothing is due: called after every article.
  void update(const IndexProgress& progress);
  // Ends the live line so later output starts on a fresh line.
  void finish();

  // The share of the run's work done, from 0 to 1, or -1 when unknown (no input size): the
  // share of input read times the share of the articles read so far that are built, since a
  // parallel build reads thousands of articles ahead of its workers (the ETA showed 0m00s with
  // 66% to go when it counted bytes read).
  static double done_fraction(const IndexProgress& progress);
  // "ETA 1m05s", or "ETA --" until there is enough to go on.
  static std::string eta(const IndexProgress& progress);

 private:
  std::string describe(const IndexProgress& progress) const;

  Mode mode_;
  std::ostream& out_;
  std::chrono::milliseconds log_interval_;
  std::chrono::steady_clock::time_point last_{};
  bool line_open_ = false;
};

}  // namespace newsdex
