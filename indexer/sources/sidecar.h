#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <string>

#include "newsdex/article.h"
#include "newsdex/index_job.h"

namespace newsdex {

// Metadata stated by hand for article files, one JSON object a line in a `*.meta.jsonl` file
// beside them: {"file": "name.txt", "id": …, "outlet": …, "date": …, "title": …, "url": …,
// "author": …, "language": …}. Stated fields override what extraction found.
class SidecarMetadata {
 public:
  // Adds the entries of one sidecar file; malformed lines are reported and skipped.
  void load(const std::filesystem::path& sidecar,
            const std::function<void(const InputProblem&)>& on_problem);

  // Overwrites the fields of `article` that the sidecar states for `article_file`.
  void apply(const std::filesystem::path& article_file, Article& article) const;

  bool empty() const { return entries_.empty(); }

 private:
  // Keyed by the article file's absolute, normalised path.
  std::map<std::string, Article> entries_;
};

}  // namespace newsdex
