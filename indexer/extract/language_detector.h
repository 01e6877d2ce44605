#pragma once

#include <string>
#include <string_view>

namespace newsdex {

// The language of an article that does not state one, by Google's Compact Language Detector 2
// (Debian's libcld2; chosen over libexttextcat by measured accuracy, docs/ingestion.md). It
// answers only when CLD2 calls its answer reliable and gives the top language at least
// kMinPercent of the text, and only for texts of kMinTextBytes or more (CLD2's count of the
// letters it scored): a wrong language stems every word wrongly, a fallback to the default
// language only the non-default ones. On Reuters, 3 of 21,578 English articles came out as
// Portuguese or Bosnian without that minimum, all headlines alone ("RIO DE JANEIRO - IBC
// ESTIMATES 1987-88 COFFEE CROP AT 35.2 MLN BAGS").
//
// Stateless and thread-safe: CLD2 keeps no state between calls.
class LanguageDetector {
 public:
  // The share of the text (in percent) the top language needs.
  static constexpr int kMinPercent = 80;
  static constexpr int kMinTextBytes = 100;
  // Bytes of the text looked at: CLD2's answer is settled long before, and the cost bounded.
  static constexpr std::size_t kMaxBytes = 512;

  // The ISO 639-1 code ("fr", "zh"), or empty when not confident.
  static std::string detect(std::string_view title, std::string_view body);

  // The language of an article that states none: detected (when `detect`), else the default,
  // as its code.
  static std::string unstated_language(std::string_view title, std::string_view body, bool detect,
                                       std::string_view default_language);
};

}  // namespace newsdex
