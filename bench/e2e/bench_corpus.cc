#include "bench_corpus.h"

#include <simdjson.h>
#include <zlib.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace newsdex::bench {
namespace {

namespace fs = std::filesystem;

std::string json_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

// Reads a whole file, inflating it when gzip'd (zlib's gz* functions read plain files as is).
std::string read_all(const fs::path& path) {
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) return {};
  std::string data;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0)
    data.append(buffer, static_cast<std::size_t>(n));
  gzclose(file);
  return data;
}

}  // namespace

fs::path bench_corpus_path() {
  if (const char* env = std::getenv("NEWSDEX_BENCH_CORPUS")) return env;
  const fs::path source(NEWSDEX_SOURCE_DIR);
  for (const auto& candidate : {source / "corpora/reuters21578/reuters21578.jsonl.gz",
                                source / "../shared/corpora/reuters21578.jsonl"}) {
    if (fs::exists(candidate)) return candidate;
  }
  return {};
}

std::vector<BenchArticle> load_bench_corpus(std::size_t limit) {
  if (limit == 0) {
    if (const char* env = std::getenv("NEWSDEX_BENCH_LIMIT"))
      limit = static_cast<std::size_t>(std::strtoull(env, nullptr, 10));
  }
  const auto path = bench_corpus_path();
  if (path.empty()) return {};
  return load_articles(path, limit);
}

std::vector<BenchArticle> load_articles(const fs::path& path, std::size_t limit) {
  const std::string data = read_all(path);
  std::vector<BenchArticle> articles;
  simdjson::dom::parser parser;
  std::istringstream lines(data);
  std::string line;
  while (std::getline(lines, line)) {
    simdjson::dom::object obj;
    if (parser.parse(line).get(obj)) continue;
    auto text = [&](const char* key) {
      std::string_view v;
      return obj[key].get(v) ? std::string() : std::string(v);
    };
    BenchArticle a{text("id"), text("title"), text("body"), text("date"), text("outlet")};
    if (a.body.empty() && a.title.empty()) continue;
    articles.push_back(std::move(a));
    if (limit && articles.size() >= limit) break;
  }
  return articles;
}

std::vector<BenchArticle> multiply_corpus(const std::vector<BenchArticle>& source,
                                          std::size_t factor) {
  std::vector<BenchArticle> out;
  out.reserve(source.size() * factor);
  std::mt19937_64 rng(20260101);
  for (std::size_t k = 0; k < factor; ++k) {
    for (const auto& a : source) {
      BenchArticle copy = a;
      if (k > 0) {
        copy.id += "-x" + std::to_string(k);
        std::vector<std::string> words;
        std::istringstream in(a.body);
        for (std::string w; in >> w;) words.push_back(std::move(w));
        std::shuffle(words.begin(), words.end(), rng);
        copy.body.clear();
        for (const auto& w : words) (copy.body += w) += ' ';
      }
      out.push_back(std::move(copy));
    }
  }
  return out;
}

std::vector<std::size_t> env_numbers(const char* name, const char* fallback) {
  std::vector<std::size_t> out;
  const char* env = std::getenv(name);
  std::istringstream in(env ? env : fallback);
  for (std::string s; std::getline(in, s, ',');)
    if (!s.empty()) out.push_back(std::stoul(s));
  return out;
}

void write_jsonl(const std::vector<BenchArticle>& articles, const fs::path& file) {
  std::ofstream out(file, std::ios::binary);
  for (const auto& a : articles) {
    out << "{\"id\":\"" << json_escape(a.id) << "\",\"title\":\"" << json_escape(a.title)
        << "\",\"body\":\"" << json_escape(a.body) << "\",\"date\":\"" << json_escape(a.date)
        << "\",\"outlet\":\"" << json_escape(a.outlet) << "\"}\n";
  }
}

ScratchDir::ScratchDir()
    : path_(fs::temp_directory_path() /
            ("newsdex-bench-" + std::to_string(std::random_device{}()))) {
  fs::create_directories(path_);
}

ScratchDir::~ScratchDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace newsdex::bench
