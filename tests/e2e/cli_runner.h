#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace newsdex::test {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs a binary with arguments (no shell), capturing stdout and stderr.
CommandResult run_command(const std::string& binary, const std::vector<std::string>& args,
                          const std::string& stdin_text = {});

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
