#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace newsdex::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  long max_rss_kb = 0;  // the child's peak resident set size
};

// Runs a binary with arguments (no shell), capturing stdout and stderr.
CommandResult run_command(const std::string& binary, const std::vector<std::string>& args,
                          const std::string& stdin_text = {});

// A process running while the test goes on: its stdin is a pipe the test may keep open (to
// hold it mid-run), its output goes to files read after wait().
class BackgroundProcess {
 public:
  BackgroundProcess(const std::string& binary, const std::vector<std::string>& args);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;
  void write_stdin(const std::string& text);
  void close_stdin();
  // Signals the process and everything it forked (its process group).
  void signal(int sig);
  // What the process has written to stdout so far.
  std::string out_so_far() const;
  CommandResult wait();

 private:
  std::filesystem::path dir_;
  int stdin_fd_ = -1;
  int pid_ = -1;
};

// A fresh, empty directory removed when the object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace newsdex::test
