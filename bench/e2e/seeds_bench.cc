// Indexing and query benchmarks over the bundled seed corpus: the harness later suites extend.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <random>

#include "newsdex/index_job.h"
#include "newsdex/searcher.h"

namespace {

namespace fs = std::filesystem;

const std::string kSeeds = std::string(NEWSDEX_SOURCE_DIR) + "/corpora/seeds";

// A scratch database folder, removed on destruction.
class ScratchDb {
 public:
  ScratchDb()
      : path_(fs::temp_directory_path() /
              ("newsdex-bench-" + std::to_string(std::random_device{}()))) {}
  ~ScratchDb() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string path() const { return path_.string(); }

 private:
  fs::path path_;
};

std::uintmax_t corpus_bytes() {
  std::uintmax_t total = 0;
  for (const auto& e : fs::directory_iterator(kSeeds))
    if (e.path().extension() == ".txt") total += e.file_size();
  return total;
}

void BM_IndexSeeds(benchmark::State& state) {
  std::size_t articles = 0;
  for (auto _ : state) {
    state.PauseTiming();
    ScratchDb db;
    newsdex::IndexOptions options;
    options.db_path = db.path();
    options.inputs = {kSeeds};
    state.ResumeTiming();
    articles += newsdex::run_index_job(options).indexed;
  }
  state.SetItemsProcessed(static_cast<int64_t>(articles));
  state.SetBytesProcessed(static_cast<int64_t>(corpus_bytes() * state.iterations()));
}
BENCHMARK(BM_IndexSeeds)->Unit(benchmark::kMillisecond);

void BM_QuerySeeds(benchmark::State& state) {
  ScratchDb db;
  newsdex::IndexOptions options;
  options.db_path = db.path();
  options.inputs = {kSeeds};
  newsdex::run_index_job(options);
  newsdex::Searcher searcher(db.path());
  newsdex::SearchRequest request;
  request.query = "cyberattack Albania";
  for (auto _ : state) {
    auto result = searcher.search(request);
    benchmark::DoNotOptimize(result);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_QuerySeeds)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
