#include "progress_printer.h"

#include <algorithm>
#include <cstdio>

namespace newsdex {
namespace {

constexpr auto kLiveInterval = std::chrono::milliseconds(250);
constexpr double kMinSecondsForEta = 1.0;

}  // namespace

double ProgressPrinter::done_fraction(const IndexProgress& p) {
  if (p.bytes_total == 0) return -1;
  const double read =
      std::min(1.0, static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total));
  if (p.articles == 0) return 0;
  const double built = static_cast<double>(p.articles - std::min(p.articles_pending, p.articles)) /
                       static_cast<double>(p.articles);
  return read * built;
}

std::string ProgressPrinter::eta(const IndexProgress& p) {
  const double fraction = done_fraction(p);
  // A second in, and a percent done: early rates (a cold cache, a read-ahead) mislead.
  if (fraction < 0.01 || p.seconds < kMinSecondsForEta) return "ETA --";
  const auto left = static_cast<long>(p.seconds * (1 - fraction) / fraction + 0.5);
  char buf[40];
  std::snprintf(buf, sizeof buf, "ETA %ldm%02lds", left / 60, left % 60);
  return buf;
}

std::string ProgressPrinter::describe(const IndexProgress& p) const {
  const double seconds = p.seconds > 0 ? p.seconds : 1e-9;
  char buf[120];
  std::snprintf(buf, sizeof buf, "%zu articles, %.0f articles/s, %.1f MB/s", p.articles,
                static_cast<double>(p.articles) / seconds,
                static_cast<double>(p.bytes_done) / 1e6 / seconds);
  std::string line = buf;
  if (const double fraction = done_fraction(p); fraction >= 0) {
    std::snprintf(buf, sizeof buf, ", %.0f%%, ", fraction * 100);
    line += buf + eta(p);
  }
  return line;
}

void ProgressPrinter::update(const IndexProgress& progress) {
  if (mode_ == Mode::kOff) return;
  const auto now = std::chrono::steady_clock::now();
  const auto interval = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      mode_ == Mode::kLiveLine ? kLiveInterval : log_interval_);
  if (last_.time_since_epoch().count() == 0) last_ = now;  // nothing in the first interval
  if (now - last_ < interval) return;
  last_ = now;
  if (mode_ == Mode::kLiveLine) {
    out_ << "\r\x1b[K" << describe(progress) << std::flush;
    line_open_ = true;
  } else {
    out_ << "progress: " << describe(progress) << "\n" << std::flush;
  }
}

void ProgressPrinter::finish() {
  if (line_open_) out_ << "\r\x1b[K" << std::flush;
  line_open_ = false;
}

}  // namespace newsdex
