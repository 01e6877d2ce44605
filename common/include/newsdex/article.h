#pragma once

#include <string>
#include <utility>
#include <vector>

namespace newsdex {

// A field beyond the fixed ones, such as Reuters' `topics` or `places`: stored, filterable as
// `name:value` and countable as a facet.
struct KeywordField {
  std::string name;  // lower case
  std::vector<std::string> values;
};

// One news article as the indexer understands it, whatever format it came from.
// Strings are UTF-8; `date` is ISO 8601 (`2022-09-08` or `2022-09-08T16:18:00Z`) or empty
// when unknown.
struct Article {
  std::string id;
  std::string url;
  std::string title;
  std::string outlet;
  std::string date;
  std::string author;
  std::string language;
  std::string body;
  std::vector<KeywordField> keywords;
  // The page stated no title: `title` is the first sentence of the text, made up by the
  // indexer (shown as such in results).
  bool title_from_text = false;
  // Where the article came from (`file` or `file:line`), for reports; not indexed.
  std::string origin;
};

}  // namespace newsdex
