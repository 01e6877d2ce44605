#pragma once

#include <functional>
#include <string>

#include <simdjson.h>

#include "extract/json_article.h"
#include "newsdex/article.h"
#include "newsdex/index_job.h"

namespace newsdex {

// Reads JSON Lines (plain or gzip'd, or "-" for standard input), one article object a line. A
// malformed line is reported as `file:line: reason` and skipped; the rest of the file is read. A
// truncated gzip stream is reported; the complete lines before the cut are kept.
class JsonLinesExtractor {
 public:
  JsonLinesExtractor(JsonFieldMap field_map, std::size_t max_line_bytes)
      : field_map_(std::move(field_map)), max_line_bytes_(max_line_bytes) {}

  // Returns the bytes read (uncompressed). `disk_offset`, when given, follows the position in
  // the file as stored (compressed for gzip), for progress displays. `should_stop` is polled
  // between lines.
  std::size_t read(const std::string& path, const std::function<void(Article&&)>& on_article,
                   const std::function<void(const InputProblem&)>& on_problem,
                   std::size_t* disk_offset = nullptr,
                   const std::function<bool()>& should_stop = {});

 private:
  JsonFieldMap field_map_;
  std::size_t max_line_bytes_;
  simdjson::dom::parser parser_;  // reused: it keeps its buffers between lines
};

}  // namespace newsdex
