#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "newsdex/date_parser.h"

namespace newsdex {

enum class InputFormat { kPageText, kJsonLines, kHtml };

struct IndexOptions {
  std::string db_path;
  // Files, folders and "-" (standard input, JSON Lines). Folders are walked recursively in name
  // order; hidden entries are skipped.
  std::vector<std::string> inputs;
  // Read every input as this format instead of detecting it.
  std::optional<InputFormat> format;
  // Read `*.meta.jsonl` sidecar files beside the articles; their fields override extraction.
  bool use_sidecars = true;
  // Stemming language for articles that do not state one.
  std::string default_language = "english";
  // Articles per commit: a crash loses at most this many.
  std::size_t commit_every = 10000;
  // Page and HTML files, and JSON lines, larger than this are skipped.
  std::size_t max_bytes = 16u << 20;
  // How to read all-numeric dates such as 8/9/2022; unset: they are not dates.
  NumericDateOrder date_order = NumericDateOrder::kNone;
  // Canonical article field -> the JSON key to read it from (`--map body=story`).
  std::map<std::string, std::string> field_map;
};

enum class ProblemKind {
  kSkipped,   // nothing of this item was indexed
  kRepaired,  // indexed after a repair (invalid UTF-8 replaced)
  kWarning,   // indexed, with something missing or overridden (no date, duplicate id)
};

// Something in the input that was skipped, repaired or indexed with a warning, and why.
struct InputProblem {
  std::string origin;  // "file" or "file:line"
  std::string reason;
  ProblemKind kind = ProblemKind::kSkipped;
};

struct IndexReport {
  std::size_t indexed = 0;
  std::size_t skipped = 0;
  std::size_t repaired = 0;
  std::size_t warnings = 0;
  std::size_t documents_in_db = 0;
  std::size_t bytes_read = 0;
  double seconds = 0;
};

// Indexes the inputs of `options` into the database, creating it when missing. Broken files and
// records are reported through `on_problem` and skipped; the rest is indexed.
// Throws DatabaseLockedError when another writer holds the database and DatabaseError when it
// cannot be opened or belongs to another schema version.
IndexReport run_index_job(const IndexOptions& options,
                          const std::function<void(const InputProblem&)>& on_problem = {});

}  // namespace newsdex
