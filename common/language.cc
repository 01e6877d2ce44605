#include "newsdex/language.h"

#include <algorithm>
#include <array>
#include <utility>

namespace newsdex {
namespace {

// ISO 639-1, every code.
constexpr std::string_view kIso639_1 =
    " aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy"
    " da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu"
    " hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb"
    " lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om"
    " or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw"
    " ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu ";

// Names accepted for languages: Xapian's Snowball names and the commonest names of languages
// without a stemmer, with their codes.
constexpr std::array<std::pair<std::string_view, std::string_view>, 34> kNames = {{
    {"arabic", "ar"},    {"armenian", "hy"},   {"basque", "eu"},     {"catalan", "ca"},
    {"danish", "da"},    {"dutch", "nl"},      {"english", "en"},    {"finnish", "fi"},
    {"french", "fr"},    {"german", "de"},     {"hungarian", "hu"},  {"indonesian", "id"},
    {"irish", "ga"},     {"italian", "it"},    {"lithuanian", "lt"}, {"nepali", "ne"},
    {"norwegian", "no"}, {"portuguese", "pt"}, {"romanian", "ro"},   {"russian", "ru"},
    {"spanish", "es"},   {"swedish", "sv"},    {"tamil", "ta"},      {"turkish", "tr"},
    {"chinese", "zh"},   {"japanese", "ja"},   {"korean", "ko"},     {"thai", "th"},
    {"greek", "el"},     {"hebrew", "he"},     {"persian", "fa"},    {"polish", "pl"},
    {"ukrainian", "uk"}, {"vietnamese", "vi"},
}};

// Snowball algorithms that are variants rather than languages: kept under their own names.
constexpr std::array<std::string_view, 6> kAlgorithms = {
    "earlyenglish", "german2", "kraaij_pohlmann", "lovins", "porter", "none"};

// Codes of the languages Xapian 1.4 stems.
constexpr std::string_view kStemmed =
    " ar hy eu ca da nl en fi fr de hu id ga it lt ne nb nn no pt ro ru es sv ta tr ";

}  // namespace

// Codes ISO 639 withdrew that detectors and old pages still use (CLD2 says "iw" for Hebrew).
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kWithdrawn = {
    {{"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"}}};

std::string language_code(std::string_view language) {
  std::string whole;
  for (char c : language) whole.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  // Algorithm names first: "kraaij_pohlmann" has an underscore of its own.
  if (std::find(kAlgorithms.begin(), kAlgorithms.end(), whole) != kAlgorithms.end()) return whole;
  // "fr-FR", "zh_Hant": the language is the first subtag.
  const std::string lower = whole.substr(0, whole.find_first_of("-_"));
  if (lower.empty()) return {};
  for (const auto& [old_code, code] : kWithdrawn)
    if (lower == old_code) return std::string(code);
  for (const auto& [name, code] : kNames)
    if (lower == name) return std::string(code);
  if (lower.size() == 2 && kIso639_1.find(" " + lower + " ") != std::string_view::npos)
    return lower;
  return {};
}

bool has_stemmer(std::string_view code) {
  if (std::find(kAlgorithms.begin(), kAlgorithms.end(), code) != kAlgorithms.end())
    return code != "none";
  return code.size() == 2 && kStemmed.find(" " + std::string(code) + " ") != std::string_view::npos;
}

}  // namespace newsdex
