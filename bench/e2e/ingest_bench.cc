// Ingestion throughput on the bundled Reuters corpus (gzip'd JSON Lines): parsing alone
// (decompress + JSON + article mapping) and parsing plus indexing into a fresh database.
#include <benchmark/benchmark.h>

#include "bench_corpus.h"
#include "extract/jsonl_extractor.h"
#include "newsdex/index_job.h"

namespace {

void BM_ParseReutersJsonl(benchmark::State& state) {
  const auto path = newsdex::bench::bench_corpus_path();
  if (path.empty()) return state.SkipWithError("no corpus: set NEWSDEX_BENCH_CORPUS");
  std::size_t articles = 0, bytes = 0;
  for (auto _ : state) {
    newsdex::JsonLinesExtractor extractor({}, 16u << 20);
    bytes += extractor.read(
        path.string(), [&](newsdex::Article&& a) { benchmark::DoNotOptimize(a), ++articles; },
        [](const newsdex::InputProblem&) {});
  }
  state.SetItemsProcessed(static_cast<int64_t>(articles));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ParseReutersJsonl)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_ParseAndIndexReutersJsonl(benchmark::State& state) {
  const auto path = newsdex::bench::bench_corpus_path();
  if (path.empty()) return state.SkipWithError("no corpus: set NEWSDEX_BENCH_CORPUS");
  std::size_t articles = 0, bytes = 0;
  for (auto _ : state) {
    state.PauseTiming();
    newsdex::bench::ScratchDir dir;
    newsdex::IndexOptions options;
    options.db_path = (dir.path() / "db").string();
    options.inputs = {path.string()};
    state.ResumeTiming();
    const auto report = newsdex::run_index_job(options);
    articles += report.indexed;
    bytes += report.bytes_read;
  }
  state.SetItemsProcessed(static_cast<int64_t>(articles));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ParseAndIndexReutersJsonl)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
