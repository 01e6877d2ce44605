#pragma once

#include <functional>
#include <string_view>

#include <simdjson.h>

#include "newsdex/article.h"

namespace newsdex {

// Called for string fields that are not article fields (such as a sidecar's "file").
using ExtraJsonField = std::function<void(std::string_view key, std::string_view value)>;

// Parses one JSON object into an Article. Canonical fields are id, url, title, outlet, date,
// author, language and body; the aliases real dumps use map onto them (text/content/maintext ->
// body, headline -> title, source/publisher/source_domain -> outlet, published/publish_date/
// date_publish -> date). Numbers are accepted for id. Throws InputError with the reason when the
// line is not a JSON object or a field has the wrong type.
Article article_from_json(std::string_view json, simdjson::dom::parser& parser,
                          const ExtraJsonField& extra = {});

}  // namespace newsdex
