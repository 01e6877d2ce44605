#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

struct QueryToken {
  enum class Kind {
    kWord,    // text: the word; wildcard set when it ended in '*'
    kPhrase,  // text: between the quotes
    kField,   // text: the field name (the token was "name:")
    kLeftParen,
    kRightParen,
    kAnd,
    kOr,
    kNot,
    kNear,   // distance set
    kPlus,   // '+' glued to the next token
    kMinus,  // '-' glued to the next token
    kEnd,
  };
  Kind kind;
  std::string text;
  std::size_t position;  // byte offset in the query
  bool wildcard = false;
  unsigned distance = 0;
};

// Splits a query string into tokens. Operators are upper case (AND, OR, NOT, NEAR/n); lower-case
// "and" is a word. Throws QuerySyntaxError for an unterminated quote, a field without a value or
// a malformed NEAR; `lenient` takes those as words instead (search-box text: a stray quote is
// dropped, "opec:" is the word opec, "NEAR/x" a word) and never throws.
std::vector<QueryToken> tokenize_query(std::string_view query, bool lenient = false);

}  // namespace newsdex
