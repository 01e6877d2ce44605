#pragma once

#include <cstddef>
#include <string_view>

#include "parser/query_ast.h"

namespace newsdex {

// Parses the newsdex query language into a QueryNode tree (see docs/query.md):
//   words, "phrases", word* wildcards, NAME:value fields, date:EXPR, + and - modifiers,
//   AND, OR, NOT (upper case), NEAR/n between words, and parentheses.
// Precedence, loosest first: juxtaposition (the default operator), OR, AND/NOT, NEAR/n.
// Throws QuerySyntaxError with the byte offset of the problem; never crashes on any input
// (nesting deeper than kMaxDepth is an error, not a stack overflow).
//
// What one query may cost is bounded (docs/reliability.md): the matcher's work grows with every
// word (100,000 words took over 30 s and 3.5 GB), so longer queries are refused with a
// QuerySyntaxError pointing at the first word past the limit.
class QueryParser {
 public:
  static constexpr int kMaxDepth = 64;
  // Bytes of query text.
  static constexpr std::size_t kMaxQueryBytes = 16 * 1024;
  // Words, counting every word inside phrases (Lucene's default clause limit is the same).
  static constexpr std::size_t kMaxWords = 1024;
  // Quoted phrases and NEAR groups: the positional checks are the costly part of matching.
  static constexpr std::size_t kMaxPhrases = 64;
  // Wildcards: each expands to up to 1000 indexed words.
  static constexpr std::size_t kMaxWildcards = 16;

  QueryNode parse(std::string_view query);

  // Search-box text, as Xapian's QueryParser and Elasticsearch's simple_query_string take it:
  // what is not valid syntax is searched as words instead of refused. A stray quote or
  // parenthesis is dropped; an operator with nothing on one side (a bare AND, "a OR") and a
  // modifier with nothing after it are words; "opec:" is the word opec. Well-formed parts keep
  // their meaning. Throws only for an empty query and past the cost limits.
  QueryNode parse_lenient(std::string_view query);
};

}  // namespace newsdex
