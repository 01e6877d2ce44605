#pragma once

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

#include "newsdex/article.h"
#include "newsdex/utf8.h"

namespace newsdex::fuzz {

// A broken promise of a parser: reported and aborted, so that libFuzzer keeps the input.
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz check failed: %s\n", what);
  std::abort();
}

inline void check(bool ok, const char* what) {
  if (!ok) fail(what);
}

// What every extractor promises of the article it returns from text repaired to UTF-8: valid
// UTF-8 in every field (snippets, JSON output and the index rely on it).
inline void check_article(const Article& a) {
  const std::pair<const char*, const std::string*> fields[] = {
      {"id", &a.id},     {"url", &a.url},       {"title", &a.title},       {"outlet", &a.outlet},
      {"date", &a.date}, {"author", &a.author}, {"language", &a.language}, {"body", &a.body}};
  for (const auto& [name, value] : fields)
    if (!is_valid_utf8(*value)) {
      std::fprintf(stderr, "field %s: %zu bytes\n", name, value->size());
      fail("an article field is not valid UTF-8");
    }
  for (const auto& keyword : a.keywords) {
    check(is_valid_utf8(keyword.name), "a keyword field name is not valid UTF-8");
    for (const auto& value : keyword.values)
      check(is_valid_utf8(value), "a keyword value is not valid UTF-8");
  }
}

}  // namespace newsdex::fuzz
