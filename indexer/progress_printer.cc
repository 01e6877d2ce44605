#include "progress_printer.h"

#include <cstdio>

namespace newsdex {
namespace {

constexpr auto kLiveInterval = std::chrono::milliseconds(250);

}  // namespace

std::string ProgressPrinter::describe(const IndexProgress& p) const {
  const double seconds = p.seconds > 0 ? p.seconds : 1e-9;
  char buf[200];
  int n = std::snprintf(buf, sizeof buf, "%zu articles, %.0f articles/s, %.1f MB/s", p.articles,
                        static_cast<double>(p.articles) / seconds,
                        static_cast<double>(p.bytes_done) / 1e6 / seconds);
  if (p.bytes_total > 0 && p.bytes_done > 0 && n > 0 && n < static_cast<int>(sizeof buf)) {
    const double fraction =
        std::min(1.0, static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total));
    const double eta = fraction > 0 ? seconds * (1 - fraction) / fraction : 0;
    std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ", %.0f%%, ETA %dm%02ds",
                  fraction * 100, static_cast<int>(eta) / 60, static_cast<int>(eta) % 60);
  }
  return buf;
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
