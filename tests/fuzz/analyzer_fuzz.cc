// libFuzzer target: the analyzer (common/analyzer: ICU segmentation, folding, stemming) on any
// text repaired to UTF-8, in a few languages. Every term is non-empty, valid UTF-8 and within
// the term length newsdex allows (schema::kMaxTermBytes, under Xapian's 245), positions never
// go back, and each term's source span lies inside the text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_checks.h"
#include "newsdex/analyzer.h"
#include "newsdex/schema.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static newsdex::Analyzer analyzers[] = {newsdex::Analyzer("english"), newsdex::Analyzer("fr"),
                                          newsdex::Analyzer("ru"), newsdex::Analyzer("zh"),
                                          newsdex::Analyzer("none")};
  std::string text(reinterpret_cast<const char*>(data), size);
  newsdex::repair_utf8(text);
  using newsdex::fuzz::check;
  for (auto& analyzer : analyzers) {
    std::uint32_t last_position = 0;
    analyzer.analyze(text, 1, [&](const newsdex::AnalyzedTerm& t) {
      check(!t.term.empty(), "an empty term");
      check(newsdex::is_valid_utf8(t.term), "a term is not valid UTF-8");
      check(t.term.size() <= newsdex::schema::kMaxTermBytes, "a term is over the term limit");
      check(t.position >= last_position, "positions go back");
      check(t.begin <= t.end && t.end <= text.size(), "a term's span is outside the text");
      last_position = t.position;
    });
  }
  return 0;
}
