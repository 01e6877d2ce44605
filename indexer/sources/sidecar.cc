#include "sources/sidecar.h"

#include <fstream>
#include <system_error>

#include "extract/json_article.h"
#include "newsdex/error.h"

namespace newsdex {
namespace {

std::string key_for(const std::filesystem::path& file) {
  std::error_code ec;
  auto absolute = std::filesystem::weakly_canonical(file, ec);
  return (ec ? file : absolute).lexically_normal().string();
}

void override_if_set(std::string& target, const std::string& value) {
  if (!value.empty()) target = value;
}

}  // namespace

void SidecarMetadata::load(const std::filesystem::path& sidecar,
                           const std::function<void(const InputProblem&)>& on_problem) {
  std::ifstream in(sidecar, std::ios::binary);
  if (!in) {
    on_problem({sidecar.string(), "cannot open sidecar metadata file", ProblemKind::kSkipped});
    return;
  }
  simdjson::dom::parser parser;
  std::string line;
  std::size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const auto origin = sidecar.string() + ":" + std::to_string(line_number);
    try {
      Article entry = article_from_json(line, parser);
      std::string file;
      for (const auto& keyword : entry.keywords)
        if (keyword.name == "file" && !keyword.values.empty()) file = keyword.values.front();
      std::erase_if(entry.keywords, [](const auto& k) { return k.name == "file"; });
      if (file.empty()) {
        on_problem({origin, "sidecar entry has no \"file\" field", ProblemKind::kSkipped});
        continue;
      }
      entries_[key_for(sidecar.parent_path() / file)] = std::move(entry);
    } catch (const InputError& e) {
      on_problem({origin, e.what(), ProblemKind::kSkipped});
    }
  }
}

void SidecarMetadata::apply(const std::filesystem::path& article_file, Article& article) const {
  const auto it = entries_.find(key_for(article_file));
  if (it == entries_.end()) return;
  const Article& stated = it->second;
  override_if_set(article.id, stated.id);
  override_if_set(article.url, stated.url);
  override_if_set(article.title, stated.title);
  override_if_set(article.outlet, stated.outlet);
  override_if_set(article.date, stated.date);
  override_if_set(article.author, stated.author);
  override_if_set(article.language, stated.language);
  override_if_set(article.body, stated.body);
  for (const auto& keyword : stated.keywords) {
    std::erase_if(article.keywords, [&](const auto& k) { return k.name == keyword.name; });
    article.keywords.push_back(keyword);
  }
}

}  // namespace newsdex
