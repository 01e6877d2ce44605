// The corpus-growth suite (scripts/bench.sh drives it): for each corpus size, a corpus made by
// newsdex-gen, then indexing throughput with one job and with every core, peak RSS and index
// bytes per article, and query latency p50/p95/p99 by query class, for newsdex, SQLite FTS5 and
// Lucene 8 side by side. Indexers run as child processes so that each peak RSS is their own (this
// process never loads a corpus: forked helpers do); Lucene's is a JVM with its default heap
// limit, its query latency the JVM's own clock (bench/lucene/LuceneBench.java).
//
// Environment: NEWSDEX_GROWTH_SIZES (default "1000,10000,100000"), NEWSDEX_GROWTH_DIR (work
// folder, default a temporary one), NEWSDEX_GROWTH_ROUNDS (passes over each query set, 10),
// NEWSDEX_BENCH_LUCENE_WARMUP (seconds of untimed passes for each Lucene case, for its JIT;
// default 5), NEWSDEX_BENCH_LUCENE=0 (leave Lucene out).
#include <benchmark/benchmark.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "bench_corpus.h"
#include "child_process.h"
#include "query_engines.h"

namespace {

namespace fs = std::filesystem;
using newsdex::bench::BenchArticle;
using newsdex::bench::bytes_on_disk;
using newsdex::bench::ChildRun;
using newsdex::bench::DateRange;
using newsdex::bench::LuceneQueryEngine;
using newsdex::bench::LuceneRuntime;
using newsdex::bench::report_indexing_run;
using newsdex::bench::run_child;

const std::vector<std::string> kClasses = {"word_frequent", "word_rare", "or_2_4", "and_2_4",
                                           "phrase",        "filtered",  "faceted"};

// One corpus size: its files, and what its preparation found out.
struct Size {
  std::size_t articles = 0;
  fs::path dir;
  fs::path corpus() const { return dir / "corpus.jsonl"; }
  fs::path newsdex_db() const { return dir / "newsdex.db"; }
  fs::path fts5_db() const { return dir / "fts5.db"; }
  fs::path lucene_index() const { return dir / "lucene"; }
  fs::path queries() const { return dir / "queries.tsv"; }
  fs::path facts() const { return dir / "facts.txt"; }
  bool prepared = false;
  std::size_t text_bytes = 0;
  // One JVM for all query classes of this size, as a search server would run; stopped after
  // the last class so that it is not running during the next size's indexing.
  std::unique_ptr<LuceneQueryEngine> lucene;
};

// Query sets from the corpus's own vocabulary, by frequency band, written as `class<TAB>words`
// lines plus a `range<TAB>from<TAB>to` line for the filtered class.
void write_queries(const std::vector<BenchArticle>& sample, const fs::path& out) {
  std::unordered_map<std::string, std::size_t> counts, bigrams;
  std::map<std::string, std::size_t> years;
  for (const auto& a : sample) {
    if (a.date.size() >= 4) ++years[a.date.substr(0, 4)];
    std::string word, previous;
    const auto flush = [&] {
      if (word.size() >= 3) {
        ++counts[word];
        if (!previous.empty()) ++bigrams[previous + " " + word];
        previous = word;
      } else {
        previous.clear();
      }
      word.clear();
    };
    for (char c : a.body) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      if (c >= 'a' && c <= 'z') {
        word.push_back(c);
      } else {
        flush();
      }
    }
    flush();
  }
  std::vector<std::pair<std::string, std::size_t>> ranked(counts.begin(), counts.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second > y.second : x.first < y.first;
  });
  // The first 100 ranks are mostly function words; "frequent" starts after them.
  const auto band = [&](std::size_t from, std::size_t to, std::size_t n) {
    std::vector<std::string> words;
    to = std::min(to, ranked.size());
    if (from >= to) return words;
    for (std::size_t i = 0; i < n; ++i) words.push_back(ranked[from + (to - from) * i / n].first);
    return words;
  };
  const auto frequent = band(100, 300, 10);
  std::vector<std::string> rare;
  for (const auto& [w, c] : ranked)
    if (c >= 2 && c <= 5) rare.push_back(w);
  if (rare.size() > 10) {
    std::vector<std::string> picked;
    for (std::size_t i = 0; i < 10; ++i) picked.push_back(rare[rare.size() * i / 10]);
    rare = picked;
  }
  const auto middle = band(300, 3000, 24);
  // Phrases: the commonest pairs of adjacent words that are not function words.
  const std::size_t function_word_count =
      ranked.empty() ? 0 : ranked[std::min<std::size_t>(99, ranked.size() - 1)].second;
  std::vector<std::pair<std::string, std::size_t>> pairs;
  for (const auto& [pair, c] : bigrams) {
    const auto space = pair.find(' ');
    if (c >= 3 && counts.at(pair.substr(0, space)) < function_word_count &&
        counts.at(pair.substr(space + 1)) < function_word_count)
      pairs.emplace_back(pair, c);
  }
  std::sort(pairs.begin(), pairs.end(), [](const auto& x, const auto& y) {
    return x.second != y.second ? x.second > y.second : x.first < y.first;
  });
  std::ofstream file(out);
  for (const auto& w : frequent) file << "word_frequent\t" << w << "\n";
  for (const auto& w : rare) file << "word_rare\t" << w << "\n";
  for (std::size_t q = 0, at = 0; q < 8 && at + 4 <= middle.size(); ++q) {
    std::string words;
    for (std::size_t k = 0; k < 2 + q % 3; ++k) words += (k ? " " : "") + middle[at++];
    file << "or_2_4\t" << words << "\nand_2_4\t" << words << "\n";
  }
  for (std::size_t i = 0; i < std::min<std::size_t>(8, pairs.size()); ++i)
    file << "phrase\t" << pairs[i].first << "\n";
  for (const auto& w : frequent) file << "filtered\t" << w << "\nfaceted\t" << w << "\n";
  const auto year = std::max_element(years.begin(), years.end(), [](const auto& x, const auto& y) {
                      return x.second < y.second;
                    })->first;
  file << "range\t" << year << "-01-01\t" << year << "-06-30\n";
}

// In a forked child: generate the corpus, count its text, write the query sets.
int prepare(const Size& size) {
  fs::create_directories(size.dir);
  const auto gen = run_child({NEWSDEX_GEN_BIN, "--count", std::to_string(size.articles), "--seed",
                              "7", "--out", size.corpus().string()});
  if (gen.exit_code != 0) return 1;
  const auto articles = newsdex::bench::load_articles(size.corpus());
  std::size_t text = 0;
  for (const auto& a : articles) text += a.title.size() + a.body.size();
  std::vector<BenchArticle> sample(
      articles.begin(), articles.begin() + static_cast<std::ptrdiff_t>(
                                               std::min<std::size_t>(articles.size(), 30000)));
  write_queries(sample, size.queries());
  std::ofstream(size.facts()) << articles.size() << " " << text << "\n";
  return 0;
}

bool ensure_prepared(Size& size) {
  if (size.prepared) return true;
  const pid_t child = fork();
  if (child == 0) _exit(prepare(size));
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return false;
  std::ifstream facts(size.facts());
  std::size_t count = 0;
  facts >> count >> size.text_bytes;
  size.prepared = count == size.articles;
  return size.prepared;
}

void report_indexing(benchmark::State& state, const Size& size, const ChildRun& run,
                     const fs::path& index) {
  if (!report_indexing_run(state, run, size.articles, size.text_bytes)) return;
  state.counters["bytes_per_article"] =
      static_cast<double>(bytes_on_disk(index)) / static_cast<double>(size.articles);
  state.counters["articles"] = static_cast<double>(size.articles);
}

struct QuerySet {
  std::map<std::string, std::vector<std::string>> by_class;
  DateRange range;
};

QuerySet read_queries(const fs::path& file) {
  QuerySet set;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    std::istringstream fields(line);
    std::string cls, words;
    std::getline(fields, cls, '\t');
    std::getline(fields, words, '\t');
    if (cls == "range") {
      set.range.from = words;
      std::getline(fields, set.range.to, '\t');
    } else {
      set.by_class[cls].push_back(words);
    }
  }
  return set;
}

template <typename Engine>
void measure_queries(benchmark::State& state, Engine& engine, const std::vector<std::string>& set,
                     const std::string& cls, double warmup_s = 0) {
  const char* env = std::getenv("NEWSDEX_GROWTH_ROUNDS");
  const int rounds = env ? std::max(1, std::atoi(env)) : 10;
  std::vector<double> ms;
  for (auto _ : state) {
    const auto warm_start = std::chrono::steady_clock::now();
    do {
      for (const auto& words : set) engine.run(cls, words);  // warm the caches (and a JIT)
    } while (std::chrono::duration<double>(std::chrono::steady_clock::now() - warm_start).count() <
             warmup_s);
    for (int r = 0; r < rounds; ++r)
      for (const auto& words : set) ms.push_back(newsdex::bench::time_query(engine, cls, words));
  }
  state.counters["p50_ms"] = newsdex::bench::percentile(ms, 0.50);
  state.counters["p95_ms"] = newsdex::bench::percentile(ms, 0.95);
  state.counters["p99_ms"] = newsdex::bench::percentile(ms, 0.99);
  state.counters["queries"] = static_cast<double>(ms.size());
}

}  // namespace

int main(int argc, char** argv) {
  // Child mode: build the FTS5 peer's index in a process of its own (for its peak RSS).
  if (argc == 4 && std::string(argv[1]) == "--build-fts5") {
    try {
      newsdex::bench::build_fts5(newsdex::bench::load_articles(argv[2]), argv[3]);
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s\n", e.what());
      return 1;
    }
    return 0;
  }
  benchmark::Initialize(&argc, argv);
  std::optional<newsdex::bench::ScratchDir> scratch;
  fs::path work;
  if (const char* env = std::getenv("NEWSDEX_GROWTH_DIR")) {
    work = env;
  } else {
    scratch.emplace();
    work = scratch->path();
  }
  const std::string self = fs::canonical("/proc/self/exe").string();
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  std::string why_not;
  const std::optional<LuceneRuntime> lucene = newsdex::bench::find_lucene(why_not);
  if (!lucene) std::printf("SKIP lucene: %s\n", why_not.c_str());
  std::vector<std::string> engines = {"newsdex", "fts5"};
  if (lucene) engines.push_back("lucene");
  std::map<std::size_t, Size> by_size;
  for (const auto n : newsdex::bench::env_numbers("NEWSDEX_GROWTH_SIZES", "1000,10000,100000")) {
    Size& size = by_size[n];
    size.articles = n;
    size.dir = work / ("n" + std::to_string(n));
    const std::string tag = "/" + std::to_string(n);
    for (const unsigned jobs : {1u, cores}) {
      benchmark::RegisterBenchmark(
          ("index" + tag + "/newsdex/jobs" + std::to_string(jobs)).c_str(),
          [&size, jobs](benchmark::State& state) {
            if (!ensure_prepared(size)) return state.SkipWithError("cannot generate the corpus");
            for (auto _ : state) {
              fs::remove_all(size.newsdex_db());
              report_indexing(
                  state, size,
                  run_child({NEWSDEX_INDEX_BIN, "--quiet", "--jobs", std::to_string(jobs), "--db",
                             size.newsdex_db().string(), size.corpus().string()}),
                  size.newsdex_db());
            }
            state.counters["jobs"] = jobs;
          })
          ->UseManualTime()
          ->Iterations(1)
          ->Unit(benchmark::kSecond);
      if (cores == 1) break;
    }
    benchmark::RegisterBenchmark(
        ("index" + tag + "/fts5").c_str(),
        [&size, self](benchmark::State& state) {
          if (!ensure_prepared(size)) return state.SkipWithError("cannot generate the corpus");
          for (auto _ : state) {
            fs::remove(size.fts5_db());
            report_indexing(
                state, size,
                run_child({self, "--build-fts5", size.corpus().string(), size.fts5_db().string()}),
                size.fts5_db());
          }
        })
        ->UseManualTime()
        ->Iterations(1)
        ->Unit(benchmark::kSecond);
    if (lucene) {
      benchmark::RegisterBenchmark(
          ("index" + tag + "/lucene").c_str(),
          [&size, &lucene](benchmark::State& state) {
            if (!ensure_prepared(size)) return state.SkipWithError("cannot generate the corpus");
            double jvm_seconds = 0;
            for (auto _ : state) {
              const auto run = newsdex::bench::build_lucene(*lucene, size.corpus(),
                                                            size.lucene_index(), &jvm_seconds);
              if (run.exit_code != 0)
                std::printf("SKIP lucene: indexing failed (exit %d)\n", run.exit_code);
              report_indexing(state, size, run, size.lucene_index());
            }
            // The JVM's start-up is in the wall time above, as any process's is; this is the
            // time inside it, which matters for corpora small enough that start-up weighs.
            state.counters["jvm_seconds"] = jvm_seconds;
          })
          ->UseManualTime()
          ->Iterations(1)
          ->Unit(benchmark::kSecond);
    }
    for (const auto& cls : kClasses) {
      for (const auto& engine : engines) {
        benchmark::RegisterBenchmark(
            ("query" + tag + "/" + cls + "/" + engine).c_str(),
            [&size, cls, engine, &lucene](benchmark::State& state) {
              const auto index = engine == "newsdex" ? size.newsdex_db()
                                 : engine == "fts5"  ? size.fts5_db()
                                                     : size.lucene_index();
              if (!fs::exists(index))
                return state.SkipWithError("no index: run the index cases of this size first");
              const auto queries = read_queries(size.queries());
              const auto it = queries.by_class.find(cls);
              if (it == queries.by_class.end() || it->second.empty())
                return state.SkipWithError("no queries of this class for this corpus");
              if (engine == "newsdex") {
                newsdex::bench::NewsdexQueryEngine e(size.newsdex_db(), queries.range);
                measure_queries(state, e, it->second, cls);
              } else if (engine == "fts5") {
                newsdex::bench::Fts5QueryEngine e(size.fts5_db(), queries.range);
                measure_queries(state, e, it->second, cls);
              } else {
                try {
                  if (!size.lucene)
                    size.lucene =
                        std::make_unique<LuceneQueryEngine>(*lucene, index, queries.range);
                  measure_queries(state, *size.lucene, it->second, cls,
                                  newsdex::bench::lucene_warmup_seconds());
                } catch (const std::exception& error) {
                  std::printf("SKIP lucene: %s\n", error.what());
                  size.lucene.reset();
                  state.SkipWithError(error.what());
                }
                if (cls == kClasses.back()) size.lucene.reset();
              }
            })
            ->Iterations(1)
            ->Unit(benchmark::kMillisecond);
      }
    }
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
