#pragma once

#include <string_view>

namespace newsdex {

// Stop words of a Snowball language name, as analyze() emits them (folded; English ones
// unchanged by stemming). Currently English: Lucene's EnglishAnalyzer set, the list most users of
// search engines meet. Other languages have none yet, so nothing is dropped for them.
bool is_stopword(std::string_view language, std::string_view term);

}  // namespace newsdex
