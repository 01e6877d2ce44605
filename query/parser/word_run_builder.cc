#include "parser/word_run_builder.h"

#include <algorithm>

#include "newsdex/schema.h"

namespace newsdex {
namespace {

// Splitting a word into two indexed words is tried for words this long, with parts at least
// this long: shorter splits are mostly accidents ("tirana" is not "tir" "ana").
constexpr std::size_t kMinSplitWord = 7;
constexpr std::size_t kMinSplitPart = 3;
// A word this many times more frequent than the rarer part of its best split is taken to be
// that word only ("deficit" in 1,000 Reuters articles, "defi" in 2).
constexpr Xapian::doccount kMaxSplitFrequencyRatio = 10;

bool ascii_letters(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

Xapian::Query spelling_query(const std::vector<std::string>& terms, std::string_view prefix) {
  std::vector<Xapian::Query> parts;
  for (const auto& t : terms) parts.emplace_back(std::string(prefix) + t);
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                       static_cast<Xapian::termcount>(parts.size()));
}

}  // namespace

Xapian::doccount rare_word_frequency(const Xapian::Database& db) {
  return std::max<Xapian::doccount>(3, db.get_doccount() / 1000);
}

bool WordRunBuilder::is_stopword(const std::string& word) {
  const std::string term = analyzer_.term_for_word(word);
  return !term.empty() && analyzer_.is_stopword(term);
}

Xapian::Query WordRunBuilder::concept_query(const std::vector<Spelling>& spellings,
                                            const std::vector<LanguageSpelling>& others) const {
  if (!others.empty()) {
    // Xapian's synonym over the restricted spellings (our sources take plain terms only).
    std::vector<Xapian::Query> body, title;
    for (const auto& s : spellings) {
      body.push_back(spelling_query(s, ""));
      title.push_back(spelling_query(s, schema::kTitlePrefix));
    }
    for (const auto& o : others) {
      body.push_back(languages_.restrict(spelling_query(o.terms, ""), o.languages));
      title.push_back(
          languages_.restrict(spelling_query(o.terms, schema::kTitlePrefix), o.languages));
    }
    const Xapian::Query b(Xapian::Query::OP_SYNONYM, body.begin(), body.end());
    if (title_weight_ <= 0) return b;
    return Xapian::Query(
        Xapian::Query::OP_OR, b,
        Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                      Xapian::Query(Xapian::Query::OP_SYNONYM, title.begin(), title.end()),
                      title_weight_));
  }
  if (spellings.size() == 1) {
    const Spelling& s = spellings.front();
    std::vector<std::string> title_terms;
    for (const auto& t : s) title_terms.push_back(std::string(schema::kTitlePrefix) + t);
    const auto window = static_cast<Xapian::termcount>(s.size());
    const Xapian::Query b = s.size() == 1 ? ranked_.term(s[0])
                                          : ranked_.positional(Xapian::Query::OP_PHRASE, s, window);
    if (title_weight_ <= 0) return b;
    const Xapian::Query t = s.size() == 1 ? ranked_.term(title_terms[0], title_weight_)
                                          : ranked_.positional(Xapian::Query::OP_PHRASE,
                                                               title_terms, window, title_weight_);
    return Xapian::Query(Xapian::Query::OP_OR, b, t);
  }
  // Two single terms: a synonym RankedTermQueries can score itself.
  if (spellings.size() == 2 && spellings[0].size() == 1 && spellings[1].size() == 1) {
    const std::string& a = spellings[0][0];
    const std::string& b = spellings[1][0];
    const Xapian::Query body = ranked_.synonym(a, b);
    if (title_weight_ <= 0) return body;
    const std::string prefix(schema::kTitlePrefix);
    return Xapian::Query(Xapian::Query::OP_OR, body,
                         ranked_.synonym(prefix + a, prefix + b, title_weight_));
  }
  std::vector<Xapian::Query> body, title;
  for (const auto& s : spellings) {
    body.push_back(spelling_query(s, ""));
    title.push_back(spelling_query(s, schema::kTitlePrefix));
  }
  auto combine = [](std::vector<Xapian::Query>& parts) {
    return parts.size() == 1 ? parts.front()
                             : Xapian::Query(Xapian::Query::OP_SYNONYM, parts.begin(), parts.end());
  };
  const Xapian::Query b = combine(body);
  if (title_weight_ <= 0) return b;
  return Xapian::Query(
      Xapian::Query::OP_OR, b,
      Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, combine(title), title_weight_));
}

std::optional<WordRunBuilder::Spelling> WordRunBuilder::split_into_indexed_words(
    const std::string& folded) {
  if (folded.size() < kMinSplitWord || !ascii_letters(folded)) return std::nullopt;
  const Xapian::doccount word_frequency = db_.get_termfreq(analyzer_.stem_folded(folded));
  std::optional<Spelling> best;
  Xapian::doccount best_frequency = 0;
  for (std::size_t k = kMinSplitPart; k + kMinSplitPart <= folded.size(); ++k) {
    const std::string left = analyzer_.stem_folded(folded.substr(0, k));
    const Xapian::doccount lf = db_.get_termfreq(left);
    if (lf == 0) continue;
    const std::string right = analyzer_.stem_folded(folded.substr(k));
    const Xapian::doccount rf = db_.get_termfreq(right);
    if (rf == 0 || std::min(lf, rf) <= best_frequency) continue;
    best_frequency = std::min(lf, rf);
    best = Spelling{left, right};
  }
  if (best && word_frequency > kMaxSplitFrequencyRatio * best_frequency) return std::nullopt;
  return best;
}

std::vector<Xapian::Query> WordRunBuilder::build(const std::vector<std::string>& words,
                                                 bool keep_stopwords,
                                                 std::set<std::string, std::less<>>& highlight,
                                                 std::vector<std::string>& unknown,
                                                 std::set<std::string, std::less<>>& suggestible,
                                                 std::vector<std::vector<WordForm>>& positional) {
  struct Word {
    std::string text;
    std::string folded;               // single words only
    std::vector<Spelling> spellings;  // the first is the word as written
    std::vector<LanguageSpelling> other_languages;
    std::string joined_with_next;  // the compound of this word and the next, when indexed
  };
  std::vector<Word> kept;
  for (const auto& text : words) {
    Spelling parts;
    std::string joined;
    std::vector<LanguageSpelling> other_forms;  // a single word's forms in other languages
    analyzer_.analyze(text, 1, [&](const AnalyzedTerm& t) {
      if (t.joined) {
        joined.assign(t.term);
        return;
      }
      if (parts.empty() && !languages_.single()) {
        auto forms = languages_.forms(t);
        other_forms.assign(std::make_move_iterator(forms.begin() + 1),
                           std::make_move_iterator(forms.end()));
      }
      parts.emplace_back(t.term);
    });
    if (parts.empty()) continue;
    // The primary language's stop words only: another language's list would drop words of this
    // one (English "or" is French "gold").
    if (parts.size() == 1 && analyzer_.is_stopword(parts[0]) && !keep_stopwords) continue;
    Word w{text, parts.size() == 1 ? analyzer_.fold_word(text) : std::string(), {parts}, {}, {}};
    if (!joined.empty()) w.spellings.push_back({joined});
    if (parts.size() == 1) w.other_languages = std::move(other_forms);
    kept.push_back(std::move(w));
  }

  // Adjacent single words whose joined form is indexed: "cyber attack" is also "cyberattack".
  std::vector<bool> paired(kept.size(), false);
  for (std::size_t i = 0; i + 1 < kept.size(); ++i) {
    if (kept[i].folded.empty() || kept[i + 1].folded.empty()) continue;
    const std::string joined = analyzer_.stem_folded(kept[i].folded + kept[i + 1].folded);
    if (db_.get_termfreq(joined) == 0) continue;
    kept[i].spellings.push_back({joined});
    kept[i].joined_with_next = joined;
    kept[i + 1].spellings.push_back({joined});
    paired[i] = paired[i + 1] = true;
  }
  // A single word that is two indexed words: "cyberattack" is also "cyber attack".
  for (std::size_t i = 0; i < kept.size(); ++i) {
    if (paired[i] || kept[i].folded.empty()) continue;
    if (auto split = split_into_indexed_words(kept[i].folded)) kept[i].spellings.push_back(*split);
  }

  std::vector<Xapian::Query> queries;
  const Xapian::doccount rare = rare_word_frequency(db_);
  for (const auto& w : kept) {
    bool known = false;
    bool common = false;
    for (const auto& s : w.spellings) {
      highlight.insert(s.begin(), s.end());
      const Xapian::doccount frequency = s.size() > 1 ? rare : db_.get_termfreq(s[0]);
      known |= frequency > 0;
      common |= frequency >= rare;
    }
    for (const auto& o : w.other_languages) {  // kept only when indexed
      highlight.insert(o.terms.begin(), o.terms.end());
      known = true;
      common |= db_.get_termfreq(o.terms[0]) >= rare;
    }
    if (!known) unknown.push_back(w.text);
    // Every way the word is matched: "cyberattack" also as "cyber attack" in a row, so that an
    // article that writes it apart earns what one that writes it joined does.
    std::vector<WordForm> forms;
    for (const auto& s : w.spellings)
      forms.push_back({s, s.size() == 1 && s[0] == w.joined_with_next ? 1u : 0u});
    for (const auto& o : w.other_languages) forms.push_back({{o.terms[0]}});
    if (known) positional.push_back(std::move(forms));
    if (!common && Analyzer::is_cased_word(w.folded)) suggestible.insert(w.folded);
    queries.push_back(concept_query(w.spellings, w.other_languages));
  }
  return queries;
}

}  // namespace newsdex
