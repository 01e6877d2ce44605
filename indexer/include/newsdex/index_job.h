#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace newsdex {

struct IndexOptions {
  std::string db_path;
  // Files and folders; folders are walked recursively in name order, hidden entries skipped.
  std::vector<std::string> inputs;
  // Read `*.meta.jsonl` sidecar files beside the articles; their fields override extraction.
  bool use_sidecars = true;
  // Stemming language for articles that do not state one.
  std::string default_language = "english";
  // Articles per commit: a crash loses at most this many.
  std::size_t commit_every = 10000;
};

// Something in the input that was skipped or repaired, with where it was and why.
struct InputProblem {
  std::string origin;  // "file" or "file:line"
  std::string reason;
  bool skipped = true;  // false: repaired or indexed with a warning
};

struct IndexReport {
  std::size_t indexed = 0;
  std::size_t skipped = 0;
  std::size_t warnings = 0;
  std::size_t documents_in_db = 0;
  double seconds = 0;
};

// Indexes the inputs of `options` into the database, creating it when missing. Broken files and
// records are reported through `on_problem` and skipped; the rest is indexed.
// Throws DatabaseLockedError when another writer holds the database, DatabaseError when it cannot
// be opened or belongs to another schema version, InputError when no input exists at all.
IndexReport run_index_job(const IndexOptions& options,
                          const std::function<void(const InputProblem&)>& on_problem = {});

}  // namespace newsdex
