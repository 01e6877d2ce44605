#include "parser/query_languages.h"

#include <gtest/gtest.h>

#include "parser/query_builder.h"
#include "parser/query_parser.h"

namespace newsdex {
namespace {

// A French and an English article about Albania, as the indexer stems them.
Xapian::WritableDatabase archive() {
  Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
  Xapian::Document french;  // "L'Albanie a rompu avec ..."
  french.add_posting("alban", 1);
  french.add_posting("a", 2);
  french.add_posting("rompu", 3);
  french.add_posting("avec", 4);
  french.add_boolean_term("Lfr");
  db.add_document(french);
  Xapian::Document english;  // "Albania broke ... Alban Berg"
  english.add_posting("albania", 1);
  english.add_posting("broke", 2);
  english.add_posting("the", 3);
  english.add_posting("alban", 4);  // English for the name; French for "Albanie"
  english.add_boolean_term("Len");
  db.add_document(english);
  return db;
}

AnalyzedTerm only_term(Analyzer& analyzer, const std::string& word, std::string& term,
                       std::string& folded) {
  AnalyzedTerm out{};
  analyzer.analyze(word, 1, [&](const AnalyzedTerm& t) {
    term.assign(t.term);
    folded.assign(t.folded);
    out = t;
  });
  out.term = term;
  out.folded = folded;
  return out;
}

TEST(QueryLanguages, AWordHasItsIndexedFormInEachLanguage) {
  const auto db = archive();
  Analyzer english("en"), french("fr"), russian("ru");
  const QueryLanguages languages(db, english, {&french, &russian});
  std::string term, folded;
  const auto t = only_term(english, "Albanie", term, folded);
  EXPECT_EQ(languages.terms_by_language(t),
            (std::vector<std::string>{"albani", "alban", "albanie"}));
  // English "albani" is not indexed but stays first (every article); French "alban" is, for
  // French articles; Russian "albanie" (Latin letters: unstemmed) is not.
  const auto forms = languages.forms(t);
  ASSERT_EQ(forms.size(), 2u);
  EXPECT_EQ(forms[0].terms, (std::vector<std::string>{"albani"}));
  EXPECT_TRUE(forms[0].languages.empty());
  EXPECT_EQ(forms[1].terms, (std::vector<std::string>{"alban"}));
  EXPECT_EQ(forms[1].languages, (std::vector<std::string>{"fr"}));
  const QueryLanguages one(db, english, {});
  ASSERT_EQ(one.forms(t).size(), 1u);
  EXPECT_EQ(one.forms(t)[0].terms, (std::vector<std::string>{"albani"}));
}

struct Built {
  BuiltQuery built;
  std::set<Xapian::docid> matches;
};

Built build(const Xapian::Database& db, const QueryLanguages& languages, const std::string& q) {
  Analyzer folder("none");
  const RankedTermQueries ranked(db, {}, nullptr);
  QueryBuilder builder(db, languages, folder, {}, {}, ranked);
  Built out{builder.build(QueryParser().parse(q)), {}};
  Xapian::Enquire enquire(db);
  enquire.set_query(out.built.query);
  const auto mset = enquire.get_mset(0, 10);
  for (auto it = mset.begin(); it != mset.end(); ++it) out.matches.insert(*it);
  return out;
}

TEST(QueryLanguages, WordsPhrasesAndNearMatchEveryLanguagesForm) {
  const auto db = archive();
  Analyzer english("en"), french("fr");
  const QueryLanguages both(db, english, {&french});
  const QueryLanguages english_only(db, english, {});
  // The French form finds the French article, not the English one that has the same stem.
  EXPECT_EQ(build(db, both, "albanie").matches, (std::set<Xapian::docid>{1}));
  EXPECT_EQ(build(db, both, "alban").matches, (std::set<Xapian::docid>{1, 2}));
  EXPECT_TRUE(build(db, english_only, "albanie").matches.empty());
  const auto p = build(db, both, "\"albanie a rompu\"");
  EXPECT_EQ(p.matches, (std::set<Xapian::docid>{1})) << p.built.query.get_description();
  EXPECT_EQ(build(db, both, "albanie NEAR/2 rompu").matches, (std::set<Xapian::docid>{1}));
  EXPECT_EQ(build(db, both, "rompu NEAR/2 albanie").matches, (std::set<Xapian::docid>{1}));
  EXPECT_EQ(build(db, both, "title:albanie").matches, (std::set<Xapian::docid>{}));
  const auto words = build(db, both, "albanie");
  EXPECT_TRUE(words.built.ranked_terms.count("alban"));
  EXPECT_TRUE(words.built.unknown_words.empty());  // known in French
  EXPECT_EQ(build(db, english_only, "albanie").built.unknown_words,
            (std::vector<std::string>{"albanie"}));
  // A phrase is highlighted in each language it has indexed forms in: English (as typed, kept
  // though not indexed) and French.
  EXPECT_EQ(p.built.phrases, (std::vector<std::vector<std::string>>{{"albani", "a", "rompu"},
                                                                    {"alban", "a", "rompu"}}));
}

TEST(QueryLanguages, OneLanguageBuildsTheSameQueryAsBefore) {
  const auto db = archive();
  Analyzer english("en");
  for (const char* q : {"albania broke", "\"albania broke\"", "albania NEAR/2 broke", "+albania"}) {
    const auto built = build(db, QueryLanguages(db, english, {}), q);
    // No synonyms or per-language alternatives: the query is the plain single-language one.
    EXPECT_EQ(built.built.query.get_description().find("SYNONYM"), std::string::npos) << q;
    EXPECT_EQ(built.matches, (std::set<Xapian::docid>{2})) << q;
  }
}

}  // namespace
}  // namespace newsdex
