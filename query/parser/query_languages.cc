#include "parser/query_languages.h"

#include <algorithm>

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

std::vector<std::string> QueryLanguages::forms(const AnalyzedTerm& t) const {
  std::vector<std::string> forms = {std::string(t.term)};
  if (others_.empty() || !t.letters) return forms;
  for (auto& term : terms_by_language(t)) {
    if (std::find(forms.begin(), forms.end(), term) != forms.end()) continue;
    if (db_.get_termfreq(term) == 0) continue;
    forms.push_back(std::move(term));
  }
  return forms;
}

bool QueryLanguages::is_stopword(const std::vector<std::string>& terms_by_language) const {
  if (terms_by_language.empty()) return false;
  if (primary_.is_stopword(terms_by_language[0])) return true;
  for (std::size_t i = 0; i < others_.size() && i + 1 < terms_by_language.size(); ++i)
    if (others_[i]->is_stopword(terms_by_language[i + 1])) return true;
  return false;
}

}  // namespace newsdex
