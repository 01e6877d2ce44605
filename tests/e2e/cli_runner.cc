#include "cli_runner.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

namespace newsdex::test {
namespace {

std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

CommandResult run_command(const std::string& binary, const std::vector<std::string>& args,
                          const std::string& stdin_text) {
  BackgroundProcess process(binary, args);
  process.write_stdin(stdin_text);
  return process.wait();
}

BackgroundProcess::BackgroundProcess(const std::string& binary,
                                     const std::vector<std::string>& args) {
  dir_ = std::filesystem::temp_directory_path() /
         ("newsdex-bg-" + std::to_string(std::random_device{}()));
  std::filesystem::create_directories(dir_);
  // A child that exits without reading its stdin must not kill the test with SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  int fds[2];
  // Close-on-exec, so other children started meanwhile do not hold this stdin open.
  if (pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // A test that dies (an assertion abort, a sanitizer report) takes its servers with it.
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    // Its own process group, so that signal() reaches what it forks (xapian-tcpsrv serves
    // each connection from a child).
    setpgid(0, 0);
    const int out = open((dir_ / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open((dir_ / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(fds[0], 0);
    close(fds[1]);
    dup2(out, 1);
    dup2(err, 2);
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>(binary.c_str()));
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(binary.c_str(), argv.data());
    _exit(127);
  }
  close(fds[0]);
  stdin_fd_ = fds[1];
}

BackgroundProcess::~BackgroundProcess() {
  if (pid_ > 0) {
    if (kill(-pid_, SIGKILL) != 0) kill(pid_, SIGKILL);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  close_stdin();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void BackgroundProcess::write_stdin(const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const auto n = ::write(stdin_fd_, text.data() + done, text.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
}

void BackgroundProcess::close_stdin() {
  if (stdin_fd_ >= 0) close(stdin_fd_);
  stdin_fd_ = -1;
}

void BackgroundProcess::signal(int sig) {
  if (kill(-pid_, sig) != 0) kill(pid_, sig);  // before the child has made its group
}

std::string BackgroundProcess::out_so_far() const {
  return slurp(dir_ / "out");
}

CommandResult BackgroundProcess::wait() {
  close_stdin();
  int status = 0;
  rusage usage{};
  wait4(pid_, &status, 0, &usage);
  pid_ = -1;
  CommandResult result;
  result.max_rss_kb = usage.ru_maxrss;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = slurp(dir_ / "out");
  result.err = slurp(dir_ / "err");
  return result;
}

TempDir::TempDir() {
  std::random_device rd;
  const auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto candidate = base / ("newsdex-test-" + std::to_string(rd()));
    if (std::filesystem::create_directory(candidate)) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory");
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace newsdex::test
