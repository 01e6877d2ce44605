// libFuzzer target: one JSON Lines record (indexer/extract/json_article: simdjson, field
// aliases, --map, keyword fields), as given and repaired to UTF-8, with and without a field
// map. It must give an article of valid UTF-8, or refuse with InputError.
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "extract/json_article.h"
#include "fuzz_checks.h"
#include "newsdex/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static simdjson::dom::parser parser;
  static const newsdex::JsonFieldMap kMap = {{"body", "story"}, {"title", "headline"}};
  std::string line(reinterpret_cast<const char*>(data), size);
  for (int pass = 0; pass < 2; ++pass) {
    if (pass == 1) newsdex::repair_utf8(line);
    for (const auto* map : {static_cast<const newsdex::JsonFieldMap*>(nullptr), &kMap}) {
      try {
        newsdex::fuzz::check_article(map ? newsdex::article_from_json(line, parser, *map)
                                         : newsdex::article_from_json(line, parser));
      } catch (const newsdex::InputError&) {
      }
    }
  }
  return 0;
}
