#pragma once

#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <xapian.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bench_corpus.h"
#include "child_process.h"
#include "newsdex/searcher.h"

namespace newsdex::bench {

// A query class of the latency benchmarks: word_frequent, word_rare, or_2_4, and_2_4, phrase,
// filtered (words and a date range), faceted (words, outlet and month counts over all matches).
struct QueryClass {
  std::string name;
  std::vector<std::string> words;  // each entry: one query's words, space-separated
};

// The date range of the `filtered` class, ISO dates, inclusive.
struct DateRange {
  std::string from, to;
};

// The latency benchmarks' query classes, drawn from the Reuters vocabulary across frequency
// bands.
const std::vector<QueryClass>& query_classes();

// Reuters covers 1987; March has the most articles.
inline const DateRange kMarch{"1987-03-01", "1987-03-31"};

// newsdex over an existing database: the query library as an embedding program uses it.
class NewsdexQueryEngine {
 public:
  // `threads`: as SearcherOptions::threads (0: one per core; 1: like the other engines).
  NewsdexQueryEngine(const std::filesystem::path& db, DateRange range, std::size_t threads = 0);
  // Runs one query of a class; returns the number of hits shown (10 at most).
  std::size_t run(const std::string& cls, const std::string& words);
  // Off: hits without snippets (--snippet-words 0), to measure what snippets cost.
  void set_snippets(bool on) { snippets_ = on; }
  // SearchRequest::language: empty (every language of the archive) or one pinned.
  void set_language(std::string language) { language_ = std::move(language); }
  // Off: BM25 alone, without the lead and proximity re-ranking, to measure what it costs.
  void set_positional(bool on) { positional_ = on; }
  // On: one hit per story (--collapse story), its other articles listed, to measure collapsing.
  void set_collapse_story(bool on) { collapse_story_ = on; }

 private:
  DateRange range_;
  newsdex::Searcher searcher_;
  bool snippets_ = true;
  bool positional_ = true;
  bool collapse_story_ = false;
  std::string language_;
};

// Plain Xapian: TermGenerator defaults with the English stemmer, QueryParser, MSet::snippet.
void build_plain_xapian(const std::vector<BenchArticle>& articles, const std::filesystem::path& db);
class PlainXapianQueryEngine {
 public:
  PlainXapianQueryEngine(const std::filesystem::path& db, DateRange range);
  std::size_t run(const std::string& cls, const std::string& words);

 private:
  DateRange range_;
  Xapian::Database db_;
  Xapian::QueryParser parser_;
};

// SQLite FTS5: porter tokenizer, bm25 ranking, snippet().
void build_fts5(const std::vector<BenchArticle>& articles, const std::filesystem::path& file);
class Fts5QueryEngine {
 public:
  Fts5QueryEngine(const std::filesystem::path& file, DateRange range);
  ~Fts5QueryEngine();
  Fts5QueryEngine(const Fts5QueryEngine&) = delete;
  Fts5QueryEngine& operator=(const Fts5QueryEngine&) = delete;
  std::size_t run(const std::string& cls, const std::string& words);

 private:
  DateRange range_;
  sqlite3* db_ = nullptr;
};

// Lucene 8 in a JVM: bench/lucene/LuceneBench.java, compiled by CMake when it found javac and
// Debian's liblucene8-java jars, else here on first use.
struct LuceneRuntime {
  std::string java;       // the java launcher
  std::string classpath;  // the compiled program's folder and the Lucene jars
  std::vector<std::string> command(const std::vector<std::string>& args) const;
};
// The runtime, or nullopt with the reason in `why_not` (no java, a missing jar, javac failed).
// Set NEWSDEX_BENCH_LUCENE=0 to leave Lucene out.
std::optional<LuceneRuntime> find_lucene(std::string& why_not);
// Indexes a JSON Lines file into a new Lucene index folder, in a child JVM. `jvm_seconds`, if
// given, receives the time the JVM took by its own clock (without its start-up).
ChildRun build_lucene(const LuceneRuntime& lucene, const std::filesystem::path& jsonl,
                      const std::filesystem::path& dir, double* jvm_seconds = nullptr);
// Queries a Lucene index through a child JVM that stays up; the JVM times each query itself
// (parsing to the last snippet), so the pipe between us is not counted: the other engines are
// timed in process.
class LuceneQueryEngine {
 public:
  LuceneQueryEngine(const LuceneRuntime& lucene, const std::filesystem::path& dir, DateRange range);
  ~LuceneQueryEngine();
  std::size_t run(const std::string& cls, const std::string& words);
  // The JVM's own time for the last run().
  double last_ms() const { return last_ms_; }
  // What a hit brings back: its stored title, outlet and date and a snippet (the default),
  // without the snippet, or nothing at all (the top docs' ids: Lucene's search time alone).
  enum class Shown { kWithSnippets, kFields, kIdsOnly };
  void set_shown(Shown shown) { shown_ = shown; }
  // Lucene's version and the index's documents and segments, e.g. "8.8.1, 21577 docs, 1 segments"
  const std::string& description() const { return description_; }

 private:
  LineChild child_;
  Shown shown_ = Shown::kWithSnippets;
  double last_ms_ = 0;
  std::string description_;
};

// Seconds of untimed passes over a query set before a Lucene case is timed: its JIT settles only
// after a thousand queries or so, where the other engines need one pass to warm their caches.
// $NEWSDEX_BENCH_LUCENE_WARMUP, default 5; 0 gives one pass, as the others get.
double lucene_warmup_seconds();

// Runs one query and returns its latency in ms: the wall time here, or the time an engine in a
// child process took by its own clock.
template <typename Engine>
double time_query(Engine& engine, const std::string& cls, const std::string& words) {
  const auto t0 = std::chrono::steady_clock::now();
  benchmark::DoNotOptimize(engine.run(cls, words));
  const double wall =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  if constexpr (requires { engine.last_ms(); }) {
    return engine.last_ms();
  } else {
    return wall;
  }
}

// The p-th percentile (0..1) of the values, nearest rank.
double percentile(std::vector<double> values, double p);

}  // namespace newsdex::bench
