#pragma once

#include <string>
#include <string_view>

namespace newsdex {

// The code a language is stored, filtered and shown as: its ISO 639-1 code where it has one
// ("en", "fr", "zh"), else the name of the Snowball algorithm ("porter", "german2"), or "none".
// Accepts Snowball names ("french"), ISO 639-1 codes, English names of languages without a
// stemmer ("chinese") and tags with a region or script ("fr-FR", "zh_Hant", "EN"). Empty when
// `language` names no language.
std::string language_code(std::string_view language);

// Whether a language code (as language_code returns it) has a Snowball stemmer.
bool has_stemmer(std::string_view code);

}  // namespace newsdex
