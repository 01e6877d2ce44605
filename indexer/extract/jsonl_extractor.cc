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
  LineReader reader(path);
  if (!reader.ok()) {
    on_problem({name, "cannot open file", ProblemKind::kSkipped});
    return 0;
  }
  std::string line;
  std::size_t line_number = 0;
  std::size_t bytes = 0;
  while (reader.next(line)) {
    ++line_number;
    if (disk_offset) *disk_offset = reader.disk_offset();
    if (should_stop && should_stop()) break;
    bytes += line.size() + 1;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto origin = name + ":" + std::to_string(line_number);
    if (line.size() > max_line_bytes_) {
      on_problem({origin, "line of " + std::to_string(line.size()) + " bytes is over --max-bytes",
                  ProblemKind::kSkipped});
      continue;
    }
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
  if (!reader.error().empty())
    on_problem(
        {name + ":" + std::to_string(line_number + 1), reader.error(), ProblemKind::kSkipped});
  return bytes;
}

}  // namespace newsdex
