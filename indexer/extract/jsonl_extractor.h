#pragma once

#include <filesystem>
#include <functional>

#include <simdjson.h>

#include "newsdex/article.h"
#include "newsdex/index_job.h"

namespace newsdex {

// Reads a JSON Lines file, one article object a line. A malformed line is reported as
// `file:line: reason` and skipped; the rest of the file is still read.
class JsonLinesExtractor {
 public:
  void read(const std::filesystem::path& file, const std::function<void(Article&&)>& on_article,
            const std::function<void(const InputProblem&)>& on_problem);

 private:
  simdjson::dom::parser parser_;  // reused: it keeps its buffers between lines
};

}  // namespace newsdex
