// Indexing throughput and peak memory on Reuters ×1 and ×10 (the articles repeated under new
// ids, their words shuffled: bench_corpus.h): the real newsdex-index with --jobs 1 and --jobs 2
// against plain Xapian (TermGenerator defaults with the English stemmer, add_document, one
// thread, one commit), side by side in one run. Every run is a child process, so that its peak
// RSS is its own; reported as the `peak_rss_mb` counter. The last case adds 1% new articles to
// the ×10 database (the incremental path).
//
// NEWSDEX_BENCH_SCALES (default "1,10") and NEWSDEX_BENCH_LIMIT (articles of the source) size
// the run; NEWSDEX_BENCH_REPS (default 3) repeats the ×1 cases, NEWSDEX_BENCH_REPS_LARGE
// (default 1) the larger ones. Repetitions run in random interleaved order (unless
// --benchmark_enable_random_interleaving=false is given): on a shared machine whose speed
// drifts by a third within minutes, newsdex and plain Xapian then see the same drift on
// average (docs/benchmarks.md shows how far that goes).
//
// That average is not enough when the drift is fast, so `index/paired_round/xN` also runs plain
// Xapian, --jobs 1 and --jobs 2 back to back, in a random order, and reports the ratios within
// that round (counters jobs1_over_plain, jobs2_over_plain; their median over the repetitions is
// the number to quote). NEWSDEX_BENCH_ROUNDS (default 6) and NEWSDEX_BENCH_ROUNDS_LARGE
// (default 1) repeat it; 0 leaves it out.
#include <benchmark/benchmark.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "bench_corpus.h"
#include "child_process.h"

namespace {

namespace fs = std::filesystem;
using newsdex::bench::BenchArticle;
using newsdex::bench::ChildRun;
using newsdex::bench::run_child;

struct CorpusFile {
  fs::path path;
  std::size_t articles = 0;
  std::size_t text_bytes = 0;  // title + body
};

CorpusFile write_corpus(const std::vector<BenchArticle>& articles, const fs::path& path) {
  newsdex::bench::write_jsonl(articles, path);
  CorpusFile file{path, articles.size(), 0};
  for (const auto& a : articles) file.text_bytes += a.title.size() + a.body.size();
  return file;
}

void report(benchmark::State& state, const CorpusFile& corpus, const ChildRun& run) {
  newsdex::bench::report_indexing_run(state, run, corpus.articles, corpus.text_bytes);
}

ChildRun run_plain_xapian(const std::string& db, const CorpusFile& corpus) {
  fs::remove_all(db);
  auto run = run_child({NEWSDEX_PLAIN_XAPIAN_BIN, db, corpus.path.string()});
  fs::remove_all(db);
  return run;
}

ChildRun run_newsdex(const std::string& db, const CorpusFile& corpus, int jobs,
                     bool stories = true) {
  fs::remove_all(db);
  std::vector<std::string> args = {NEWSDEX_INDEX_BIN, "--quiet",           "--db", db,
                                   "--jobs",          std::to_string(jobs)};
  if (!stories) args.push_back("--no-stories");
  args.push_back(corpus.path.string());
  return run_child(args);
}

// What story assignment costs (docs/stories.md): --jobs 2 with and without it, back to back in
// a random order; `with_over_without` is the throughput with stories as a share of without.
void run_stories_round(benchmark::State& state, const std::string& db, const CorpusFile& corpus,
                       std::mt19937& random) {
  std::array<bool, 2> order{true, false};
  std::shuffle(order.begin(), order.end(), random);
  std::array<ChildRun, 2> runs;  // [0] with stories, [1] without
  for (const bool stories : order) {
    runs[stories ? 0 : 1] = run_newsdex(db, corpus, 2, stories);
    if (runs[stories ? 0 : 1].exit_code != 0) {
      state.SkipWithError("a run of the stories round failed");
      break;
    }
  }
  fs::remove_all(db);
  if (state.error_occurred()) return;
  state.SetIterationTime(runs[0].seconds + runs[1].seconds);
  state.counters["with_stories_s"] = runs[0].seconds;
  state.counters["without_stories_s"] = runs[1].seconds;
  state.counters["with_over_without"] = runs[1].seconds / runs[0].seconds;
}

// One paired round: the three runs back to back in an order drawn from `random`, so that the
// machine's speed is as close as it gets to the same for all three.
void run_paired_round(benchmark::State& state, const std::string& db, const CorpusFile& corpus,
                      std::mt19937& random) {
  enum Run { kPlain, kJobs1, kJobs2 };
  std::array<Run, 3> order{kPlain, kJobs1, kJobs2};
  std::shuffle(order.begin(), order.end(), random);
  std::array<ChildRun, 3> runs;
  for (const Run run : order) {
    runs[run] = run == kPlain ? run_plain_xapian(db + "-plain", corpus)
                              : run_newsdex(db, corpus, run == kJobs1 ? 1 : 2);
    if (runs[run].exit_code != 0) {
      state.SkipWithError("a run of the paired round failed");
      break;
    }
  }
  fs::remove_all(db);  // at ×10 a whole index: not kept until the bench ends
  if (state.error_occurred()) return;
  state.SetIterationTime(runs[kPlain].seconds + runs[kJobs1].seconds + runs[kJobs2].seconds);
  state.counters["plain_s"] = runs[kPlain].seconds;
  state.counters["jobs1_s"] = runs[kJobs1].seconds;
  state.counters["jobs2_s"] = runs[kJobs2].seconds;
  state.counters["jobs1_over_plain"] = runs[kPlain].seconds / runs[kJobs1].seconds;
  state.counters["jobs2_over_plain"] = runs[kPlain].seconds / runs[kJobs2].seconds;
}

// Writes corpus-xN.jsonl, the 1% of new articles delta-xN.jsonl with their ids in
// delta-xN.ids, and sizes.txt ("N articles text_bytes delta_articles delta_text_bytes").
int write_corpora(const fs::path& dir, const std::vector<std::size_t>& scales) {
  const auto source = newsdex::bench::load_bench_corpus();
  if (source.empty()) return 1;
  std::ofstream sizes(dir / "sizes.txt");
  for (const auto scale : scales) {
    const auto tag = "x" + std::to_string(scale);
    const auto corpus = write_corpus(newsdex::bench::multiply_corpus(source, scale),
                                     dir / ("corpus-" + tag + ".jsonl"));
    std::vector<BenchArticle> added;
    for (std::size_t i = 0; added.size() < std::max<std::size_t>(1, corpus.articles / 100); ++i) {
      BenchArticle a = source[i % source.size()];
      a.id += "-new" + std::to_string(i);
      added.push_back(std::move(a));
    }
    const auto delta = write_corpus(added, dir / ("delta-" + tag + ".jsonl"));
    std::ofstream ids(dir / ("delta-" + tag + ".ids"));
    for (const auto& a : added) ids << a.id << "\n";
    sizes << scale << ' ' << corpus.articles << ' ' << corpus.text_bytes << ' ' << delta.articles
          << ' ' << delta.text_bytes << '\n';
  }
  return sizes ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> args(argv, argv + argc);
  std::string interleave = "--benchmark_enable_random_interleaving=true";
  if (std::none_of(args.begin(), args.end(), [](const char* a) {
        return std::string_view(a).starts_with("--benchmark_enable_random_interleaving");
      }))
    args.insert(args.begin() + 1, interleave.data());
  int arg_count = static_cast<int>(args.size());
  benchmark::Initialize(&arg_count, args.data());
  const auto count_from = [](const char* name, int fallback, int minimum) {
    const char* value = std::getenv(name);
    return value ? std::max(minimum, std::atoi(value)) : fallback;
  };
  const int reps = count_from("NEWSDEX_BENCH_REPS", 3, 1);
  const int reps_large = count_from("NEWSDEX_BENCH_REPS_LARGE", 1, 1);
  const int rounds = count_from("NEWSDEX_BENCH_ROUNDS", 6, 0);
  const int rounds_large = count_from("NEWSDEX_BENCH_ROUNDS_LARGE", 1, 0);
  std::mt19937 round_order(20261202);
  newsdex::bench::ScratchDir dir;
  // A spawned child's peak RSS counts the high-water mark of its parent's memory, so this
  // process never holds a corpus: a forked helper writes the corpus files.
  const pid_t writer = fork();
  if (writer == 0)
    _exit(write_corpora(dir.path(), newsdex::bench::env_numbers("NEWSDEX_BENCH_SCALES", "1,10")));
  int status = 0;
  waitpid(writer, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "no corpus: set NEWSDEX_BENCH_CORPUS\n");
    return 1;
  }
  std::map<std::size_t, CorpusFile> corpora, deltas;
  {
    std::ifstream sizes(dir.path() / "sizes.txt");
    std::size_t scale = 0;
    CorpusFile corpus, delta;
    while (sizes >> scale >> corpus.articles >> corpus.text_bytes >> delta.articles >>
           delta.text_bytes) {
      const auto tag = "x" + std::to_string(scale);
      corpus.path = dir.path() / ("corpus-" + tag + ".jsonl");
      delta.path = dir.path() / ("delta-" + tag + ".jsonl");
      corpora[scale] = corpus;
      deltas[scale] = delta;
    }
  }

  for (const auto& [scale, corpus] : corpora) {
    const std::string suffix = "/x" + std::to_string(scale);
    const int repetitions = scale > 1 ? reps_large : reps;
    const auto db = (dir.path() / ("db" + suffix.substr(1))).string();
    benchmark::RegisterBenchmark(("index/plain_xapian" + suffix).c_str(),
                                 [&, db](benchmark::State& state) {
                                   for (auto _ : state)
                                     report(state, corpus, run_plain_xapian(db + "-plain", corpus));
                                 })
        ->UseManualTime()
        ->Iterations(1)
        ->Repetitions(repetitions)
        ->Unit(benchmark::kSecond);
    for (const int jobs : {1, 2}) {
      benchmark::RegisterBenchmark(("index/newsdex/jobs" + std::to_string(jobs) + suffix).c_str(),
                                   [&, db, jobs](benchmark::State& state) {
                                     for (auto _ : state)
                                       report(state, corpus, run_newsdex(db, corpus, jobs));
                                   })
          ->UseManualTime()
          ->Iterations(1)
          ->Repetitions(repetitions)
          ->Unit(benchmark::kSecond);
    }
    if (const int round_count = scale > 1 ? rounds_large : rounds; round_count > 0) {
      benchmark::RegisterBenchmark(("index/paired_round" + suffix).c_str(),
                                   [&, db](benchmark::State& state) {
                                     for (auto _ : state)
                                       run_paired_round(state, db + "-round", corpus, round_order);
                                   })
          ->UseManualTime()
          ->Iterations(1)
          ->Repetitions(round_count)
          ->Unit(benchmark::kSecond);
    }
    if (const int round_count = scale > 1 ? rounds_large : rounds; round_count > 0) {
      benchmark::RegisterBenchmark(("index/stories_round" + suffix).c_str(),
                                   [&, db](benchmark::State& state) {
                                     for (auto _ : state)
                                       run_stories_round(state, db + "-stories", corpus,
                                                         round_order);
                                   })
          ->UseManualTime()
          ->Iterations(1)
          ->Repetitions(round_count)
          ->Unit(benchmark::kSecond);
    }
    // 1% new articles into the database a jobs case left behind (built here, untimed, when this
    // case happens to run first): the incremental path.
    const auto& delta = deltas[scale];
    benchmark::RegisterBenchmark(
        ("index/newsdex/add_1_percent" + suffix).c_str(),
        [&, db](benchmark::State& state) {
          for (auto _ : state) {
            if (!fs::exists(db))
              run_child({NEWSDEX_INDEX_BIN, "--quiet", "--db", db, corpus.path.string()},
                        /*silent=*/true);
            // Each repetition adds the same articles anew: delete them first (not timed).
            auto ids = delta.path;
            run_child({NEWSDEX_INDEX_BIN, "--quiet", "--db", db, "--delete-from",
                       ids.replace_extension(".ids").string()},
                      /*silent=*/true);
            report(state, delta,
                   run_child({NEWSDEX_INDEX_BIN, "--quiet", "--db", db, delta.path.string()}));
          }
        })
        ->UseManualTime()
        ->Iterations(1)
        ->Repetitions(repetitions)
        ->Unit(benchmark::kSecond);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
