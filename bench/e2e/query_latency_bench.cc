// Query latency by query class: newsdex (with every core for one query, as it runs by default,
// and with one thread as `newsdex_1thread`, like the other engines) side by side with plain Xapian
// (QueryParser + Enquire + MSet::snippet over the same articles), SQLite FTS5 (porter tokenizer,
// bm25, snippet()) and Lucene 8 (bench/lucene/LuceneBench.java in a child JVM, which times each
// query itself; with UnifiedHighlighter snippets as `lucene`, without as `lucene_nosnippet`,
// and the top docs alone with no stored field fetched as `lucene_topdocs`), on the Reuters
// corpus ×1 and ×10 (copies with shuffled words). newsdex without snippets is
// `newsdex_nosnippet`. The cost of analyzing queries in every language of an archive:
// `newsdex_mixed` searches the same articles plus corpora/multilingual (40 articles in 10
// languages) as a user does, each word in all 10 languages, and `newsdex_mixed_en` the same
// database with English pinned (--language en), as every query was analyzed before.
// A database in parts (docs/scaling.md), all one thread per query as Xapian matches parts:
// `newsdex_parts_local` the same articles built in 3 parts and searched through their shard
// map, `newsdex_remote_whole` the one database served by one xapian-tcpsrv on loopback (what a
// remote part costs by itself), `newsdex_parts_remote` the 3 parts served by 3 xapian-tcpsrv
// processes on loopback; against `newsdex_1thread`, the one local database.
// Reports p50/p95/p99 in ms.
//
// Environment: NEWSDEX_BENCH_CORPUS (JSON Lines, default: the bundled Reuters corpus),
// NEWSDEX_BENCH_SCALES (default "1,10"), NEWSDEX_BENCH_LIMIT (articles read, default all),
// NEWSDEX_BENCH_ROUNDS (passes over each query set, default 20), NEWSDEX_BENCH_LUCENE_WARMUP
// (seconds of untimed passes for each Lucene case, whose JIT needs far more than the one pass
// the others get; default 5), NEWSDEX_BENCH_LUCENE=0 (leave Lucene out).
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

#include "bench_corpus.h"
#include "newsdex/index_job.h"
#include "newsdex/searcher.h"
#include "part_servers.h"
#include "query_engines.h"

namespace {

using newsdex::bench::BenchArticle;
using newsdex::bench::Fts5QueryEngine;
using newsdex::bench::kMarch;
using newsdex::bench::LuceneQueryEngine;
using newsdex::bench::LuceneRuntime;
using newsdex::bench::NewsdexQueryEngine;
using newsdex::bench::percentile;
using newsdex::bench::PlainXapianQueryEngine;
using newsdex::bench::query_classes;
using newsdex::bench::QueryClass;
using newsdex::bench::ScratchDir;
using newsdex::bench::time_query;

// One engine: answers one query of a class, returning its latency in ms.
using Runner = std::function<double(const std::string& cls, const std::string& words)>;

// --- harness -----------------------------------------------------------------------------------

std::size_t env_number(const char* name, std::size_t fallback) {
  const char* v = std::getenv(name);
  return v ? static_cast<std::size_t>(std::strtoull(v, nullptr, 10)) : fallback;
}

// Engines per scale, built once on first use and kept for all classes.
struct Engines {
  ScratchDir dir;
  std::unique_ptr<NewsdexQueryEngine> newsdex;             // every core for one query
  std::unique_ptr<NewsdexQueryEngine> newsdex_one_thread;  // like the other engines
  std::unique_ptr<NewsdexQueryEngine> newsdex_mixed;       // plus 10 languages, built on demand
  std::unique_ptr<PlainXapianQueryEngine> xapian;
  std::unique_ptr<Fts5QueryEngine> fts5;
  std::unique_ptr<LuceneQueryEngine> lucene;
  std::string lucene_error;  // why `lucene` is missing
  // A database in parts, built and served on first use.
  std::unique_ptr<newsdex::bench::PartServers> servers;
  std::unique_ptr<NewsdexQueryEngine> parts_local, parts_remote, remote_whole;
  std::string parts_error;  // why they are missing
};

// The articles in 3 parts, and the parts and the one database served on loopback.
void open_parts(Engines& e) {
  if (e.parts_local || !e.parts_error.empty()) return;
  constexpr std::size_t kParts = 3;
  try {
    newsdex::IndexOptions options;
    options.db_path = (e.dir.path() / "newsdex-parts").string();
    options.inputs = {(e.dir.path() / "corpus.jsonl").string()};
    options.parts = kParts;
    const auto started = std::chrono::steady_clock::now();
    const auto report = newsdex::run_index_job(options);
    std::fprintf(stderr, "parts: built in %.1f s (split %.1f s)\n",
                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                 report.split_seconds);
    std::vector<std::filesystem::path> served;
    for (std::size_t k = 0; k < kParts; ++k)
      served.push_back(std::filesystem::path(options.db_path) / ("part-" + std::to_string(k)));
    served.push_back(e.dir.path() / "newsdex.db");
    e.servers = std::make_unique<newsdex::bench::PartServers>(served);
    std::vector<std::string> lines;
    for (std::size_t k = 0; k < kParts; ++k) lines.push_back(e.servers->line(k));
    newsdex::bench::write_shard_map(e.dir.path() / "remote-parts.map", lines);
    newsdex::bench::write_shard_map(e.dir.path() / "remote-whole.map", {e.servers->line(kParts)});
    e.parts_local = std::make_unique<NewsdexQueryEngine>(options.db_path, kMarch, 1);
    e.parts_remote =
        std::make_unique<NewsdexQueryEngine>(e.dir.path() / "remote-parts.map", kMarch, 1);
    e.remote_whole =
        std::make_unique<NewsdexQueryEngine>(e.dir.path() / "remote-whole.map", kMarch, 1);
  } catch (const std::exception& error) {
    e.parts_error = error.what();
    std::printf("SKIP parts: %s\n", e.parts_error.c_str());
  }
}

void open_lucene(Engines& e, const std::optional<LuceneRuntime>& runtime) {
  if (!runtime) return;
  const auto built = newsdex::bench::build_lucene(*runtime, e.dir.path() / "corpus.jsonl",
                                                  e.dir.path() / "lucene");
  if (built.exit_code != 0) {
    e.lucene_error = "lucene indexing failed (exit " + std::to_string(built.exit_code) + ")";
  } else {
    try {
      e.lucene = std::make_unique<LuceneQueryEngine>(*runtime, e.dir.path() / "lucene", kMarch);
      std::fprintf(stderr, "lucene: indexed in %.1f s (JVM start included): %s\n", built.seconds,
                   e.lucene->description().c_str());
    } catch (const std::exception& error) {
      e.lucene_error = error.what();
    }
  }
  if (!e.lucene) std::printf("SKIP lucene: %s\n", e.lucene_error.c_str());
}

// The same articles and the multilingual demo corpus in one archive of 10 languages.
void open_mixed(Engines& e) {
  if (e.newsdex_mixed) return;
  newsdex::IndexOptions options;
  options.db_path = (e.dir.path() / "newsdex-mixed.db").string();
  options.inputs = {(e.dir.path() / "corpus.jsonl").string(),
                    std::string(NEWSDEX_SOURCE_DIR) + "/corpora/multilingual/articles.jsonl"};
  newsdex::run_index_job(options);
  e.newsdex_mixed = std::make_unique<NewsdexQueryEngine>(options.db_path, kMarch);
}

Engines& engines_for(std::map<std::size_t, Engines>& cache, std::size_t scale,
                     const std::optional<LuceneRuntime>& lucene) {
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
    e.newsdex_one_thread = std::make_unique<NewsdexQueryEngine>(options.db_path, kMarch, 1);
    newsdex::bench::build_plain_xapian(articles, e.dir.path() / "xapian.db");
    e.xapian = std::make_unique<PlainXapianQueryEngine>(e.dir.path() / "xapian.db", kMarch);
    newsdex::bench::build_fts5(articles, e.dir.path() / "fts5.db");
    e.fts5 = std::make_unique<Fts5QueryEngine>(e.dir.path() / "fts5.db", kMarch);
    // The JVM indexes the very file newsdex-index read: the same articles, ids and order.
    open_lucene(e, lucene);
  }
  return e;
}

void BM_QueryLatency(benchmark::State& state, std::map<std::size_t, Engines>& cache,
                     std::size_t scale, const std::string& engine, const QueryClass& cls,
                     const std::optional<LuceneRuntime>& lucene) {
  if (newsdex::bench::bench_corpus_path().empty()) {
    state.SkipWithError("no corpus: set NEWSDEX_BENCH_CORPUS");
    return;
  }
  auto& engines = engines_for(cache, scale, lucene);
  const bool is_lucene = engine.starts_with("lucene");
  if (is_lucene && !engines.lucene) return state.SkipWithError(engines.lucene_error.c_str());
  using Shown = LuceneQueryEngine::Shown;
  if (is_lucene)
    engines.lucene->set_shown(engine == "lucene"             ? Shown::kWithSnippets
                              : engine == "lucene_nosnippet" ? Shown::kFields
                                                             : Shown::kIdsOnly);
  engines.newsdex->set_snippets(engine != "newsdex_nosnippet");
  engines.newsdex->set_positional(engine != "newsdex_bm25");
  engines.newsdex->set_collapse_story(engine == "newsdex_collapse_story");
  const bool in_parts = engine == "newsdex_parts_local" || engine == "newsdex_parts_remote" ||
                        engine == "newsdex_remote_whole";
  if (in_parts) {
    open_parts(engines);
    if (!engines.parts_local) return state.SkipWithError(engines.parts_error.c_str());
  }
  if (engine.starts_with("newsdex_mixed")) {
    open_mixed(engines);
    engines.newsdex_mixed->set_language(engine == "newsdex_mixed_en" ? "en" : "");
  }
  const Runner run =
      engine == "newsdex" || engine == "newsdex_nosnippet" || engine == "newsdex_bm25" ||
              engine == "newsdex_collapse_story"
          ? Runner([&](auto& c, auto& w) { return time_query(*engines.newsdex, c, w); })
      : engine.starts_with("newsdex_mixed")
          ? Runner([&](auto& c, auto& w) { return time_query(*engines.newsdex_mixed, c, w); })
      : engine == "newsdex_parts_local"
          ? Runner([&](auto& c, auto& w) { return time_query(*engines.parts_local, c, w); })
      : engine == "newsdex_parts_remote"
          ? Runner([&](auto& c, auto& w) { return time_query(*engines.parts_remote, c, w); })
      : engine == "newsdex_remote_whole"
          ? Runner([&](auto& c, auto& w) { return time_query(*engines.remote_whole, c, w); })
      : engine == "newsdex_1thread"
          ? Runner([&](auto& c, auto& w) { return time_query(*engines.newsdex_one_thread, c, w); })
      : engine == "xapian"
          ? Runner([&](auto& c, auto& w) { return time_query(*engines.xapian, c, w); })
      : engine == "fts5"
          ? Runner([&](auto& c, auto& w) { return time_query(*engines.fts5, c, w); })
          : Runner([&](auto& c, auto& w) { return time_query(*engines.lucene, c, w); });
  const std::size_t rounds = env_number("NEWSDEX_BENCH_ROUNDS", 20);
  const double warmup_s = is_lucene ? newsdex::bench::lucene_warmup_seconds() : 0;
  std::vector<double> ms;
  try {
    for (auto _ : state) {
      const auto warm_start = std::chrono::steady_clock::now();
      do {
        for (const auto& words : cls.words) run(cls.name, words);  // warm the caches (and JIT)
      } while (
          std::chrono::duration<double>(std::chrono::steady_clock::now() - warm_start).count() <
          warmup_s);
      for (std::size_t r = 0; r < rounds; ++r)
        for (const auto& words : cls.words) ms.push_back(run(cls.name, words));
    }
  } catch (const std::exception& error) {
    // Only the child JVM can fail here; the other engines go on.
    std::printf("SKIP lucene: %s\n", error.what());
    return state.SkipWithError(error.what());
  }
  state.counters["p50_ms"] = percentile(ms, 0.50);
  state.counters["p95_ms"] = percentile(ms, 0.95);
  state.counters["p99_ms"] = percentile(ms, 0.99);
  state.counters["queries"] = static_cast<double>(ms.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::map<std::size_t, Engines> engines;
  std::string why_not;
  const std::optional<LuceneRuntime> lucene = newsdex::bench::find_lucene(why_not);
  if (!lucene) std::printf("SKIP lucene: %s\n", why_not.c_str());
  std::vector<std::string> names = {"newsdex",
                                    "newsdex_nosnippet",
                                    "newsdex_bm25",
                                    "newsdex_1thread",
                                    "newsdex_mixed",
                                    "newsdex_mixed_en",
                                    "newsdex_collapse_story",
                                    "newsdex_parts_local",
                                    "newsdex_remote_whole",
                                    "newsdex_parts_remote",
                                    "xapian",
                                    "fts5"};
  if (lucene) names.insert(names.end(), {"lucene", "lucene_nosnippet", "lucene_topdocs"});
  for (const auto scale : newsdex::bench::env_numbers("NEWSDEX_BENCH_SCALES", "1,10")) {
    for (const auto& cls : query_classes()) {
      for (const auto& engine : names) {
        benchmark::RegisterBenchmark(
            ("query/x" + std::to_string(scale) + "/" + cls.name + "/" + engine).c_str(),
            [&engines, scale, engine, &cls, &lucene](benchmark::State& s) {
              BM_QueryLatency(s, engines, scale, engine, cls, lucene);
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
