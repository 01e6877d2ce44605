#include "extract/json_article.h"

#include <algorithm>
#include <array>
#include <string>
#include <utility>

#include "newsdex/error.h"

namespace newsdex {
namespace {

// Field names in order of preference: a canonical name wins over an alias when both appear.
struct FieldNames {
  std::string Article::*field;
  std::array<std::string_view, 5> names;
};

constexpr std::array<FieldNames, 8> kFields = {{
    {&Article::id, {"id", "doc_id", "article_id", "guid", ""}},
    {&Article::url, {"url", "link", "canonical_url", "source_url", ""}},
    {&Article::title, {"title", "headline", ""}},
    {&Article::outlet, {"outlet", "source", "publisher", "source_domain", "site_name"}},
    {&Article::date, {"date", "published", "publish_date", "date_publish", "published_at"}},
    {&Article::author, {"author", "authors", "byline", "", ""}},
    {&Article::language, {"language", "lang", "", "", ""}},
    {&Article::body, {"body", "text", "content", "maintext", "article"}},
}};

constexpr std::array<std::string_view, 8> kCanonical = {"id",   "url",    "title",    "outlet",
                                                        "date", "author", "language", "body"};

// Where a JSON key maps: the field and its preference rank (lower wins; a --map name is 0).
std::pair<std::string Article::*, std::size_t> field_for(std::string_view key,
                                                         const JsonFieldMap& field_map) {
  for (const auto& [canonical, name] : field_map) {
    if (name != key) continue;
    for (std::size_t i = 0; i < kCanonical.size(); ++i)
      if (kCanonical[i] == canonical) return {kFields[i].field, 0};
  }
  for (const auto& f : kFields)
    for (std::size_t rank = 0; rank < f.names.size(); ++rank)
      if (!f.names[rank].empty() && f.names[rank] == key) return {f.field, rank + 1};
  return {nullptr, 0};
}

// A keyword field's values: a string, or an array of strings (others are ignored).
std::vector<std::string> keyword_values(simdjson::dom::element value) {
  std::vector<std::string> values;
  std::string_view text;
  if (!value.get(text)) {
    if (!text.empty()) values.emplace_back(text);
    return values;
  }
  simdjson::dom::array items;
  if (value.get(items)) return values;
  for (simdjson::dom::element item : items)
    if (!item.get(text) && !text.empty()) values.emplace_back(text);
  return values;
}

std::string scalar_text(std::string_view key, simdjson::dom::element value) {
  using simdjson::dom::element_type;
  switch (value.type()) {
    case element_type::STRING:
      return std::string(std::string_view(value.get_string().value_unsafe()));
    case element_type::INT64:
      return std::to_string(int64_t(value.get_int64().value_unsafe()));
    case element_type::UINT64:
      return std::to_string(uint64_t(value.get_uint64().value_unsafe()));
    case element_type::NULL_VALUE:
      return {};
    case element_type::ARRAY: {
      // Author lists: joined; any other array in an article field is a type error.
      std::string joined;
      simdjson::dom::array items;
      if (value.get_array().get(items)) return {};
      for (simdjson::dom::element item : items) {
        if (item.type() != element_type::STRING)
          throw InputError("field \"" + std::string(key) + "\": expected strings in the array");
        if (!joined.empty()) joined += ", ";
        joined += std::string_view(item.get_string().value_unsafe());
      }
      return joined;
    }
    default:
      throw InputError("field \"" + std::string(key) + "\": expected a string");
  }
}

}  // namespace

bool is_article_field(std::string_view name) {
  return std::find(kCanonical.begin(), kCanonical.end(), name) != kCanonical.end();
}

Article article_from_json(std::string_view json, simdjson::dom::parser& parser,
                          const JsonFieldMap& field_map) {
  simdjson::dom::element doc;
  if (auto error = parser.parse(json.data(), json.size()).get(doc))
    throw InputError(std::string("invalid JSON: ") + simdjson::error_message(error));
  simdjson::dom::object object;
  if (doc.get_object().get(object)) throw InputError("expected a JSON object");

  Article article;
  std::array<std::size_t, kFields.size()> best_rank;
  best_rank.fill(SIZE_MAX);
  for (auto [key, value] : object) {
    const auto [field, rank] = field_for(key, field_map);
    if (field == nullptr) {
      auto values = keyword_values(value);
      if (values.empty()) continue;
      std::string name(key);
      for (char& c : name)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      article.keywords.push_back({std::move(name), std::move(values)});
      continue;
    }
    std::size_t slot = 0;
    while (kFields[slot].field != field) ++slot;
    if (rank >= best_rank[slot]) continue;
    auto text = scalar_text(key, value);
    if (text.empty()) continue;
    best_rank[slot] = rank;
    article.*field = std::move(text);
  }
  return article;
}

}  // namespace newsdex
