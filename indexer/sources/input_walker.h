#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "newsdex/index_job.h"

namespace newsdex {

struct InputFile {
  std::filesystem::path path;  // "-" for standard input
  InputFormat format;
};

struct WalkedInputs {
  std::vector<InputFile> articles;
  std::vector<std::filesystem::path> sidecars;  // `*.meta.jsonl` files met on the way
};

// Expands files and folders into the article files to read, in a stable order: each folder's
// entries sorted by name, hidden entries skipped, symlinked folders followed once (a link back
// into a folder being walked is reported and skipped). Formats come from `forced` when set, else
// from the extension (.txt, .jsonl, .ndjson, .jsonl.gz, .ndjson.gz, .html, .htm), else, for
// files named on the command line, from the content. Unknown files inside folders are passed
// over (READMEs, images); a named file of unknown format is reported. "-" is standard input,
// read as JSON Lines.
WalkedInputs walk_inputs(const std::vector<std::string>& inputs, std::optional<InputFormat> forced,
                         const std::function<void(const InputProblem&)>& on_problem);

// True for sidecar metadata files, which describe articles instead of holding them.
bool is_sidecar_file(const std::filesystem::path& path);

// The format a file's name says, if any.
std::optional<InputFormat> format_from_name(const std::filesystem::path& path);

// The format its first bytes suggest (gzip data is taken as JSON Lines), if any.
std::optional<InputFormat> format_from_content(const std::filesystem::path& path);

}  // namespace newsdex
