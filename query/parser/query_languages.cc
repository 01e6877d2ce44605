#include "parser/query_languages.h"

#include <algorithm>

#include "newsdex/language.h"
#include "newsdex/schema.h"

namespace newsdex {

QueryLanguages::QueryLanguages(const Xapian::Database& db, Analyzer& primary,
                               std::vector<Analyzer*> others)
    : db_(db), primary_(primary), others_(std::move(others)) {}

std::vector<std::string> QueryLanguages::terms_by_language(const AnalyzedTerm& t) const {
  std::vector<std::string> terms;
  terms.reserve(others_.size() + 1);
  terms.emplace_back(t.term);
  // Numbers and other non-letter words are not stemmed in any language.
  for (Analyzer* other : others_)
    terms.push_back(t.letters ? other->stem_folded(t.folded) : std::string(t.term));
  return terms;
}

std::vector<LanguageSpelling> QueryLanguages::forms(const AnalyzedTerm& t) const {
  if (others_.empty() || !t.letters) return {{{std::string(t.term)}, {}}};
  std::vector<std::vector<std::string>> by_language;
  for (auto& term : terms_by_language(t)) by_language.push_back({std::move(term)});
  return spellings(by_language);
}

bool QueryLanguages::indexed_in(const std::string& term, const std::string& code) const {
  // Walks the shorter of the two posting lists, skipping through the other; past this many
  // postings each, the term is taken to be there (an English archive's "shar", a French form
  // of "shares", is in 4 articles, none French: checked at once).
  constexpr Xapian::doccount kMaxWalked = 20000;
  const std::string language = std::string(schema::kLanguagePrefix) + code;
  const Xapian::doccount term_frequency = db_.get_termfreq(term);
  const Xapian::doccount language_frequency = db_.get_termfreq(language);
  if (term_frequency == 0 || language_frequency == 0) return false;
  if (std::min(term_frequency, language_frequency) > kMaxWalked) return true;
  const bool walk_term = term_frequency <= language_frequency;
  const std::string& walked = walk_term ? term : language;
  const std::string& skipped = walk_term ? language : term;
  auto other = db_.postlist_begin(skipped);
  for (auto it = db_.postlist_begin(walked); it != db_.postlist_end(walked); ++it) {
    other.skip_to(*it);
    if (other == db_.postlist_end(skipped)) return false;
    if (*other == *it) return true;
  }
  return false;
}

std::vector<LanguageSpelling> QueryLanguages::spellings(
    const std::vector<std::vector<std::string>>& by_language) const {
  std::vector<LanguageSpelling> kept;
  if (by_language.empty()) return kept;
  kept.push_back({by_language[0], {}});
  for (std::size_t l = 1; l < by_language.size() && l <= others_.size(); ++l) {
    const auto& terms = by_language[l];
    if (terms.empty() || terms == kept[0].terms) continue;  // the primary's search every article
    // Kept only where the language's articles have the terms: a form that is indexed, but only
    // in other languages' articles ("shar" in English ones), would match nothing and cost a
    // slower query.
    const std::string& code = others_[l - 1]->language();  // the archive's codes
    if (!std::all_of(terms.begin(), terms.end(),
                     [&](const std::string& term) { return indexed_in(term, code); }))
      continue;
    auto same = std::find_if(kept.begin() + 1, kept.end(),
                             [&](const LanguageSpelling& s) { return s.terms == terms; });
    if (same != kept.end()) {
      same->languages.push_back(code);
      continue;
    }
    kept.push_back({terms, {code}});
  }
  return kept;
}

Xapian::Query QueryLanguages::restrict(Xapian::Query q,
                                       const std::vector<std::string>& languages) const {
  if (languages.empty()) return q;
  std::vector<Xapian::Query> filters;
  for (const auto& code : languages)
    filters.emplace_back(std::string(schema::kLanguagePrefix) + code);
  return Xapian::Query(Xapian::Query::OP_FILTER, q,
                       filters.size() == 1
                           ? filters.front()
                           : Xapian::Query(Xapian::Query::OP_OR, filters.begin(), filters.end()));
}

}  // namespace newsdex
