#include "extract/jsonl_extractor.h"

#include <fstream>
#include <string>

#include "extract/json_article.h"
#include "newsdex/error.h"

namespace newsdex {

void JsonLinesExtractor::read(const std::filesystem::path& file,
                              const std::function<void(Article&&)>& on_article,
                              const std::function<void(const InputProblem&)>& on_problem) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    on_problem({file.string(), "cannot open file", true});
    return;
  }
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto origin = file.string() + ":" + std::to_string(line_number);
    try {
      Article article = article_from_json(line, parser_);
      article.origin = origin;
      on_article(std::move(article));
    } catch (const InputError& e) {
      on_problem({origin, e.what(), true});
    }
  }
  if (in.bad()) on_problem({file.string(), "read error", true});
}

}  // namespace newsdex
