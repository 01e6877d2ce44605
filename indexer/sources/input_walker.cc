#include "sources/input_walker.h"

#include <zlib.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <system_error>

namespace newsdex {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

class Walker {
 public:
  Walker(std::optional<InputFormat> forced,
         const std::function<void(const InputProblem&)>& on_problem)
      : forced_(forced), on_problem_(on_problem) {}

  void input(const std::string& input) {
    if (input == "-") {
      out_.articles.push_back({"-", InputFormat::kJsonLines});
      return;
    }
    const fs::path path(input);
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      on_problem_({input,
                   ec && ec != std::errc::no_such_file_or_directory
                       ? "cannot read: " + ec.message()
                       : std::string("no such file or folder"),
                   ProblemKind::kSkipped});
    } else if (fs::is_directory(status)) {
      folder(path);
    } else if (is_sidecar_file(path)) {
      out_.sidecars.push_back(path);
    } else if (auto format = forced_ ? forced_ : format_from_name(path)) {
      out_.articles.push_back({path, *format});
    } else if (auto sniffed = format_from_content(path)) {
      out_.articles.push_back({path, *sniffed});
    } else {
      on_problem_({input,
                   "unknown format (not .txt, .jsonl, .ndjson, .jsonl.gz, .html or .htm, and "
                   "the content does not tell): use --format",
                   ProblemKind::kSkipped});
    }
  }

  WalkedInputs take() { return std::move(out_); }

 private:
  void folder(const fs::path& path) {
    std::error_code ec;
    const auto canonical = fs::canonical(path, ec);
    if (!ec && !active_.insert(canonical).second) {
      on_problem_(
          {path.string(), "symbolic link loop: folder already being read", ProblemKind::kSkipped});
      return;
    }
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
      entries.push_back(*it);
    if (ec) {
      on_problem_({path.string(), "cannot read folder: " + ec.message(), ProblemKind::kSkipped});
    } else {
      std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.path().filename() < b.path().filename();
      });
      for (const auto& entry : entries) {
        if (entry.path().filename().string().starts_with(".")) continue;
        // A link that leads nowhere (missing target, a loop of links) is reported: silently
        // leaving it out would lose what the user meant to index.
        std::error_code status_ec;
        const auto entry_status = entry.status(status_ec);
        if (status_ec || !fs::exists(entry_status)) {
          const std::string reason =
              status_ec ? status_ec.message() : std::string("no such file or folder");
          on_problem_(
              {entry.path().string(),
               (entry.is_symlink(status_ec) ? "cannot follow symbolic link: " : "cannot read: ") +
                   reason,
               ProblemKind::kSkipped});
          continue;
        }
        if (entry.is_directory(ec)) {
          folder(entry.path());
        } else if (entry.is_regular_file(ec)) {
          if (is_sidecar_file(entry.path())) {
            out_.sidecars.push_back(entry.path());
          } else if (auto format = format_from_name(entry.path())) {
            out_.articles.push_back({entry.path(), forced_ ? *forced_ : *format});
          }
        }
      }
    }
    if (!canonical.empty()) active_.erase(canonical);
  }

  std::optional<InputFormat> forced_;
  const std::function<void(const InputProblem&)>& on_problem_;
  std::set<fs::path> active_;  // folders on the current path, to catch link loops
  WalkedInputs out_;
};

}  // namespace

bool is_sidecar_file(const std::filesystem::path& path) {
  return path.filename().string().ends_with(".meta.jsonl");
}

std::optional<InputFormat> format_from_name(const std::filesystem::path& path) {
  const auto name = lower(path.filename().string());
  if (name.ends_with(".txt")) return InputFormat::kPageText;
  for (const char* ext : {".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz"})
    if (name.ends_with(ext)) return InputFormat::kJsonLines;
  if (name.ends_with(".html") || name.ends_with(".htm")) return InputFormat::kHtml;
  return std::nullopt;
}

std::optional<InputFormat> format_from_content(const std::filesystem::path& path) {
  // zlib reads plain files as they are, so one look covers compressed and plain content.
  gzFile file = gzopen(path.c_str(), "rb");
  if (!file) return std::nullopt;
  char head[1024];
  const int n = gzread(file, head, sizeof head);
  gzclose(file);
  if (n <= 0) return std::nullopt;
  std::string text = lower(std::string(head, static_cast<std::size_t>(n)));
  const auto start = text.find_first_not_of(" \t\r\n\xef\xbb\xbf");
  if (start == std::string::npos) return std::nullopt;
  if (text.find('\0') != std::string::npos) return std::nullopt;  // binary
  if (text[start] == '{') return InputFormat::kJsonLines;
  if (text[start] == '<' &&
      (text.find("<html") != std::string::npos || text.find("<!doctype html") != std::string::npos))
    return InputFormat::kHtml;
  return InputFormat::kPageText;
}

WalkedInputs walk_inputs(const std::vector<std::string>& inputs, std::optional<InputFormat> forced,
                         const std::function<void(const InputProblem&)>& on_problem) {
  Walker walker(forced, on_problem);
  for (const auto& input : inputs) walker.input(input);
  return walker.take();
}

}  // namespace newsdex
