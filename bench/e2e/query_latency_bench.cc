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

namespace {

using newsdex::bench::BenchArticle;
using newsdex::bench::ScratchDir;

struct QueryClass {
  std::string name;
  std::vector<std::string> words;  // each entry: one query's words, space-separated
};

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

constexpr const char* kMarchFrom = "1987-03-01";
constexpr const char* kMarchTo = "1987-03-31";

// One engine: answers one query of a class, returning the number of hits shown.
using Runner = std::function<std::size_t(const std::string& cls, const std::string& words)>;

// --- newsdex ---------------------------------------------------------------------------------

class NewsdexEngine {
 public:
  explicit NewsdexEngine(const std::vector<BenchArticle>& articles) {
    newsdex::bench::write_jsonl(articles, dir_.path() / "corpus.jsonl");
    newsdex::IndexOptions options;
    options.db_path = (dir_.path() / "db").string();
    options.inputs = {(dir_.path() / "corpus.jsonl").string()};
    newsdex::run_index_job(options);
    searcher_ = std::make_unique<newsdex::Searcher>(options.db_path);
  }
  std::size_t run(const std::string& cls, const std::string& words) {
    newsdex::SearchRequest r;
    r.query = words;
    if (cls == "phrase") r.query = "\"" + words + "\"";
    if (cls == "and_2_4") r.match_all = true;
    if (cls == "filtered") r.query += std::string(" date:") + kMarchFrom + ".." + kMarchTo;
    if (cls == "faceted") r.facets = {"outlet", "date.month"};
    return searcher_->search(r).hits.size();
  }

 private:
  ScratchDir dir_;
  std::unique_ptr<newsdex::Searcher> searcher_;
};

// --- plain Xapian ------------------------------------------------------------------------------

class PlainXapianEngine {
 public:
  explicit PlainXapianEngine(const std::vector<BenchArticle>& articles) {
    const auto path = (dir_.path() / "xapian").string();
    {
      Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OVERWRITE);
      Xapian::TermGenerator tg;
      tg.set_stemmer(Xapian::Stem("english"));
      for (const auto& a : articles) {
        Xapian::Document doc;
        tg.set_document(doc);
        tg.index_text(a.title, 1, "S");
        tg.index_text(a.title);
        tg.increase_termpos();
        tg.index_text(a.body);
        doc.add_value(0, a.date);
        doc.add_value(1, a.outlet);
        doc.set_data(a.body);
        doc.add_boolean_term("Q" + a.id);
        db.replace_document("Q" + a.id, doc);
      }
      db.commit();
    }
    db_ = Xapian::Database(path);
    parser_.set_database(db_);
    parser_.set_stemmer(Xapian::Stem("english"));
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
  }
  std::size_t run(const std::string& cls, const std::string& words) {
    parser_.set_default_op(cls == "and_2_4" ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
    Xapian::Query q = parser_.parse_query(cls == "phrase" ? "\"" + words + "\"" : words);
    if (cls == "filtered") {
      q = Xapian::Query(Xapian::Query::OP_FILTER, q,
                        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, 0, kMarchFrom,
                                      std::string(kMarchTo) + "\xff"));
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(q);
    Xapian::ValueCountMatchSpy outlets(1), dates(0);
    Xapian::doccount check = 0;
    if (cls == "faceted") {
      enquire.add_matchspy(&outlets);
      enquire.add_matchspy(&dates);
      check = db_.get_doccount();
    }
    const Xapian::MSet mset = enquire.get_mset(0, 10, check);
    std::size_t shown = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      benchmark::DoNotOptimize(mset.snippet(it.get_document().get_data(), 300));
      ++shown;
    }
    return shown;
  }

 private:
  ScratchDir dir_;
  Xapian::Database db_;
  Xapian::QueryParser parser_;
};

// --- SQLite FTS5 -------------------------------------------------------------------------------

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK)
      throw std::runtime_error(sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3_stmt* stmt_ = nullptr;
};

class Fts5Engine {
 public:
  explicit Fts5Engine(const std::vector<BenchArticle>& articles) {
    if (sqlite3_open((dir_.path() / "fts.db").c_str(), &db_) != SQLITE_OK)
      throw std::runtime_error("cannot open sqlite database");
    exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
    exec(
        "CREATE VIRTUAL TABLE docs USING fts5(title, body, date UNINDEXED, outlet UNINDEXED,"
        " tokenize='porter unicode61')");
    exec("BEGIN");
    {
      Statement insert(db_, "INSERT INTO docs(title, body, date, outlet) VALUES (?,?,?,?)");
      for (const auto& a : articles) {
        sqlite3_bind_text(insert.get(), 1, a.title.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(insert.get(), 2, a.body.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(insert.get(), 3, a.date.c_str(), -1, SQLITE_STATIC);
        sqlite3_bind_text(insert.get(), 4, a.outlet.c_str(), -1, SQLITE_STATIC);
        sqlite3_step(insert.get());
        sqlite3_reset(insert.get());
      }
    }
    exec("COMMIT");
  }
  ~Fts5Engine() { sqlite3_close(db_); }

  std::size_t run(const std::string& cls, const std::string& words) {
    std::string match = words;
    if (cls == "phrase") match = "\"" + words + "\"";
    if (cls == "or_2_4" || cls == "and_2_4") {
      match.clear();
      std::size_t start = 0;
      while (start < words.size()) {
        auto end = words.find(' ', start);
        if (end == std::string::npos) end = words.size();
        if (!match.empty()) match += cls == "or_2_4" ? " OR " : " AND ";
        match += words.substr(start, end - start);
        start = end + 1;
      }
    }
    const char* sql =
        cls == "filtered"
            ? "SELECT rowid, snippet(docs,1,'**','**','...',40) FROM docs WHERE docs MATCH ?1 "
              "AND date BETWEEN ?2 AND ?3 ORDER BY rank LIMIT 10"
            : "SELECT rowid, snippet(docs,1,'**','**','...',40) FROM docs WHERE docs MATCH ?1 "
              "ORDER BY rank LIMIT 10";
    std::size_t shown = 0;
    {
      Statement q(db_, sql);
      sqlite3_bind_text(q.get(), 1, match.c_str(), -1, SQLITE_TRANSIENT);
      if (cls == "filtered") {
        sqlite3_bind_text(q.get(), 2, kMarchFrom, -1, SQLITE_STATIC);
        sqlite3_bind_text(q.get(), 3, (std::string(kMarchTo) + "~").c_str(), -1, SQLITE_TRANSIENT);
      }
      while (sqlite3_step(q.get()) == SQLITE_ROW) ++shown;
    }
    if (cls == "faceted") {
      for (const char* facet :
           {"SELECT outlet, count(*) FROM docs WHERE docs MATCH ?1 GROUP BY outlet",
            "SELECT substr(date,1,7), count(*) FROM docs WHERE docs MATCH ?1 GROUP BY 1"}) {
        Statement f(db_, facet);
        sqlite3_bind_text(f.get(), 1, match.c_str(), -1, SQLITE_TRANSIENT);
        while (sqlite3_step(f.get()) == SQLITE_ROW) {
        }
      }
    }
    return shown;
  }

 private:
  void exec(const char* sql) {
    char* error = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &error) != SQLITE_OK) {
      std::string message = error ? error : "sqlite error";
      sqlite3_free(error);
      throw std::runtime_error(message);
    }
  }

  ScratchDir dir_;
  sqlite3* db_ = nullptr;
};

// --- harness -----------------------------------------------------------------------------------

std::size_t env_number(const char* name, std::size_t fallback) {
  const char* v = std::getenv(name);
  return v ? static_cast<std::size_t>(std::strtoull(v, nullptr, 10)) : fallback;
}

// Engines per scale, built once on first use and kept for all classes.
struct Engines {
  std::unique_ptr<NewsdexEngine> newsdex;
  std::unique_ptr<PlainXapianEngine> xapian;
  std::unique_ptr<Fts5Engine> fts5;
};

Engines& engines_for(std::size_t scale) {
  static std::map<std::size_t, Engines> cache;
  auto& e = cache[scale];
  if (!e.newsdex) {
    const auto source = newsdex::bench::load_bench_corpus(env_number("NEWSDEX_BENCH_LIMIT", 0));
    const auto articles = newsdex::bench::multiply_corpus(source, scale);
    e.newsdex = std::make_unique<NewsdexEngine>(articles);
    e.xapian = std::make_unique<PlainXapianEngine>(articles);
    e.fts5 = std::make_unique<Fts5Engine>(articles);
  }
  return e;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

void BM_QueryLatency(benchmark::State& state, std::size_t scale, const std::string& engine,
                     const QueryClass& cls) {
  if (newsdex::bench::bench_corpus_path().empty()) {
    state.SkipWithError("no corpus: set NEWSDEX_BENCH_CORPUS");
    return;
  }
  auto& engines = engines_for(scale);
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

std::vector<std::size_t> scales() {
  std::vector<std::size_t> out;
  const char* env = std::getenv("NEWSDEX_BENCH_SCALES");
  std::string list = env ? env : "1,10";
  std::size_t start = 0;
  while (start < list.size()) {
    auto comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    out.push_back(std::stoul(list.substr(start, comma - start)));
    start = comma + 1;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  for (const auto scale : scales()) {
    for (const auto& cls : query_classes()) {
      for (const char* engine : {"newsdex", "xapian", "fts5"}) {
        benchmark::RegisterBenchmark(
            ("query/x" + std::to_string(scale) + "/" + cls.name + "/" + engine).c_str(),
            [scale, engine, &cls](benchmark::State& s) { BM_QueryLatency(s, scale, engine, cls); })
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
