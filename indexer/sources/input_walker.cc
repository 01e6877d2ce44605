#include "sources/input_walker.h"

#include <algorithm>
#include <optional>
#include <system_error>

namespace newsdex {
namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.ends_with(suffix);
}

std::optional<InputFormat> format_of(const fs::path& path) {
  const auto name = path.filename().string();
  if (ends_with(name, ".txt")) return InputFormat::kPageText;
  if (ends_with(name, ".jsonl") || ends_with(name, ".ndjson")) return InputFormat::kJsonLines;
  return std::nullopt;
}

void walk_folder(const fs::path& folder, WalkedInputs& out,
                 const std::function<void(const InputProblem&)>& on_problem) {
  std::error_code ec;
  std::vector<fs::directory_entry> entries;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    entries.push_back(*it);
  if (ec) {
    on_problem({folder.string(), "cannot read folder: " + ec.message(), true});
    return;
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
  for (const auto& entry : entries) {
    const auto name = entry.path().filename().string();
    if (name.starts_with(".")) continue;
    // Symlinked folders are not followed, so a link loop cannot recurse forever.
    if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
      walk_folder(entry.path(), out, on_problem);
    } else if (entry.is_regular_file(ec)) {
      if (is_sidecar_file(entry.path())) {
        out.sidecars.push_back(entry.path());
      } else if (auto format = format_of(entry.path())) {
        out.articles.push_back({entry.path(), *format});
      }
    }
  }
}

}  // namespace

bool is_sidecar_file(const std::filesystem::path& path) {
  return path.filename().string().ends_with(".meta.jsonl");
}

WalkedInputs walk_inputs(const std::vector<std::string>& inputs,
                         const std::function<void(const InputProblem&)>& on_problem) {
  WalkedInputs out;
  for (const auto& input : inputs) {
    const fs::path path(input);
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      on_problem({input, "no such file or folder", true});
    } else if (fs::is_directory(status)) {
      walk_folder(path, out, on_problem);
    } else if (is_sidecar_file(path)) {
      out.sidecars.push_back(path);
    } else if (auto format = format_of(path)) {
      out.articles.push_back({path, *format});
    } else {
      on_problem({input, "unsupported file type (expected .txt, .jsonl or .ndjson)", true});
    }
  }
  return out;
}

}  // namespace newsdex
