#include "query_engines.h"

#include <benchmark/benchmark.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace newsdex::bench {
namespace {

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

void exec(sqlite3* db, const char* sql) {
  char* error = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &error) != SQLITE_OK) {
    std::string message = error ? error : "sqlite error";
    sqlite3_free(error);
    throw std::runtime_error(message);
  }
}

}  // namespace

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

NewsdexQueryEngine::NewsdexQueryEngine(const std::filesystem::path& db, DateRange range,
                                       std::size_t threads)
    : range_(std::move(range)), searcher_(db.string(), newsdex::SearcherOptions{threads}) {}

std::size_t NewsdexQueryEngine::run(const std::string& cls, const std::string& words) {
  newsdex::SearchRequest r;
  r.query = words;
  if (cls == "phrase") r.query = "\"" + words + "\"";
  if (cls == "and_2_4") r.match_all = true;
  if (cls == "filtered") r.query += " date:" + range_.from + ".." + range_.to;
  if (cls == "faceted") r.facets = {newsdex::FacetField::outlet(), newsdex::FacetField::month()};
  if (!snippets_) r.snippet_words = 0;
  if (!positional_) r.lead_weight = r.proximity_weight = 0;
  if (collapse_story_) r.collapse = newsdex::Collapse::kStory;
  r.language = language_;
  return searcher_.search(r).hits.size();
}

void build_plain_xapian(const std::vector<BenchArticle>& articles,
                        const std::filesystem::path& db_path) {
  Xapian::WritableDatabase db(db_path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
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

PlainXapianQueryEngine::PlainXapianQueryEngine(const std::filesystem::path& db, DateRange range)
    : range_(std::move(range)), db_(db.string()) {
  parser_.set_database(db_);
  parser_.set_stemmer(Xapian::Stem("english"));
  parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
}

std::size_t PlainXapianQueryEngine::run(const std::string& cls, const std::string& words) {
  parser_.set_default_op(cls == "and_2_4" ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
  Xapian::Query q = parser_.parse_query(cls == "phrase" ? "\"" + words + "\"" : words);
  if (cls == "filtered") {
    q = Xapian::Query(
        Xapian::Query::OP_FILTER, q,
        Xapian::Query(Xapian::Query::OP_VALUE_RANGE, 0, range_.from, range_.to + "\xff"));
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

void build_fts5(const std::vector<BenchArticle>& articles, const std::filesystem::path& file) {
  sqlite3* db = nullptr;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK)
    throw std::runtime_error("cannot open sqlite database");
  const std::unique_ptr<sqlite3, decltype(&sqlite3_close)> owner(db, &sqlite3_close);
  exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;");
  exec(db,
       "CREATE VIRTUAL TABLE docs USING fts5(title, body, date UNINDEXED, outlet UNINDEXED,"
       " tokenize='porter unicode61')");
  exec(db, "BEGIN");
  {
    Statement insert(db, "INSERT INTO docs(title, body, date, outlet) VALUES (?,?,?,?)");
    for (const auto& a : articles) {
      sqlite3_bind_text(insert.get(), 1, a.title.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(insert.get(), 2, a.body.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(insert.get(), 3, a.date.c_str(), -1, SQLITE_STATIC);
      sqlite3_bind_text(insert.get(), 4, a.outlet.c_str(), -1, SQLITE_STATIC);
      sqlite3_step(insert.get());
      sqlite3_reset(insert.get());
    }
  }
  exec(db, "COMMIT");
}

Fts5QueryEngine::Fts5QueryEngine(const std::filesystem::path& file, DateRange range)
    : range_(std::move(range)) {
  if (sqlite3_open_v2(file.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
    throw std::runtime_error("cannot open sqlite database " + file.string());
}

Fts5QueryEngine::~Fts5QueryEngine() {
  sqlite3_close(db_);
}

std::size_t Fts5QueryEngine::run(const std::string& cls, const std::string& words) {
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
      sqlite3_bind_text(q.get(), 2, range_.from.c_str(), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(q.get(), 3, (range_.to + "~").c_str(), -1, SQLITE_TRANSIENT);
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

namespace {

namespace fs = std::filesystem;

// The Lucene modules LuceneBench.java uses (the highlighter needs memory and queries).
const std::vector<std::string> kLuceneModules = {
    "core", "analyzers-common", "queryparser", "queries", "highlighter", "memory", "facet"};

std::string on_path(const std::string& program) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    const fs::path candidate = fs::path(dir.empty() ? "." : dir) / program;
    if (access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return {};
}

// Debian names its jars by version (lucene-core-8.7.0.jar); take the newest 8.x of each module.
std::string find_lucene_jars(const fs::path& dir, std::string& why_not) {
  std::string classpath;
  for (const auto& module : kLuceneModules) {
    const std::string prefix = "lucene-" + module + "-8";
    std::string best;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (name.starts_with(prefix) && name.ends_with(".jar") && name > best) best = name;
    }
    if (best.empty()) {
      why_not = "no " + prefix + "*.jar in " + dir.string() + " (apt-get install liblucene8-java)";
      return {};
    }
    classpath += (classpath.empty() ? "" : ":") + (dir / best).string();
  }
  return classpath;
}

std::optional<LuceneRuntime> locate_lucene(std::string& why_not) {
  const char* enabled = std::getenv("NEWSDEX_BENCH_LUCENE");
  if (enabled && (std::string(enabled) == "0" || std::string(enabled) == "off")) {
    why_not = "NEWSDEX_BENCH_LUCENE=" + std::string(enabled);
    return std::nullopt;
  }
  LuceneRuntime lucene;
  lucene.java = NEWSDEX_JAVA_BIN;
  if (lucene.java.empty() || access(lucene.java.c_str(), X_OK) != 0) lucene.java = on_path("java");
  if (lucene.java.empty()) {
    why_not = "no java on PATH (apt-get install default-jdk-headless)";
    return std::nullopt;
  }
  const char* jar_dir = std::getenv("NEWSDEX_LUCENE_JAR_DIR");
  const std::string jars = find_lucene_jars(jar_dir ? jar_dir : NEWSDEX_LUCENE_JARS_IN, why_not);
  if (jars.empty()) return std::nullopt;
  fs::path classes = NEWSDEX_LUCENE_CLASS_DIR;
  if (classes.empty() || !fs::exists(classes / "LuceneBench.class")) {
    // CMake found no javac or no jars: compile now, into a folder removed at exit.
    const std::string javac = on_path("javac");
    if (javac.empty()) {
      why_not = "no javac on PATH to compile bench/lucene/LuceneBench.java";
      return std::nullopt;
    }
    static ScratchDir compiled;
    classes = compiled.path();
    const auto run =
        run_child({javac, "-nowarn", "-cp", jars, "-d", classes.string(), NEWSDEX_LUCENE_SOURCE});
    if (run.exit_code != 0) {
      why_not = "javac failed on " + std::string(NEWSDEX_LUCENE_SOURCE);
      return std::nullopt;
    }
  }
  lucene.classpath = classes.string() + ":" + jars;
  return lucene;
}

}  // namespace

std::vector<std::string> LuceneRuntime::command(const std::vector<std::string>& args) const {
  std::vector<std::string> argv = {java};
  // For experiments only (heap, collector); the benchmarks run the JVM's defaults.
  if (const char* opts = std::getenv("NEWSDEX_LUCENE_JVM_OPTS")) {
    std::istringstream in(opts);
    for (std::string o; in >> o;) argv.push_back(o);
  }
  argv.insert(argv.end(), {"-cp", classpath, "LuceneBench"});
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

std::optional<LuceneRuntime> find_lucene(std::string& why_not) {
  static std::string reason;
  static const std::optional<LuceneRuntime> found = locate_lucene(reason);
  why_not = reason;
  return found;
}

double lucene_warmup_seconds() {
  const char* env = std::getenv("NEWSDEX_BENCH_LUCENE_WARMUP");
  return env ? std::strtod(env, nullptr) : 5.0;
}

ChildRun build_lucene(const LuceneRuntime& lucene, const fs::path& jsonl, const fs::path& dir,
                      double* jvm_seconds) {
  std::error_code ec;
  fs::remove_all(dir, ec);
  const fs::path seconds = dir.string() + ".seconds";
  fs::remove(seconds, ec);
  const auto run =
      run_child(lucene.command({"index", jsonl.string(), dir.string(), seconds.string()}));
  if (jvm_seconds) {
    *jvm_seconds = 0;
    std::ifstream(seconds) >> *jvm_seconds;
  }
  fs::remove(seconds, ec);
  return run;
}

LuceneQueryEngine::LuceneQueryEngine(const LuceneRuntime& lucene, const fs::path& dir,
                                     DateRange range)
    : child_(lucene.command({"serve", dir.string(), range.from, range.to})) {
  const std::string ready = child_.receive();
  std::istringstream fields(ready);
  std::string tag, version, docs, segments;
  std::getline(fields, tag, '\t');
  std::getline(fields, version, '\t');
  std::getline(fields, docs, '\t');
  std::getline(fields, segments, '\t');
  if (tag != "READY") throw std::runtime_error("lucene: " + ready);
  description_ = version + ", " + docs + " docs, " + segments + " segments";
}

LuceneQueryEngine::~LuceneQueryEngine() {
  try {
    child_.send("QUIT");
  } catch (const std::exception&) {
    // Gone already: nothing to stop.
  }
}

std::size_t LuceneQueryEngine::run(const std::string& cls, const std::string& words) {
  child_.send("QUERY\t" + cls + "\t" +
              (shown_ == Shown::kWithSnippets ? "1"
               : shown_ == Shown::kFields     ? "0"
                                              : "ids") +
              "\t" + words);
  const std::string reply = child_.receive();
  std::istringstream fields(reply);
  std::string tag, shown, total, micros;
  std::getline(fields, tag, '\t');
  std::getline(fields, shown, '\t');
  std::getline(fields, total, '\t');
  std::getline(fields, micros, '\t');
  if (tag != "OK") throw std::runtime_error("lucene: " + reply);
  last_ms_ = std::stod(micros) / 1000.0;
  return std::stoul(shown);
}

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto i = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
  return values[std::min(i, values.size() - 1)];
}

}  // namespace newsdex::bench
