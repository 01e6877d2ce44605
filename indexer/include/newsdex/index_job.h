#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "newsdex/date_parser.h"

namespace newsdex {

enum class InputFormat { kPageText, kJsonLines, kHtml };

// How articles are put in stories (docs/stories.md).
struct StoryOptions {
  // Off: every article is a story of its own, and its signature is not kept (articles added
  // later cannot join it).
  bool enabled = true;
  // Keyword cosine at which two articles are one story (the sweep in docs/stories.md chose it).
  double threshold = 0.45;
  // A story's articles lie within this many days of each other: single links chain, and a
  // daily report would otherwise become a month-long story.
  int window_days = 3;
  // Threads comparing signatures (a new database uses its build's --jobs).
  std::size_t threads = 1;
};

struct IndexOptions {
  std::string db_path;
  // Files, folders and "-" (standard input, JSON Lines). Folders are walked recursively in name
  // order; hidden entries are skipped.
  std::vector<std::string> inputs;
  // Read every input as this format instead of detecting it.
  std::optional<InputFormat> format;
  // Read `*.meta.jsonl` sidecar files beside the articles; their fields override extraction.
  bool use_sidecars = true;
  // Stemming language for articles that do not state one and whose language is not detected.
  std::string default_language = "english";
  // Detect the language of articles that do not state one (LanguageDetector).
  bool detect_language = true;
  // Articles per commit: a crash loses at most this many.
  std::size_t commit_every = 10000;
  // Page and HTML files, and JSON lines, larger than this are skipped.
  std::size_t max_bytes = 16u << 20;
  // How to read all-numeric dates such as 8/9/2022; unset: they are not dates.
  NumericDateOrder date_order = NumericDateOrder::kNone;
  // Canonical article field -> the JSON key to read it from (`--map body=story`).
  std::map<std::string, std::string> field_map;
  // Articles to delete (by id) before indexing the inputs.
  std::vector<std::string> delete_ids;
  // Threads for building a new database; 0: one per core. Adding to an existing database
  // uses one writer.
  std::size_t jobs = 0;
  // Commit when the estimated memory of uncommitted postings passes this many bytes.
  std::size_t memory_budget = 512u << 20;
  StoryOptions stories;
  // A new database built in this many parts (0 or 1: one database): `db_path` becomes a
  // folder of part databases part-0 ... and the shard map XAPIANDB listing them
  // (docs/scaling.md). Adding to such a folder later sends each article to its part.
  std::size_t parts = 0;
  // Index only the articles that belong to part `index` of `count` (part_of(id, count)), the
  // others are passed over: how the machine holding one part takes its share of a feed.
  struct PartFilter {
    std::size_t index = 0;
    std::size_t count = 1;
    // Report what is wrong with the input itself (a file that cannot be read, a line that is
    // not JSON); an article's own problems are reported by its part's run either way.
    bool report_input_problems = true;
  };
  std::optional<PartFilter> only_part;
};

// Where an indexing run is, for progress displays.
struct IndexProgress {
  std::size_t articles = 0;  // indexed, replaced or found unchanged so far
  // Of those, handed to the parallel build and not yet built (a run with --jobs reads ahead).
  std::size_t articles_pending = 0;
  std::size_t bytes_done = 0;   // input bytes consumed, as stored on disk (compressed for .gz)
  std::size_t bytes_total = 0;  // on-disk size of all inputs; 0 when unknown (stdin)
  std::size_t bytes_text = 0;   // uncompressed bytes read
  double seconds = 0;
};

// Optional hooks into a run.
struct IndexHooks {
  // Called after each article (cheap; rate-limit displays on the receiving side).
  std::function<void(const IndexProgress&)> on_progress;
  // Polled between articles: true stops the run after committing what was indexed.
  std::function<bool()> should_stop;
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
  std::size_t indexed = 0;  // added + replaced
  std::size_t added = 0;
  std::size_t replaced = 0;
  std::size_t unchanged = 0;  // same id and content as already indexed: not rewritten
  std::size_t deleted = 0;
  std::size_t commits = 0;
  bool interrupted = false;  // should_stop ended the run early (after a commit)
  std::size_t skipped = 0;
  std::size_t repaired = 0;
  std::size_t warnings = 0;
  std::size_t documents_in_db = 0;
  // Table space given back on opening: blocks an earlier commit wrote but did not commit (it
  // failed, say on a full disk, or was killed).
  std::uint64_t reclaimed_bytes = 0;
  std::size_t bytes_read = 0;
  double seconds = 0;
  // A new database built in shards: the worker threads (0: updated in place), and the time
  // spent waiting for the last shards, merging them and swapping the result in (part of
  // `seconds`).
  std::size_t build_jobs = 0;
  double merge_seconds = 0;
  // A new database in parts: the time splitting the whole build into them (part of `seconds`).
  double split_seconds = 0;
  // Articles passed over because they belong to another part (IndexOptions::only_part).
  std::size_t other_parts = 0;
  // A database in parts: the articles in each part after the run.
  std::vector<std::size_t> part_sizes;
};

// Indexes the inputs of `options` into the database, creating it when missing. Broken files and
// records are reported through `on_problem` and skipped; the rest is indexed.
// A folder of parts (its XAPIANDB lists part-0 ...) is updated part by part, each article in
// the part its id belongs to. Throws DatabaseLockedError when another writer holds the
// database and DatabaseError when it cannot be opened or belongs to another schema version.
IndexReport run_index_job(const IndexOptions& options,
                          const std::function<void(const InputProblem&)>& on_problem = {},
                          const IndexHooks& hooks = {});

}  // namespace newsdex
