#include "extract/jsonl_extractor.h"

#include <string>

#include "newsdex/error.h"
#include "newsdex/utf8.h"
#include "sources/line_reader.h"

namespace newsdex {

std::size_t JsonLinesExtractor::read(const std::string& path,
                                     const std::function<void(Article&&)>& on_article,
                                     const std::function<void(const InputProblem&)>& on_problem,
                                     std::size_t* disk_offset,
                                     const std::function<bool()>& should_stop) {
  const std::string name = path == "-" ? "<stdin>" : path;
  LineReader reader(path, max_line_bytes_);
  if (!reader.ok()) {
    on_problem({name, "cannot open file: " + reader.open_error(), ProblemKind::kSkipped});
    return 0;
  }
  std::string line;
  std::size_t line_number = 0;
  std::size_t bytes = 0;
  for (LineReader::Result got;
       (got = reader.next(line, should_stop)) != LineReader::Result::kEnd;) {
    ++line_number;
    if (disk_offset) *disk_offset = reader.disk_offset();
    if (should_stop && should_stop()) break;
    const auto origin = name + ":" + std::to_string(line_number);
    if (got == LineReader::Result::kTooLong) {
      bytes += reader.skipped_bytes() + 1;
      on_problem({origin,
                  "line of " + std::to_string(reader.skipped_bytes()) +
                      " bytes is over --max-bytes (" + std::to_string(max_line_bytes_) + ")",
                  ProblemKind::kSkipped});
      continue;
    }
    bytes += line.size() + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    // simdjson rejects invalid UTF-8; repair first so one bad byte costs a character, not the
    // article (the repair is reported when the article is finalised).
    const std::size_t repaired = repair_utf8(line);
    try {
      Article article = article_from_json(line, parser_, field_map_);
      article.origin = origin;
      if (repaired > 0)
        on_problem(
            {origin,
             "replaced " + std::to_string(repaired) + " invalid UTF-8 sequence(s) with U+FFFD",
             ProblemKind::kRepaired});
      on_article(std::move(article));
    } catch (const InputError& e) {
      on_problem({origin, e.what(), ProblemKind::kSkipped});
    }
  }
  // A read interrupted by the stop signal is not a broken file.
  if (!reader.error().empty() && !(should_stop && should_stop()))
    on_problem(
        {name + ":" + std::to_string(line_number + 1), reader.error(), ProblemKind::kSkipped});
  return bytes;
}

}  // namespace newsdex
