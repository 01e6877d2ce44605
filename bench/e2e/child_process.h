#pragma once

#include <benchmark/benchmark.h>
#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace newsdex::bench {

// What a child process took: wall time, its own peak RSS, and how it ended.
struct ChildRun {
  double seconds = 0;
  double peak_rss_mb = 0;
  int exit_code = -1;  // 128 + N when killed by signal N; -1 when it could not start
};

// Runs argv[0] (a path) with the arguments and waits. The peak RSS counts the high-water mark
// of this process's memory at the spawn too (the kernel carries it over exec): keep the caller
// small, and load corpora in forked helpers. `silent` sends the child's stderr to /dev/null.
ChildRun run_child(const std::vector<std::string>& argv, bool silent = false);

// Reports an indexing child's run to a manual-time benchmark: its wall time, articles/s, MB/s of
// text and peak RSS. Marks the benchmark failed and returns false when the child failed.
bool report_indexing_run(benchmark::State& state, const ChildRun& run, std::size_t articles,
                         std::size_t text_bytes);

// A child process spoken to over its stdin and stdout, a line at a time (its stderr is ours).
// Destruction closes its stdin and waits for it.
class LineChild {
 public:
  // Starts argv[0] (a path); throws std::runtime_error when it cannot.
  explicit LineChild(const std::vector<std::string>& argv);
  ~LineChild();
  LineChild(const LineChild&) = delete;
  LineChild& operator=(const LineChild&) = delete;
  // Sends one line (without its newline) and flushes. Throws when the child has gone.
  void send(const std::string& line);
  // The next line of the child's output, without its newline. Throws at end of output.
  std::string receive();

 private:
  pid_t pid_ = -1;
  std::FILE* to_ = nullptr;
  std::FILE* from_ = nullptr;
};

// Bytes of a file, or of every file under a folder.
std::uint64_t bytes_on_disk(const std::filesystem::path& path);

}  // namespace newsdex::bench
