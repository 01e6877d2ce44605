#include "progress_printer.h"

#include <gtest/gtest.h>

#include <sstream>

namespace newsdex {
namespace {

IndexProgress progress(std::size_t done, std::size_t total, std::size_t articles,
                       std::size_t pending, double seconds) {
  IndexProgress p;
  p.bytes_done = done;
  p.bytes_total = total;
  p.articles = articles;
  p.articles_pending = pending;
  p.seconds = seconds;
  return p;
}

// A parallel build reads ahead of its workers: a third of the input read with nothing built
// yet is not a third of the work (it showed "34%, ETA 0m00s" on Reuters).
TEST(ProgressPrinter, EtaCountsBuiltArticlesNotBytesRead) {
  EXPECT_DOUBLE_EQ(ProgressPrinter::done_fraction(progress(34, 100, 7000, 7000, 0.3)), 0);
  EXPECT_EQ(ProgressPrinter::eta(progress(34, 100, 7000, 7000, 0.3)), "ETA --");
  // Half read, half of what was read built: a quarter done after 10 s, 30 s to go.
  EXPECT_DOUBLE_EQ(ProgressPrinter::done_fraction(progress(50, 100, 1000, 500, 10)), 0.25);
  EXPECT_EQ(ProgressPrinter::eta(progress(50, 100, 1000, 500, 10)), "ETA 0m30s");
  // One thread (nothing pending): bytes read is the measure.
  EXPECT_EQ(ProgressPrinter::eta(progress(66, 100, 660, 0, 66)), "ETA 0m34s");
  EXPECT_EQ(ProgressPrinter::eta(progress(10, 100, 100, 0, 100)), "ETA 15m00s");
  // Unknown size (stdin): no percentage, no ETA.
  EXPECT_LT(ProgressPrinter::done_fraction(progress(10, 0, 100, 0, 5)), 0);
}

TEST(ProgressPrinter, LogLinesShowPercentAndEta) {
  std::ostringstream out;
  ProgressPrinter printer(ProgressPrinter::Mode::kLogLines, out, std::chrono::milliseconds(0));
  printer.update(progress(50, 100, 1000, 500, 10));
  printer.update(progress(50, 100, 1000, 500, 10));
  EXPECT_NE(out.str().find("1000 articles, 100 articles/s"), std::string::npos) << out.str();
  EXPECT_NE(out.str().find(", 25%, ETA 0m30s"), std::string::npos) << out.str();
}

}  // namespace
}  // namespace newsdex
