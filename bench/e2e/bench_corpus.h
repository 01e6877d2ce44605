#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace newsdex::bench {

// One benchmark article: the fields every engine under test indexes.
struct BenchArticle {
  std::string id, title, body, date, outlet;
};

// The Reuters corpus (or the JSON Lines file named by $NEWSDEX_BENCH_CORPUS), plain or gzip'd.
// At most `limit` articles (0: $NEWSDEX_BENCH_LIMIT, else all). Returns an empty vector when no
// corpus can be found.
std::vector<BenchArticle> load_bench_corpus(std::size_t limit = 0);
std::filesystem::path bench_corpus_path();
// The articles of a JSON Lines file (plain or gzip'd); at most `limit` (0: all).
std::vector<BenchArticle> load_articles(const std::filesystem::path& path, std::size_t limit = 0);

// The corpus `factor` times over: copy k > 0 of each article gets the id suffix "-xk" and its
// body words shuffled with a fixed seed, so the vocabulary and lengths stay those of the source
// while documents differ (the ×10 corpus of the benchmarks).
std::vector<BenchArticle> multiply_corpus(const std::vector<BenchArticle>& source,
                                          std::size_t factor);

// The comma-separated numbers in environment variable `name`, else in `fallback` ("1,10").
std::vector<std::size_t> env_numbers(const char* name, const char* fallback);

// Writes articles as JSON Lines that newsdex-index reads.
void write_jsonl(const std::vector<BenchArticle>& articles, const std::filesystem::path& file);

// A scratch folder removed on destruction.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace newsdex::bench
