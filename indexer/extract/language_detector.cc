#include "extract/language_detector.h"

#include <cld2/public/compact_lang_det.h>

#include "newsdex/language.h"

namespace newsdex {
namespace {

// The longest prefix of `text` of at most `max` bytes that ends on a UTF-8 character boundary:
// CLD2 wants valid UTF-8 (the indexer has repaired the rest).
std::string_view utf8_prefix(std::string_view text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

}  // namespace

std::string LanguageDetector::detect(std::string_view title, std::string_view body) {
  std::string text;
  text.reserve(kMaxBytes + 1);
  text.append(utf8_prefix(title, kMaxBytes));
  text.push_back('\n');
  text.append(utf8_prefix(body, kMaxBytes - std::min(kMaxBytes, text.size())));
  CLD2::Language top3[3];
  int percent3[3];
  int text_bytes = 0;
  bool reliable = false;
  const CLD2::Language language = CLD2::ExtDetectLanguageSummary(
      text.data(), static_cast<int>(text.size()), true, top3, percent3, &text_bytes, &reliable);
  if (!reliable || language == CLD2::UNKNOWN_LANGUAGE || top3[0] != language ||
      percent3[0] < kMinPercent || text_bytes < kMinTextBytes)
    return {};
  // "zh-Hant" is Chinese; codes CLD2 has beyond ISO 639-1 ("xx-Qaai", "haw") are no answer.
  return language_code(CLD2::LanguageCode(language));
}

std::string LanguageDetector::unstated_language(std::string_view title, std::string_view body,
                                                bool detect, std::string_view default_language) {
  std::string language = detect ? LanguageDetector::detect(title, body) : std::string();
  return language.empty() ? language_code(default_language) : language;
}

}  // namespace newsdex
