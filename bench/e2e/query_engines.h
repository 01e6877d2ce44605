#pragma once

#include <sqlite3.h>
#include <xapian.h>

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "bench_corpus.h"
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

// newsdex over an existing database: the query library as an embedding program uses it.
class NewsdexQueryEngine {
 public:
  NewsdexQueryEngine(const std::filesystem::path& db, DateRange range);
  // Runs one query of a class; returns the number of hits shown (10 at most).
  std::size_t run(const std::string& cls, const std::string& words);

 private:
  DateRange range_;
  newsdex::Searcher searcher_;
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

// The p-th percentile (0..1) of the values, nearest rank.
double percentile(std::vector<double> values, double p);

}  // namespace newsdex::bench
