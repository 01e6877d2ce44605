#pragma once

#include <string_view>

#include "parser/query_ast.h"

namespace newsdex {

// Parses the newsdex query language into a QueryNode tree (see docs/query.md):
//   words, "phrases", word* wildcards, NAME:value fields, date:EXPR, + and - modifiers,
//   AND, OR, NOT (upper case), NEAR/n between words, and parentheses.
// Precedence, loosest first: juxtaposition (the default operator), OR, AND/NOT, NEAR/n.
// Throws QuerySyntaxError with the byte offset of the problem; never crashes on any input
// (nesting deeper than kMaxDepth is an error, not a stack overflow).
class QueryParser {
 public:
  static constexpr int kMaxDepth = 64;

  QueryNode parse(std::string_view query);
};

}  // namespace newsdex
