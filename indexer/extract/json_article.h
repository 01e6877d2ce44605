#pragma once

#include <map>
#include <string_view>

#include <simdjson.h>

#include "newsdex/article.h"

namespace newsdex {

// Canonical article field -> the JSON key to read it from, overriding the built-in names.
using JsonFieldMap = std::map<std::string, std::string, std::less<>>;

// Parses one JSON object into an Article. Canonical fields are id, url, title, outlet, date,
// author, language and body; the aliases real dumps use map onto them (text/content/maintext ->
// body, headline -> title, source/publisher/source_domain -> outlet, published/publish_date/
// date_publish -> date), and `field_map` names more. Numbers are accepted for id. Every other
// string or array-of-strings field becomes a keyword field (name lower-cased). Throws
// InputError with the reason when the line is not a JSON object or a field has the wrong type.
Article article_from_json(std::string_view json, simdjson::dom::parser& parser,
                          const JsonFieldMap& field_map = {});

// Names that may be mapped with --map.
bool is_article_field(std::string_view name);

}  // namespace newsdex
