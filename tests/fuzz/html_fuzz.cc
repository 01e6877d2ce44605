// libFuzzer target: web pages (indexer/extract/html_extractor: libxml2's HTML parser, meta
// tags, JSON-LD, <time>, the main text), as newsdex-index reads an .html file repaired to
// UTF-8. It must give an article of valid UTF-8, or refuse with InputError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "extract/html_extractor.h"
#include "fuzz_checks.h"
#include "newsdex/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string html(reinterpret_cast<const char*>(data), size);
  newsdex::repair_utf8(html);
  try {
    newsdex::fuzz::check_article(newsdex::extract_html(html));
  } catch (const newsdex::InputError&) {
  }
  return 0;
}
