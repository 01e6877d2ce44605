#include "parser/query_parser.h"

#include <gtest/gtest.h>

#include <random>

#include "newsdex/error.h"

namespace newsdex {
namespace {

using K = QueryNode::Kind;
using M = QueryNode::Modifier;

// A compact rendering of the tree, so each test states the whole expected shape.
std::string show(const QueryNode& n) {
  std::string mod = n.modifier == M::kRequired ? "+" : n.modifier == M::kExcluded ? "-" : "";
  auto kids = [&] {
    std::string s;
    for (const auto& c : n.children) s += (s.empty() ? "" : " ") + show(c);
    return s;
  };
  switch (n.kind) {
    case K::kWord:
      return mod + n.text;
    case K::kPhrase:
      return mod + "\"" + n.text + "\"";
    case K::kWildcard:
      return mod + n.text + "*";
    case K::kField:
      return mod + n.field + ":" + show(n.children[0]);
    case K::kDate:
      return mod + "date:" + n.text;
    case K::kSequence:
      return mod + "(" + kids() + ")";
    case K::kAnd:
      return mod + "AND(" + kids() + ")";
    case K::kOr:
      return mod + "OR(" + kids() + ")";
    case K::kAndNot:
      return mod + "ANDNOT(" + kids() + ")";
    case K::kNear:
      return mod + "NEAR" + std::to_string(n.distance) + "(" + kids() + ")";
  }
  return "?";
}

std::string parse(std::string_view q) {
  return show(QueryParser().parse(q));
}

std::size_t error_position(std::string_view q) {
  try {
    QueryParser().parse(q);
  } catch (const QuerySyntaxError& e) {
    return e.position();
  }
  ADD_FAILURE() << "no error for: " << q;
  return 0;
}

TEST(QueryParser, WordsPhrasesAndWildcards) {
  EXPECT_EQ(parse("cyberattack Albania"), "(cyberattack Albania)");
  EXPECT_EQ(parse("\"cyber attack\" nato"), "(\"cyber attack\" nato)");
  EXPECT_EQ(parse("cyber*"), "(cyber*)");
  EXPECT_EQ(parse("  spaced   out  "), "(spaced out)");
  EXPECT_EQ(parse("cyber-attack U.S."), "(cyber-attack U.S.)");
}

TEST(QueryParser, OperatorsAndPrecedence) {
  EXPECT_EQ(parse("a OR b c"), "(OR(a b) c)");
  EXPECT_EQ(parse("a AND b OR c"), "(OR(AND(a b) c))");
  EXPECT_EQ(parse("a NOT b"), "(ANDNOT(a b))");
  EXPECT_EQ(parse("a and b"), "(a and b)");  // lower case: words
  EXPECT_EQ(parse("(a OR b) AND c"), "(AND((OR(a b)) c))");
  EXPECT_EQ(parse("cyber NEAR/3 attack"), "(NEAR3(cyber attack))");
  EXPECT_EQ(parse("a NEAR/2 b NEAR/2 c"), "(NEAR2(a b c))");
}

TEST(QueryParser, Modifiers) {
  EXPECT_EQ(parse("+nato -iran albania"), "(+nato -iran albania)");
  EXPECT_EQ(parse("NOT iran"), "(-iran)");
  EXPECT_EQ(parse("-\"cyber attack\""), "(-\"cyber attack\")");
  EXPECT_EQ(parse("well-known"), "(well-known)");
}

TEST(QueryParser, FieldsAndDates) {
  EXPECT_EQ(parse("title:cyberattack"), "(title:cyberattack)");
  EXPECT_EQ(parse("Outlet:\"jerusalem post\""), "(outlet:\"jerusalem post\")");
  EXPECT_EQ(parse("topics:cocoa places:uruguay"), "(topics:cocoa places:uruguay)");
  EXPECT_EQ(parse("url:https://example.org/a?b=c"), "(url:https://example.org/a?b=c)");
  EXPECT_EQ(parse("date:2022-09-01..2022-09-30"), "(date:2022-09-01..2022-09-30)");
  EXPECT_EQ(parse("date:>=2022-09-01 oil"), "(date:>=2022-09-01 oil)");
  EXPECT_EQ(parse("title:cyber*"), "(title:cyber*)");
  EXPECT_EQ(parse("ratio 3:1"), "(ratio 3:1)");  // "3:" would be a field, then "1" its value
}

TEST(QueryParser, ErrorsPointAtTheProblem) {
  EXPECT_EQ(error_position(""), 0u);
  EXPECT_EQ(error_position("a OR"), 2u);
  EXPECT_EQ(error_position("(a b"), 0u);
  EXPECT_EQ(error_position("a b)"), 3u);
  EXPECT_EQ(error_position("x \"open"), 2u);
  EXPECT_EQ(error_position("AND a"), 0u);
  EXPECT_EQ(error_position("a NEAR/x b"), 2u);
  EXPECT_EQ(error_position("a NEAR/2 \"b c\""), 9u);
  EXPECT_EQ(error_position("()"), 1u);
  EXPECT_EQ(error_position("title:(a)"), 6u);
}

TEST(QueryParser, DeepNestingIsAnErrorNotACrash) {
  const std::string deep(10000, '(');
  EXPECT_THROW(QueryParser().parse(deep + "a"), QuerySyntaxError);
}

TEST(QueryParser, RandomInputEitherParsesOrThrowsSyntaxError) {
  std::mt19937 rng(7);
  const std::string alphabet = "ab \"()+-*:.ANDORNTE/1\t\xC3\xA9";
  for (int round = 0; round < 20000; ++round) {
    std::string q(rng() % 24, ' ');
    for (auto& c : q) c = alphabet[rng() % alphabet.size()];
    try {
      QueryParser().parse(q);
    } catch (const QuerySyntaxError& e) {
      EXPECT_LE(e.position(), q.size()) << q;
    }
  }
}

std::string lenient(std::string_view q) {
  return show(QueryParser().parse_lenient(q));
}

// Search-box text: what strict parsing refuses is searched as words; valid parts keep their
// meaning.
TEST(QueryParser, LenientParsingSearchesInvalidSyntaxAsWords) {
  EXPECT_EQ(lenient("http://foo.com"), "(http://foo.com)");  // a field the builder may not know
  EXPECT_EQ(lenient("opec:"), "(opec:)");
  EXPECT_EQ(lenient("AND"), "(AND)");
  EXPECT_EQ(lenient("a AND"), "(a AND)");
  EXPECT_EQ(lenient("a OR OR b"), "(a OR(OR b))");  // the second OR joins "OR" and b
  EXPECT_EQ(lenient("x \"open quote"), "(x open quote)");
  EXPECT_EQ(lenient("\"a b\" \"c"), "(\"a b\" c)");
  EXPECT_EQ(lenient("(a b"), "(a b)");
  EXPECT_EQ(lenient("a b)"), "(a b)");
  EXPECT_EQ(lenient("() a"), "(a)");
  EXPECT_EQ(lenient("title:(a)"), "(title (a))");
  EXPECT_EQ(lenient("a NEAR/x b"), "(a NEAR/x b)");
  EXPECT_EQ(lenient("\"b c\" NEAR/2 d"), "(\"b c\" NEAR d)");
  EXPECT_EQ(lenient("a NEAR/2 b NEAR/3 c"), "(NEAR2(a b) NEAR c)");  // mixed distances
  EXPECT_EQ(lenient("- a"), "(- a)");  // a lone '-' is a word (of no letters)
  EXPECT_EQ(lenient("-NOT a"), "(-a)");
  EXPECT_EQ(lenient("a OR ) b"), "(OR(a b))");  // the stray ')' goes first
  EXPECT_EQ(lenient("-strike a NEAR/2 b NEAR/3 c"), "(-strike NEAR2(a b) NEAR c)");
  EXPECT_EQ(lenient("NOT a NEAR/2 b"), "(-a NEAR b)");
  // Valid syntax means what it means strictly.
  for (const char* valid :
       {"a OR b c", "+nato -iran", "(a OR b) AND c", "cyber NEAR/3 attack", "a NOT +b", "a NOT -b",
        "a AND -b", "title:cyber* date:2022", "NOT iran", "\"cyber attack\" nato"})
    EXPECT_EQ(lenient(valid), parse(valid)) << valid;
  EXPECT_EQ(lenient(std::string(10000, '(') + "a"), "(a)");
  EXPECT_THROW(QueryParser().parse_lenient("  "), QuerySyntaxError);  // nothing to search
  EXPECT_THROW(QueryParser().parse_lenient("\""), QuerySyntaxError);
}

TEST(QueryParser, LenientParsingNeverFailsOnText) {
  std::mt19937 rng(11);
  const std::string alphabet = "ab \"()+-*:.ANDORNTE/1\t\xC3\xA9";
  for (int round = 0; round < 20000; ++round) {
    std::string q(1 + rng() % 24, 'a');
    for (auto& c : q) c = alphabet[rng() % alphabet.size()];
    q += " z";  // at least one word
    EXPECT_NO_THROW(QueryParser().parse_lenient(q)) << q;
  }
}

// Cost limits: refused before anything is built, pointing at the first part past the limit.
TEST(QueryParser, RefusesQueriesPastTheCostLimits) {
  auto words = [](std::size_t n, const std::string& word) {
    std::string q;
    for (std::size_t i = 0; i < n; ++i) q += (i ? " " : "") + word;
    return q;
  };
  EXPECT_NO_THROW(QueryParser().parse(words(QueryParser::kMaxWords, "a")));
  try {
    QueryParser().parse(words(QueryParser::kMaxWords + 1, "a"));
    FAIL() << "accepted";
  } catch (const QuerySyntaxError& e) {
    EXPECT_EQ(e.position(), 2 * QueryParser::kMaxWords);
  }
  // Words inside phrases count.
  EXPECT_THROW(QueryParser().parse("\"" + words(QueryParser::kMaxWords + 1, "a") + "\""),
               QuerySyntaxError);
  EXPECT_NO_THROW(QueryParser().parse(words(QueryParser::kMaxPhrases, "\"a b\"")));
  EXPECT_THROW(QueryParser().parse(words(QueryParser::kMaxPhrases + 1, "\"a b\"")),
               QuerySyntaxError);
  EXPECT_THROW(QueryParser().parse(words(QueryParser::kMaxWildcards + 1, "ab*")), QuerySyntaxError);
  EXPECT_THROW(QueryParser().parse(std::string(QueryParser::kMaxQueryBytes + 1, 'a')),
               QuerySyntaxError);
  // Lenient parsing has the same limits, counting the operators it turns into words.
  EXPECT_THROW(QueryParser().parse_lenient(words(QueryParser::kMaxWords + 1, "a")),
               QuerySyntaxError);
  EXPECT_THROW(QueryParser().parse_lenient(words(QueryParser::kMaxWords + 1, "OR")),
               QuerySyntaxError);
}

}  // namespace
}  // namespace newsdex
