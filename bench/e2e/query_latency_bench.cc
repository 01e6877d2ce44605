// Query latency by query class: newsdex side by side with plain Xapian (QueryParser + Enquire +
// MSet::snippet over the same articles) and SQLite FTS5 (porter tokenizer, bm25, snippet()),
// on the Reuters corpus ×1 and ×10 (copies with shuffled words). Reports p50/p95/p99 in ms.
//
// Environment: NEWSDEX_BENCH_CORPUS (JSON Lines, default: the bundled Reuters corpus),
// NEWSDEX_BENCH_SCALES (default "1,10"), NEWSDEX_BENCH_LIMIT (articles read, default all),
// NEWSDEX_BENCH_ROUNDS (passes over each query set, default 20).
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <stdexcept>

#include "bench_corpus.h"
#include "newsdex/index_job.h"
#include "newsdex/searcher.h"
#include "query_engines.h"

namespace {

using newsdex::bench::BenchArticle;
using newsdex::bench::Fts5QueryEngine;
using newsdex::bench::NewsdexQueryEngine;
using newsdex::bench::percentile;
using newsdex::bench::PlainXapianQueryEngine;
using newsdex::bench::QueryClass;
using newsdex::bench::ScratchDir;

// Drawn from the Reuters vocabulary across frequency bands.
const std::vector<QueryClass>& query_classes() {
  static const std::vector<QueryClass> classes = {
      {"word_frequent",
       {"oil", "trade", "bank", "prices", "shares", "company", "market", "billion", "dollar",
        "profit"}},
      {"word_rare",
       {"cocoa", "temporao", "sorghum", "palladium", "rubber", "pesticide", "tin", "zinc", "coffee",
        "copper"}},
      {"or_2_4",
       {"oil prices", "trade deficit japan", "interest rates bank lending", "gold silver platinum",
        "wheat corn exports", "dollar yen currency", "opec output quota", "stock market crash"}},
      {"and_2_4",
       {"oil prices", "trade deficit japan", "interest rates bank lending", "gold silver platinum",
        "wheat corn exports", "dollar yen currency", "opec output quota", "stock market crash"}},
      {"phrase",
       {"crude oil", "interest rates", "trade deficit", "stock exchange", "federal reserve",
        "west germany", "money supply", "oil prices"}},
      {"filtered", {"oil", "trade", "bank", "cocoa", "coffee", "dollar", "wheat", "gold"}},
      {"faceted", {"oil", "trade", "bank", "cocoa", "coffee", "dollar", "wheat", "gold"}},
  };
  return classes;
}

// Reuters covers 1987; March has the most articles.
const newsdex::bench::DateRange kMarch{"1987-03-01", "1987-03-31"};

// One engine: answers one query of a class, returning the number of hits shown.
using Runner = std::function<std::size_t(const std::string& cls, const std::string& words)>;

// --- harness -----------------------------------------------------------------------------------

std::size_t env_number(const char* name, std::size_t fallback) {
  const char* v = std::getenv(name);
  return v ? static_cast<std::size_t>(std::strtoull(v, nullptr, 10)) : fallback;
}

// Engines per scale, built once on first use and kept for all classes.
struct Engines {
  ScratchDir dir;
  std::unique_ptr<NewsdexQueryEngine> newsdex;
  std::unique_ptr<PlainXapianQueryEngine> xapian;
  std::unique_ptr<Fts5QueryEngine> fts5;
};

Engines& engines_for(std::map<std::size_t, Engines>& cache, std::size_t scale) {
  auto& e = cache[scale];
  if (!e.newsdex) {
    const auto source = newsdex::bench::load_bench_corpus(env_number("NEWSDEX_BENCH_LIMIT", 0));
    const auto articles = newsdex::bench::multiply_corpus(source, scale);
    newsdex::bench::write_jsonl(articles, e.dir.path() / "corpus.jsonl");
    newsdex::IndexOptions options;
    options.db_path = (e.dir.path() / "newsdex.db").string();
    options.inputs = {(e.dir.path() / "corpus.jsonl").string()};
    newsdex::run_index_job(options);
    e.newsdex = std::make_unique<NewsdexQueryEngine>(options.db_path, kMarch);
    newsdex::bench::build_plain_xapian(articles, e.dir.path() / "xapian.db");
    e.xapian = std::make_unique<PlainXapianQueryEngine>(e.dir.path() / "xapian.db", kMarch);
    newsdex::bench::build_fts5(articles, e.dir.path() / "fts5.db");
    e.fts5 = std::make_unique<Fts5QueryEngine>(e.dir.path() / "fts5.db", kMarch);
  }
  return e;
}

void BM_QueryLatency(benchmark::State& state, std::map<std::size_t, Engines>& cache,
                     std::size_t scale, const std::string& engine, const QueryClass& cls) {
  if (newsdex::bench::bench_corpus_path().empty()) {
    state.SkipWithError("no corpus: set NEWSDEX_BENCH_CORPUS");
    return;
  }
  auto& engines = engines_for(cache, scale);
  const Runner run =
      engine == "newsdex"  ? Runner([&](auto& c, auto& w) { return engines.newsdex->run(c, w); })
      : engine == "xapian" ? Runner([&](auto& c, auto& w) { return engines.xapian->run(c, w); })
                           : Runner([&](auto& c, auto& w) { return engines.fts5->run(c, w); });
  const std::size_t rounds = env_number("NEWSDEX_BENCH_ROUNDS", 20);
  std::vector<double> ms;
  for (auto _ : state) {
    for (const auto& words : cls.words) run(cls.name, words);  // warm the caches
    for (std::size_t r = 0; r < rounds; ++r) {
      for (const auto& words : cls.words) {
        const auto t0 = std::chrono::steady_clock::now();
        benchmark::DoNotOptimize(run(cls.name, words));
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
                .count());
      }
    }
  }
  state.counters["p50_ms"] = percentile(ms, 0.50);
  state.counters["p95_ms"] = percentile(ms, 0.95);
  state.counters["p99_ms"] = percentile(ms, 0.99);
  state.counters["queries"] = static_cast<double>(ms.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::size_t, Engines> engines;
  for (const auto scale : newsdex::bench::env_numbers("NEWSDEX_BENCH_SCALES", "1,10")) {
    for (const auto& cls : query_classes()) {
      for (const char* engine : {"newsdex", "xapian", "fts5"}) {
        benchmark::RegisterBenchmark(
            ("query/x" + std::to_string(scale) + "/" + cls.name + "/" + engine).c_str(),
            [&engines, scale, engine, &cls](benchmark::State& s) {
              BM_QueryLatency(s, engines, scale, engine, cls);
            })
            ->Iterations(1)
            ->Unit(benchmark::kMillisecond);
      }
    }
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
