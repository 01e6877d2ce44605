#include "parser/query_builder.h"

#include <algorithm>

#include "newsdex/error.h"
#include "newsdex/language.h"
#include "newsdex/schema.h"
#include "newsdex/story_table.h"
#include "parser/date_filter.h"

namespace newsdex {
namespace {

// A wildcard expands to at most this many terms (the most frequent ones), so `a*` on a large
// index stays fast.
constexpr Xapian::termcount kWildcardExpansion = 1000;
constexpr std::size_t kMinWildcardPrefix = 2;

Xapian::Query combine(Xapian::Query::op op, const std::vector<Xapian::Query>& parts) {
  if (parts.empty()) return Xapian::Query();
  if (parts.size() == 1) return parts.front();
  return Xapian::Query(op, parts.begin(), parts.end());
}

// Every document. Not match_all(): that is one static object whose reference count
// is not atomic, and Searchers on several threads copying it corrupted it (a crash in
// Enquire::set_query under the concurrency test).
Xapian::Query match_all() {
  return Xapian::Query(std::string());
}

Xapian::Query as_filter(const Xapian::Query& q) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, q, 0.0);
}

std::string join_known(const std::set<std::string, std::less<>>& keyword_fields) {
  std::string list = "title, outlet, author, language, id, url, date, story";
  for (const auto& f : keyword_fields) list += ", " + f;
  return list;
}

}  // namespace

QueryBuilder::QueryBuilder(const Xapian::Database& db, QueryLanguages languages, Analyzer& folder,
                           std::set<std::string, std::less<>> keyword_fields,
                           QueryBuildOptions options, const RankedTermQueries& ranked)
    : db_(db),
      languages_(std::move(languages)),
      folder_(folder),
      keyword_fields_(std::move(keyword_fields)),
      options_(options),
      ranked_(ranked),
      words_(db, languages_, options.title_weight, ranked),
      rare_frequency_(rare_word_frequency(db)) {}

void QueryBuilder::note_suggestible(const std::string& folded,
                                    const std::vector<std::string>& forms) {
  if (!Analyzer::is_cased_word(folded)) return;
  for (const auto& form : forms)
    if (db_.get_termfreq(form) >= rare_frequency_) return;
  result_.suggestible.insert(folded);
}

std::vector<std::string> QueryBuilder::folded_words(std::string_view text) {
  std::vector<std::string> words;
  languages_.primary().analyze(text, 1, [&](const AnalyzedTerm& t) {
    if (!t.joined) words.emplace_back(t.letters ? t.folded : std::string_view());
  });
  return words;
}

BuiltQuery QueryBuilder::build(const QueryNode& root) {
  result_ = BuiltQuery{};
  Part part = node(root, true);
  if (part.empty) throw QuerySyntaxError("the query has no searchable word", root.position);
  for (const auto& phrase : result_.phrases)
    for (const auto& term : phrase)
      if (!result_.ranked_terms.count(term)) result_.phrase_only_terms.insert(term);
  for (const auto& phrase : result_.phrases)
    result_.ranked_terms.insert(phrase.begin(), phrase.end());
  // A query of filters alone matches every article that passes them, with weight 0.
  result_.query =
      part.filter ? Xapian::Query(Xapian::Query::OP_FILTER, match_all(), part.query) : part.query;
  return std::move(result_);
}

std::vector<std::string> QueryBuilder::analyze(std::string_view text, std::string* whole_compound,
                                               std::vector<std::vector<std::string>>* by_language) {
  std::vector<std::string> terms;
  std::uint32_t first_begin = 0, last_end = 0;
  std::size_t compounds = 0;
  std::string compound;
  if (by_language) by_language->clear();
  languages_.primary().analyze(text, 1, [&](const AnalyzedTerm& t) {
    // A joined compound shares its last part's position: in a phrase it would stand where
    // that part must, and "cyber-attack" in quotes could never match.
    if (t.joined) {
      ++compounds;
      if (t.begin == first_begin && t.end == last_end) compound.assign(t.term);
      return;
    }
    if (terms.empty()) first_begin = t.begin;
    last_end = t.end;
    terms.emplace_back(t.term);
    if (by_language) {
      auto each = languages_.terms_by_language(t);
      by_language->resize(each.size());
      for (std::size_t l = 0; l < each.size(); ++l) (*by_language)[l].push_back(std::move(each[l]));
    }
  });
  if (whole_compound && compounds == 1) *whole_compound = std::move(compound);
  return terms;
}

std::vector<LanguageSpelling> QueryBuilder::spellings(std::string_view text,
                                                      std::string* whole_compound) {
  if (languages_.single()) return {{analyze(text, whole_compound), {}}};
  std::vector<std::vector<std::string>> by_language;
  auto primary = analyze(text, whole_compound, &by_language);
  if (by_language.empty()) return {{std::move(primary), {}}};
  return languages_.spellings(by_language);
}

Xapian::Query QueryBuilder::restricted_forms(const std::vector<LanguageSpelling>& forms) const {
  if (forms.size() == 1) return ranked_.term(forms[0].terms[0]);
  std::vector<Xapian::Query> each;
  for (const auto& f : forms)
    each.push_back(languages_.restrict(Xapian::Query(f.terms[0]), f.languages));
  return Xapian::Query(Xapian::Query::OP_SYNONYM, each.begin(), each.end());
}

Xapian::Query QueryBuilder::positional_any(Xapian::Query::op op,
                                           const std::vector<LanguageSpelling>& spellings,
                                           Xapian::termcount window) const {
  if (spellings.size() == 1) return ranked_.positional(op, spellings[0].terms, window);
  std::vector<Xapian::Query> positions;
  for (const auto& s : spellings)
    positions.push_back(languages_.restrict(
        Xapian::Query(op, s.terms.begin(), s.terms.end(), window), s.languages));
  // Ranked as the words' concepts (each word's forms as one), matched where one language's
  // sequence is.
  std::vector<Xapian::Query> concepts;
  for (std::size_t i = 0; i < spellings[0].terms.size(); ++i) {
    std::vector<std::string> forms;
    for (const auto& s : spellings)
      if (std::find(forms.begin(), forms.end(), s.terms[i]) == forms.end())
        forms.push_back(s.terms[i]);
    concepts.push_back(ranked_.word_forms(forms));
  }
  return Xapian::Query(Xapian::Query::OP_FILTER, combine(Xapian::Query::OP_AND, concepts),
                       combine(Xapian::Query::OP_OR, positions));
}

Xapian::Query QueryBuilder::ranked_term(const std::string& term) const {
  Xapian::Query body = ranked_.term(term);
  if (options_.title_weight <= 0) return body;
  std::string title_term(schema::kTitlePrefix);
  title_term += term;
  return Xapian::Query(Xapian::Query::OP_OR, body, ranked_.term(title_term, options_.title_weight));
}

QueryBuilder::Part QueryBuilder::node(const QueryNode& n, bool positive) {
  using K = QueryNode::Kind;
  switch (n.kind) {
    case K::kWord:
      return word(n, positive);
    case K::kPhrase:
      return phrase(n, "", positive);
    case K::kWildcard:
      return wildcard(n, "", positive);
    case K::kField:
      return field(n, positive);
    case K::kDate:
      return date(n, positive);
    case K::kNear:
      return near(n, positive);
    case K::kSequence:
      return sequence(n, positive);
    case K::kAnd:
    case K::kOr:
    case K::kAndNot: {
      Part left = node(n.children[0], positive);
      Part right = node(n.children[1], n.kind == K::kAndNot ? !positive : positive);
      if (left.empty) return n.kind == K::kAndNot ? Part{{}, false, true} : right;
      if (right.empty) return left;
      if (n.kind == K::kAndNot)
        return {Xapian::Query(Xapian::Query::OP_AND_NOT, left.query, right.query), left.filter};
      if (n.kind == K::kOr) {
        // Mixing a filter into an OR makes it a match alternative with no weight.
        return {
            Xapian::Query(Xapian::Query::OP_OR, left.filter ? as_filter(left.query) : left.query,
                          right.filter ? as_filter(right.query) : right.query),
            left.filter && right.filter};
      }
      if (left.filter != right.filter) {
        const Part& ranked = left.filter ? right : left;
        const Part& filter = left.filter ? left : right;
        return {Xapian::Query(Xapian::Query::OP_FILTER, ranked.query, filter.query), false};
      }
      return {Xapian::Query(Xapian::Query::OP_AND, left.query, right.query), left.filter};
    }
  }
  return {{}, false, true};
}

QueryBuilder::Part QueryBuilder::sequence(const QueryNode& n, bool positive) {
  std::vector<Xapian::Query> required, optional, filters, excluded;
  auto is_plain_word = [&](const QueryNode& c) {
    return positive && c.kind == QueryNode::Kind::kWord && c.modifier == QueryNode::Modifier::kNone;
  };
  // Stop words rank only in a query of nothing else ("the who").
  bool only_stopwords = true;
  for (const auto& child : n.children) {
    if (child.modifier == QueryNode::Modifier::kExcluded) continue;
    if (child.kind == QueryNode::Kind::kField || child.kind == QueryNode::Kind::kDate) continue;
    if (!is_plain_word(child) || !words_.is_stopword(child.text)) only_stopwords = false;
  }
  std::vector<std::string> run;
  auto flush_run = [&]() {
    if (run.empty()) return;
    for (auto& q : words_.build(run, only_stopwords, result_.ranked_terms, result_.unknown_words,
                                result_.suggestible, result_.positional_words))
      optional.push_back(std::move(q));
    run.clear();
  };
  for (const auto& child : n.children) {
    if (is_plain_word(child)) {
      run.push_back(child.text);
      continue;
    }
    flush_run();
    const bool excluded_child = child.modifier == QueryNode::Modifier::kExcluded;
    Part part = node(child, excluded_child ? !positive : positive);
    if (part.empty) continue;
    if (excluded_child) {
      excluded.push_back(part.query);
    } else if (part.filter) {
      filters.push_back(part.query);
    } else if (child.modifier == QueryNode::Modifier::kRequired) {
      required.push_back(part.query);
    } else {
      optional.push_back(part.query);
    }
  }
  flush_run();
  if (required.empty() && optional.empty() && filters.empty()) {
    if (excluded.empty()) return {{}, false, true};
    // Only exclusions ("NOT strike"): every article but those, unranked.
    return {Xapian::Query(Xapian::Query::OP_AND_NOT, match_all(),
                          combine(Xapian::Query::OP_OR, excluded)),
            true};
  }

  const auto default_op = options_.match_all ? Xapian::Query::OP_AND : Xapian::Query::OP_OR;
  Xapian::Query ranked = combine(Xapian::Query::OP_AND, required);
  if (!optional.empty()) {
    const Xapian::Query rest = combine(default_op, optional);
    ranked = required.empty() ? rest : Xapian::Query(Xapian::Query::OP_AND_MAYBE, ranked, rest);
  }
  const Xapian::Query filter = combine(Xapian::Query::OP_AND, filters);
  Part out;
  if (ranked.empty()) {
    out = {filter, true};
  } else if (!filter.empty()) {
    out = {Xapian::Query(Xapian::Query::OP_FILTER, ranked, filter), false};
  } else {
    out = {ranked, false};
  }
  if (!excluded.empty())
    out.query = Xapian::Query(Xapian::Query::OP_AND_NOT, out.query,
                              combine(Xapian::Query::OP_OR, excluded));
  return out;
}

QueryBuilder::Part QueryBuilder::word(const QueryNode& n, bool positive) {
  const auto all = spellings(n.text);
  const auto& terms = all[0].terms;
  if (terms.empty()) return {{}, false, true};
  if (terms.size() > 1) {  // "U.K.-based", "cyber-attack": its parts as a phrase
    QueryNode as_phrase = n;
    as_phrase.kind = QueryNode::Kind::kPhrase;
    return phrase(as_phrase, "", positive);
  }
  if (positive) {
    std::vector<std::string> forms;
    for (const auto& s : all) forms.push_back(s.terms[0]);
    result_.ranked_terms.insert(forms.begin(), forms.end());
    note_suggestible(languages_.primary().fold_word(n.text), forms);
    // Other languages' forms are kept only when indexed: the word is known if one is.
    if (all.size() == 1 && db_.get_termfreq(terms[0]) == 0) result_.unknown_words.push_back(n.text);
    // A word under an operator (+cocoa, cocoa AND exports) is as much the query's as a plain
    // one: the lead and proximity bonuses look for it too.
    std::vector<WordForm> indexed;
    for (const auto& form : forms)
      if (db_.get_termfreq(form) > 0) indexed.push_back({{form}});
    if (!indexed.empty()) result_.positional_words.push_back(std::move(indexed));
  }
  if (all.size() == 1) return {ranked_term(terms[0]), false};
  return {words_.concept_query({terms}, {all.begin() + 1, all.end()}), false};
}

QueryBuilder::Part QueryBuilder::phrase(const QueryNode& n, std::string_view prefix,
                                        bool positive) {
  // A phrase that is one hyphenated compound ("cyber-attack") also matches it written as one
  // word ("cyberattack"), as the same words unquoted do.
  std::string compound;
  const auto all = spellings(n.text, &compound);
  const auto& terms = all[0].terms;
  if (terms.empty()) return {{}, false, true};
  if (positive && prefix.empty()) {
    const auto folded = folded_words(n.text);
    for (std::size_t i = 0; i < terms.size() && i < folded.size(); ++i) {
      std::vector<std::string> forms;
      for (const auto& s : all) forms.push_back(s.terms[i]);
      note_suggestible(folded[i], forms);
    }
    for (const auto& s : all) {
      if (terms.size() == 1)
        result_.ranked_terms.insert(s.terms[0]);
      else
        result_.phrases.push_back(s.terms);
    }
    if (!compound.empty()) result_.ranked_terms.insert(compound);
  }
  const auto window = static_cast<Xapian::termcount>(terms.size());
  if (prefix.empty()) {  // ranked
    if (terms.size() == 1) return {restricted_forms(all), false};
    Xapian::Query q = positional_any(Xapian::Query::OP_PHRASE, all, window);
    if (!compound.empty()) q = Xapian::Query(Xapian::Query::OP_OR, q, ranked_.term(compound));
    return {q, false};
  }
  std::vector<Xapian::Query> each;
  for (const auto& s : all) {
    std::vector<Xapian::Query> parts;
    for (const auto& t : s.terms) parts.emplace_back(std::string(prefix) + t);
    each.push_back(languages_.restrict(
        parts.size() == 1
            ? parts.front()
            : Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), window),
        s.languages));
  }
  Xapian::Query q = combine(Xapian::Query::OP_OR, each);
  if (!compound.empty())
    q = Xapian::Query(Xapian::Query::OP_OR, q, Xapian::Query(std::string(prefix) + compound));
  return {q, true};
}

QueryBuilder::Part QueryBuilder::wildcard(const QueryNode& n, std::string_view prefix,
                                          bool positive) {
  std::string folded;
  std::size_t words = 0;
  folder_.analyze(n.text, 1, [&](const AnalyzedTerm& t) {
    ++words;
    folded.assign(t.term);
  });
  if (options_.lenient && (words != 1 || folded.size() < kMinWildcardPrefix)) {
    if (prefix.empty()) return as_words(n.text, n.position, positive);
    QueryNode words = n;  // title:a* as title:a
    words.kind = QueryNode::Kind::kWord;
    return phrase(words, prefix, false);
  }
  if (words != 1)
    throw QuerySyntaxError("a wildcard applies to one word, as in cyber*", n.position);
  if (folded.size() < kMinWildcardPrefix)
    throw QuerySyntaxError("a wildcard needs at least 2 letters before the '*'", n.position);
  // Expanded here rather than by OP_WILDCARD, which expands in each sub-database: on a shard
  // map every part would weigh its own expansion with its own statistics (cyber* scored 15.96
  // for an article that one database scores 12.42). As OP_WILDCARD with
  // WILDCARD_LIMIT_MOST_FREQUENT: the most frequent terms, as one synonym.
  const std::string stem = std::string(prefix) + folded;
  std::vector<std::pair<Xapian::doccount, std::string>> terms;
  for (auto t = db_.allterms_begin(stem); t != db_.allterms_end(stem); ++t)
    terms.emplace_back(t.get_termfreq(), *t);
  if (terms.size() > kWildcardExpansion) {
    std::nth_element(terms.begin(), terms.begin() + kWildcardExpansion, terms.end(),
                     [](const auto& a, const auto& b) {
                       return a.first != b.first ? a.first > b.first : a.second < b.second;
                     });
    terms.resize(kWildcardExpansion);
    std::sort(terms.begin(), terms.end(),
              [](const auto& a, const auto& b) { return a.second < b.second; });
  }
  if (terms.empty()) return {Xapian::Query::MatchNothing, !prefix.empty()};
  std::vector<Xapian::Query> expanded;
  for (const auto& [frequency, term] : terms) expanded.emplace_back(term);
  return {Xapian::Query(Xapian::Query::OP_SYNONYM, expanded.begin(), expanded.end()),
          !prefix.empty()};
}

// Boolean filter values (outlets, authors) match exactly, case-insensitively; a single word
// also matches every value that has it as a whole word ("outlet:post" finds "The Jerusalem Post").
Xapian::Query QueryBuilder::matching_filter_values(std::string_view prefix, std::string_view value,
                                                   std::size_t position) {
  const std::string folded = schema::fold_filter_value(value);
  if (folded.empty()) throw QuerySyntaxError("empty field value", position);
  std::vector<Xapian::Query> matches;
  const std::string p(prefix);
  // A value too long for a term is indexed shortened, with a hash of the whole.
  const std::string exact_term = schema::folded_filter_term(prefix, value);
  for (auto it = db_.allterms_begin(p); it != db_.allterms_end(p); ++it) {
    const std::string candidate = (*it).substr(p.size());
    bool match = *it == exact_term;
    if (!match && folded.find(' ') == std::string::npos) {
      for (std::size_t at = candidate.find(folded); at != std::string::npos;
           at = candidate.find(folded, at + 1)) {
        const bool starts = at == 0 || candidate[at - 1] == ' ';
        const auto end = at + folded.size();
        const bool ends = end == candidate.size() || candidate[end] == ' ';
        if (starts && ends) {
          match = true;
          break;
        }
      }
    }
    if (match) matches.emplace_back(*it);
  }
  if (matches.empty()) return Xapian::Query(exact_term);  // matches nothing, stays explainable
  return combine(Xapian::Query::OP_OR, matches);
}

QueryBuilder::Part QueryBuilder::field(const QueryNode& n, bool positive) {
  const QueryNode& value = n.children.at(0);
  const bool is_wildcard = value.kind == QueryNode::Kind::kWildcard;
  if (n.field == "title") {
    if (is_wildcard) return wildcard(value, schema::kTitlePrefix, false);
    return phrase(value, schema::kTitlePrefix, false);
  }
  if (n.field == "outlet" || n.field == "author") {
    const auto prefix = n.field == "outlet" ? schema::kOutletPrefix : schema::kAuthorPrefix;
    // outlet:"" from a search box: nothing to filter by.
    if (options_.lenient && schema::fold_filter_value(value.text).empty()) return {{}, false, true};
    if (is_wildcard) {
      return {Xapian::Query(Xapian::Query::OP_WILDCARD,
                            std::string(prefix) + schema::fold_filter_value(value.text)),
              true};
    }
    return {matching_filter_values(prefix, value.text, value.position), true};
  }
  if (n.field == "language") {
    if (!is_wildcard && !language_code(value.text).empty()) return language(value);
    if (options_.lenient) return as_words(n.field + ":" + value.text, n.position, positive);
    throw QuerySyntaxError("language takes a language code or name, as in language:fr",
                           value.position);
  }
  if (n.field == "id") return {Xapian::Query(schema::id_term(value.text)), true};
  if (n.field == "url") return {Xapian::Query(schema::url_term(value.text)), true};
  if (n.field == "story") {
    std::string id = value.text;
    for (auto& c : id) c = static_cast<char>(c >= 'A' && c <= 'F' ? c - 'A' + 'a' : c);
    const bool valid = !is_wildcard && id.size() == 16 &&
                       id.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (valid) return {StoryTable::filter(db_, id), true};
    if (options_.lenient) return as_words(n.field + ":" + value.text, n.position, positive);
    throw QuerySyntaxError(
        "story takes a story id of 16 hex digits, as hits show it "
        "(story:0e83f54f57fef2ba)",
        value.position);
  }
  if (keyword_fields_.count(n.field)) {
    if (is_wildcard) {
      return {Xapian::Query(Xapian::Query::OP_WILDCARD, schema::keyword_term(n.field, value.text)),
              true};
    }
    return {Xapian::Query(schema::keyword_term(n.field, value.text)), true};
  }
  // "http://example.com", "note:" pasted into a search box.
  if (options_.lenient) return as_words(n.field + ":" + value.text, n.position, positive);
  throw QuerySyntaxError(
      "unknown field '" + n.field + "'; fields are " + join_known(keyword_fields_), n.position);
}

// The language term holds the code (schema version 4), whatever name the query gives.
QueryBuilder::Part QueryBuilder::language(const QueryNode& value) {
  return {Xapian::Query(std::string(schema::kLanguagePrefix) + language_code(value.text)), true};
}

QueryBuilder::Part QueryBuilder::date(const QueryNode& n, bool positive) {
  try {
    return {date_filter_query(n.text, n.position), true};
  } catch (const QuerySyntaxError&) {
    if (!options_.lenient) throw;
    return as_words("date:" + n.text, n.position, positive);
  }
}

QueryBuilder::Part QueryBuilder::as_words(std::string text, std::size_t position, bool positive) {
  QueryNode words;
  words.kind = QueryNode::Kind::kWord;
  words.text = std::move(text);
  words.position = position;
  return word(words, positive);
}

QueryBuilder::Part QueryBuilder::near(const QueryNode& n, bool positive) {
  std::vector<std::string> parts;
  // Each language's terms of the whole chain: by_language[l][child].
  std::vector<std::vector<std::string>> by_language;
  for (const auto& child : n.children) {
    std::vector<std::vector<std::string>> child_terms;
    const auto terms = analyze(child.text, nullptr, languages_.single() ? nullptr : &child_terms);
    if (terms.size() != 1 && options_.lenient) {
      QueryNode words = n;
      words.kind = QueryNode::Kind::kSequence;
      words.distance = 0;
      return sequence(words, positive);
    }
    if (terms.size() != 1)
      throw QuerySyntaxError("NEAR works between single words", child.position);
    parts.push_back(terms[0]);
    by_language.resize(std::max(by_language.size(), child_terms.size()));
    for (std::size_t l = 0; l < child_terms.size(); ++l)
      by_language[l].push_back(child_terms[l][0]);
  }
  const auto all = by_language.empty() ? std::vector<LanguageSpelling>{{parts, {}}}
                                       : languages_.spellings(by_language);
  if (positive) {
    for (const auto& s : all) result_.ranked_terms.insert(s.terms.begin(), s.terms.end());
    for (std::size_t i = 0; i < n.children.size(); ++i) {
      std::vector<std::string> forms;
      for (const auto& s : all) forms.push_back(s.terms[i]);
      note_suggestible(languages_.primary().fold_word(n.children[i].text), forms);
    }
  }
  // The window spans the words themselves plus up to `distance` words between each pair.
  const auto window = static_cast<Xapian::termcount>(parts.size() + n.distance);
  return {positional_any(Xapian::Query::OP_NEAR, all, window), false};
}

}  // namespace newsdex
