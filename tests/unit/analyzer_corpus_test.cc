// Properties of the analyzer over every article of the bundled Reuters corpus: no empty terms,
// positions increase word by word, the NFKC form of a text gives the same terms, and byte
// offsets always point inside the text. Slow: Release builds only.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "newsdex/analyzer.h"

namespace newsdex {
namespace {

std::vector<std::string> reuters_texts() {
  std::vector<std::string> texts;
  gzFile file = gzopen(
      (std::string(NEWSDEX_SOURCE_DIR) + "/corpora/reuters21578/reuters21578.jsonl.gz").c_str(),
      "rb");
  if (!file) return texts;
  std::string data;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0) data.append(buffer, n);
  gzclose(file);
  simdjson::dom::parser parser;
  for (std::size_t start = 0; start < data.size();) {
    auto end = data.find('\n', start);
    if (end == std::string::npos) end = data.size();
    simdjson::dom::object obj;
    if (!parser.parse(data.substr(start, end - start)).get(obj)) {
      std::string_view title, body;
      if (obj["title"].get(title)) title = {};
      if (obj["body"].get(body)) body = {};
      texts.push_back(std::string(title) + "\n" + std::string(body));
    }
    start = end + 1;
  }
  return texts;
}

std::string nfkc(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  const auto* normalizer = icu::Normalizer2::getNFKCInstance(status);
  icu::UnicodeString out;
  normalizer->normalize(icu::UnicodeString::fromUTF8(text), out, status);
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

TEST(AnalyzerOnReuters, PropertiesHoldForEveryArticle) {
  const auto texts = reuters_texts();
  ASSERT_EQ(texts.size(), 21578u);
  Analyzer analyzer("english");
  std::size_t terms = 0;
  for (const auto& text : texts) {
    std::vector<std::string> got;
    std::uint32_t last = 0;
    bool ok = true;
    analyzer.analyze(text, 1, [&](const AnalyzedTerm& t) {
      ok &= !t.term.empty() && t.begin < t.end && t.end <= text.size();
      ok &= t.joined ? t.position == last : t.position > last;
      last = t.position;
      got.emplace_back(t.term);
    });
    ASSERT_TRUE(ok) << text.substr(0, 200);
    std::vector<std::string> normalized;
    analyzer.analyze(nfkc(text), 1,
                     [&](const AnalyzedTerm& t) { normalized.emplace_back(t.term); });
    ASSERT_EQ(got, normalized) << text.substr(0, 200);
    terms += got.size();
  }
  EXPECT_GT(terms, 2'500'000u);
}

}  // namespace
}  // namespace newsdex
