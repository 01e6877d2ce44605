#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "newsdex/index_job.h"

namespace newsdex {

enum class InputFormat { kPageText, kJsonLines };

struct InputFile {
  std::filesystem::path path;
  InputFormat format;
};

struct WalkedInputs {
  std::vector<InputFile> articles;
  std::vector<std::filesystem::path> sidecars;  // `*.meta.jsonl` files met on the way
};

// Expands files and folders into the article files to read, in a stable order: each folder's
// entries sorted by name, hidden entries skipped. A named file of unknown format is reported;
// unknown files inside folders are passed over silently (READMEs, images, ...).
WalkedInputs walk_inputs(const std::vector<std::string>& inputs,
                         const std::function<void(const InputProblem&)>& on_problem);

// True for sidecar metadata files, which describe articles instead of holding them.
bool is_sidecar_file(const std::filesystem::path& path);

}  // namespace newsdex
