// libFuzzer target: scraped page text (indexer/extract/page_text_extractor), as newsdex-index
// reads a .txt file: repaired to UTF-8, then extracted under each numeric date order. It must
// give an article of valid UTF-8 with an ISO date (or none), or refuse with InputError.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "extract/page_text_extractor.h"
#include "fuzz_checks.h"
#include "newsdex/date_parser.h"
#include "newsdex/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  newsdex::repair_utf8(text);
  for (const auto order : {newsdex::NumericDateOrder::kNone, newsdex::NumericDateOrder::kDayMonth,
                           newsdex::NumericDateOrder::kMonthDay}) {
    try {
      const newsdex::Article article = newsdex::extract_page_text(text, order);
      newsdex::fuzz::check_article(article);
      if (!article.date.empty() && !newsdex::parse_date(article.date)) {
        std::fprintf(stderr, "date: '%s'\n", article.date.c_str());
        newsdex::fuzz::fail("the date is not ISO 8601 as parse_date reads it back");
      }
    } catch (const newsdex::InputError&) {
    }
  }
  return 0;
}
