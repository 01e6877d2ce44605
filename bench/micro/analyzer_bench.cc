// Analyzer throughput on the Reuters corpus (titles and bodies), side by side with Xapian's own
// TermGenerator indexing the same text into a document (English stemmer, default settings: the
// speed a user gets from plain Xapian), and ICU word breaking alone (the ceiling).
#include <benchmark/benchmark.h>
#include <unicode/brkiter.h>
#include <unicode/utext.h>
#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "bench_corpus.h"
#include "newsdex/analyzer.h"

namespace {

const std::vector<std::string>& texts() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> out;
    for (auto& a : newsdex::bench::load_bench_corpus()) out.push_back(a.title + "\n" + a.body);
    return out;
  }();
  return all;
}

std::int64_t total_bytes() {
  std::int64_t n = 0;
  for (const auto& t : texts()) n += static_cast<std::int64_t>(t.size());
  return n;
}

void BM_NewsdexAnalyzer(benchmark::State& state) {
  if (texts().empty()) return state.SkipWithError("no corpus: set NEWSDEX_BENCH_CORPUS");
  newsdex::Analyzer analyzer("english");
  std::size_t terms = 0;
  for (auto _ : state)
    for (const auto& t : texts())
      analyzer.analyze(t, 1, [&](const newsdex::AnalyzedTerm& term) {
        benchmark::DoNotOptimize(term.term.data());
        ++terms;
      });
  state.SetBytesProcessed(total_bytes() * state.iterations());
  state.counters["terms"] = static_cast<double>(terms) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_NewsdexAnalyzer)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_XapianTermGenerator(benchmark::State& state) {
  if (texts().empty()) return state.SkipWithError("no corpus: set NEWSDEX_BENCH_CORPUS");
  Xapian::TermGenerator generator;
  generator.set_stemmer(Xapian::Stem("english"));
  for (auto _ : state) {
    for (const auto& t : texts()) {
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(t);
      benchmark::DoNotOptimize(doc);
    }
  }
  state.SetBytesProcessed(total_bytes() * state.iterations());
}
BENCHMARK(BM_XapianTermGenerator)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_IcuWordBreakOnly(benchmark::State& state) {
  if (texts().empty()) return state.SkipWithError("no corpus: set NEWSDEX_BENCH_CORPUS");
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> breaker(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  std::size_t words = 0;
  for (auto _ : state) {
    for (const auto& t : texts()) {
      UText ut = UTEXT_INITIALIZER;
      utext_openUTF8(&ut, t.data(), static_cast<int64_t>(t.size()), &status);
      breaker->setText(&ut, status);
      for (int32_t e = breaker->next(); e != icu::BreakIterator::DONE; e = breaker->next())
        words += breaker->getRuleStatus() >= 100;
      utext_close(&ut);
    }
  }
  benchmark::DoNotOptimize(words);
  state.SetBytesProcessed(total_bytes() * state.iterations());
}
BENCHMARK(BM_IcuWordBreakOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
