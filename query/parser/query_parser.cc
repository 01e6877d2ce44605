#include "parser/query_parser.h"

#include <vector>

#include "newsdex/error.h"
#include "parser/query_lexer.h"

namespace newsdex {
namespace {

using Kind = QueryToken::Kind;

std::string describe(const QueryToken& t) {
  switch (t.kind) {
    case Kind::kAnd:
      return "'AND'";
    case Kind::kOr:
      return "'OR'";
    case Kind::kNot:
      return "'NOT'";
    case Kind::kNear:
      return "'NEAR'";
    case Kind::kRightParen:
      return "')'";
    case Kind::kLeftParen:
      return "'('";
    case Kind::kEnd:
      return "the end of the query";
    default:
      return "'" + t.text + "'";
  }
}

// Recursive descent over the token list; one instance per parse.
class Parser {
 public:
  explicit Parser(std::vector<QueryToken> tokens) : tokens_(std::move(tokens)) {}

  QueryNode parse_all() {
    QueryNode root = sequence(0);
    if (peek().kind == Kind::kRightParen)
      throw QuerySyntaxError("unmatched ')': there is no '(' before it", peek().position);
    return root;
  }

 private:
  const QueryToken& peek() const { return tokens_[pos_]; }
  const QueryToken& next() { return tokens_[pos_ < tokens_.size() - 1 ? pos_++ : pos_]; }

  QueryNode sequence(int depth) {
    QueryNode node;
    node.kind = QueryNode::Kind::kSequence;
    node.position = peek().position;
    while (peek().kind != Kind::kEnd && peek().kind != Kind::kRightParen)
      node.children.push_back(or_expression(depth));
    if (node.children.empty()) {
      throw QuerySyntaxError(depth == 0 ? "the query is empty" : "empty parentheses",
                             peek().position);
    }
    return node;
  }

  QueryNode or_expression(int depth) {
    QueryNode left = and_expression(depth);
    while (peek().kind == Kind::kOr) {
      const auto op = next();
      require_operand(op);
      QueryNode node;
      node.kind = QueryNode::Kind::kOr;
      node.position = op.position;
      node.children.push_back(std::move(left));
      node.children.push_back(and_expression(depth));
      left = std::move(node);
    }
    return left;
  }

  QueryNode and_expression(int depth) {
    QueryNode left = near_expression(depth);
    while (peek().kind == Kind::kAnd || peek().kind == Kind::kNot) {
      const auto op = next();
      require_operand(op);
      QueryNode node;
      node.kind = op.kind == Kind::kAnd ? QueryNode::Kind::kAnd : QueryNode::Kind::kAndNot;
      node.position = op.position;
      node.children.push_back(std::move(left));
      node.children.push_back(near_expression(depth));
      left = std::move(node);
    }
    return left;
  }

  QueryNode near_expression(int depth) {
    QueryNode left = unary(depth);
    while (peek().kind == Kind::kNear) {
      const auto op = next();
      require_operand(op);
      QueryNode right = unary(depth);
      for (const QueryNode* operand : {&left, &right}) {
        const bool word = operand->kind == QueryNode::Kind::kWord &&
                          operand->modifier == QueryNode::Modifier::kNone;
        const bool chain = operand->kind == QueryNode::Kind::kNear && operand == &left &&
                           operand->distance == op.distance;
        if (!word && !chain)
          throw QuerySyntaxError(
              "NEAR/" + std::to_string(op.distance) + " works between plain words only",
              operand->position);
      }
      if (left.kind == QueryNode::Kind::kNear) {
        left.children.push_back(std::move(right));
        continue;
      }
      QueryNode node;
      node.kind = QueryNode::Kind::kNear;
      node.position = op.position;
      node.distance = op.distance;
      node.children.push_back(std::move(left));
      node.children.push_back(std::move(right));
      left = std::move(node);
    }
    return left;
  }

  QueryNode unary(int depth) {
    const auto& t = peek();
    if (t.kind == Kind::kPlus || t.kind == Kind::kMinus || t.kind == Kind::kNot) {
      const auto op = next();
      if (op.kind == Kind::kNot) require_operand(op);
      QueryNode node = primary(depth);
      if (node.modifier != QueryNode::Modifier::kNone)
        throw QuerySyntaxError("two modifiers in a row", op.position);
      node.modifier =
          op.kind == Kind::kPlus ? QueryNode::Modifier::kRequired : QueryNode::Modifier::kExcluded;
      return node;
    }
    return primary(depth);
  }

  QueryNode primary(int depth) {
    const QueryToken t = next();
    QueryNode node;
    node.position = t.position;
    switch (t.kind) {
      case Kind::kWord:
        node.kind = t.wildcard ? QueryNode::Kind::kWildcard : QueryNode::Kind::kWord;
        node.text = t.text;
        return node;
      case Kind::kPhrase:
        node.kind = QueryNode::Kind::kPhrase;
        node.text = t.text;
        return node;
      case Kind::kField:
        return field(t);
      case Kind::kLeftParen: {
        if (depth + 1 >= QueryParser::kMaxDepth)
          throw QuerySyntaxError("parentheses nested too deeply", t.position);
        node = sequence(depth + 1);
        node.position = t.position;
        if (peek().kind != Kind::kRightParen)
          throw QuerySyntaxError("missing ')' for the '(' here", t.position);
        next();
        return node;
      }
      case Kind::kRightParen:
        throw QuerySyntaxError("unexpected ')'", t.position);
      case Kind::kEnd:
        throw QuerySyntaxError("the query ends where a word was expected", t.position);
      default:
        throw QuerySyntaxError(describe(t) + " needs a word before it", t.position);
    }
  }

  QueryNode field(const QueryToken& name) {
    const QueryToken value = next();
    if (value.kind != Kind::kWord && value.kind != Kind::kPhrase)
      throw QuerySyntaxError("field '" + name.text + ":' needs a value", name.position);
    QueryNode node;
    node.position = name.position;
    std::string field_name = name.text;
    for (char& c : field_name)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    if (field_name == "date") {
      node.kind = QueryNode::Kind::kDate;
      node.text = value.text + (value.wildcard ? "*" : "");
      return node;
    }
    node.kind = QueryNode::Kind::kField;
    node.field = std::move(field_name);
    QueryNode child;
    child.position = value.position;
    child.text = value.text;
    child.kind = value.kind == Kind::kPhrase ? QueryNode::Kind::kPhrase
                 : value.wildcard            ? QueryNode::Kind::kWildcard
                                             : QueryNode::Kind::kWord;
    node.children.push_back(std::move(child));
    return node;
  }

  void require_operand(const QueryToken& op) {
    const auto k = peek().kind;
    if (k == Kind::kEnd || k == Kind::kRightParen || k == Kind::kAnd || k == Kind::kOr ||
        k == Kind::kNear)
      throw QuerySyntaxError(describe(op) + " needs a word after it", op.position);
  }

  std::vector<QueryToken> tokens_;
  std::size_t pos_ = 0;
};

std::size_t words_in(std::string_view text) {
  std::size_t words = 0;
  bool in_word = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    words += !space && !in_word;
    in_word = !space;
  }
  return words;
}

// Refuses a query past the cost limits before anything is built from it.
void check_limits(const std::vector<QueryToken>& tokens) {
  std::size_t words = 0, phrases = 0, wildcards = 0;
  for (const auto& t : tokens) {
    if (t.kind == Kind::kWord) {
      ++words;
      if (t.wildcard && ++wildcards > QueryParser::kMaxWildcards)
        throw QuerySyntaxError("too many wildcards: at most " +
                                   std::to_string(QueryParser::kMaxWildcards) + " in a query",
                               t.position);
    } else if (t.kind == Kind::kPhrase) {
      words += words_in(t.text);
      if (++phrases > QueryParser::kMaxPhrases)
        throw QuerySyntaxError("too many phrases: at most " +
                                   std::to_string(QueryParser::kMaxPhrases) +
                                   " quoted phrases and NEAR groups in a query",
                               t.position);
    } else if (t.kind == Kind::kNear) {
      if (++phrases > QueryParser::kMaxPhrases)
        throw QuerySyntaxError("too many phrases: at most " +
                                   std::to_string(QueryParser::kMaxPhrases) +
                                   " quoted phrases and NEAR groups in a query",
                               t.position);
    }
    if (words > QueryParser::kMaxWords)
      throw QuerySyntaxError(
          "the query is too long: at most " + std::to_string(QueryParser::kMaxWords) + " words",
          t.position);
  }
}

bool starts_operand(Kind k) {
  return k == Kind::kWord || k == Kind::kPhrase || k == Kind::kField || k == Kind::kLeftParen;
}

bool ends_operand(Kind k) {
  return k == Kind::kWord || k == Kind::kPhrase || k == Kind::kRightParen;
}

std::string operator_text(const QueryToken& t) {
  switch (t.kind) {
    case Kind::kAnd:
      return "AND";
    case Kind::kOr:
      return "OR";
    case Kind::kNot:
      return "NOT";
    default:
      return "NEAR";
  }
}

// Drops parentheses without a partner, empty pairs and pairs nested past the depth limit.
std::vector<QueryToken> balance_parentheses(std::vector<QueryToken> tokens) {
  std::vector<bool> keep(tokens.size(), true);
  std::vector<std::size_t> open;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (tokens[i].kind == Kind::kLeftParen) {
      open.push_back(i);
    } else if (tokens[i].kind == Kind::kRightParen) {
      if (open.empty()) {
        keep[i] = false;
        continue;
      }
      const std::size_t left = open.back();
      open.pop_back();
      bool empty = true;
      for (std::size_t k = left + 1; k < i && empty; ++k)
        empty =
            !keep[k] || tokens[k].kind == Kind::kLeftParen || tokens[k].kind == Kind::kRightParen;
      // Depth counts the pair itself: the strict parser refuses kMaxDepth levels.
      if (empty || open.size() + 2 >= static_cast<std::size_t>(QueryParser::kMaxDepth))
        keep[left] = keep[i] = false;
    }
  }
  for (std::size_t i : open) keep[i] = false;
  std::vector<QueryToken> out;
  for (std::size_t i = 0; i < tokens.size(); ++i)
    if (keep[i]) out.push_back(std::move(tokens[i]));
  return out;
}

// Operators and modifiers that have nothing to work on become words (or go, for +/-).
std::vector<QueryToken> demote_stray_operators(std::vector<QueryToken> tokens) {
  std::vector<QueryToken> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    QueryToken& t = tokens[i];
    const Kind next = i + 1 < tokens.size() ? tokens[i + 1].kind : Kind::kEnd;
    const Kind prev = out.empty() ? Kind::kEnd : out.back().kind;
    bool keep = true;
    switch (t.kind) {
      case Kind::kAnd:
      case Kind::kOr:
        keep = ends_operand(prev) && (starts_operand(next) || next == Kind::kNot ||
                                      next == Kind::kPlus || next == Kind::kMinus);
        break;
      case Kind::kNot:
        // Binary after an operand ("a NOT +b" too), unary elsewhere: either way it needs an
        // operand after it.
        keep = starts_operand(next) ||
               (ends_operand(prev) && (next == Kind::kPlus || next == Kind::kMinus));
        break;
      case Kind::kNear: {
        // Between plain words only: not a field value, not a wildcard, not after a modifier;
        // and a chain (a NEAR/2 b NEAR/2 c) keeps one distance.
        const Kind before = out.size() < 2 ? Kind::kEnd : out[out.size() - 2].kind;
        const bool left_plain = prev == Kind::kWord && !out.back().wildcard &&
                                before != Kind::kField && before != Kind::kPlus &&
                                before != Kind::kMinus && before != Kind::kNot;
        const bool chain_agrees =
            before != Kind::kNear || out[out.size() - 2].distance == t.distance;
        keep = left_plain && chain_agrees && next == Kind::kWord && !tokens[i + 1].wildcard;
        break;
      }
      case Kind::kPlus:
      case Kind::kMinus:
        if (!starts_operand(next)) continue;  // a lone sign says nothing
        break;
      default:
        break;
    }
    if (!keep) {
      t.text = operator_text(t);
      t.kind = Kind::kWord;
    }
    out.push_back(std::move(t));
  }
  return out;
}

// The last resort: the words and phrases alone, joined by the default operator; a + or - in
// front of one keeps its meaning.
std::vector<QueryToken> words_only(const std::vector<QueryToken>& tokens) {
  std::vector<QueryToken> out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const QueryToken& t = tokens[i];
    const bool word_follows = i + 1 < tokens.size() && (tokens[i + 1].kind == Kind::kWord ||
                                                        tokens[i + 1].kind == Kind::kPhrase);
    if (t.kind == Kind::kWord || t.kind == Kind::kPhrase ||
        ((t.kind == Kind::kPlus || t.kind == Kind::kMinus) && word_follows)) {
      out.push_back(t);
    } else if (t.kind == Kind::kAnd || t.kind == Kind::kOr || t.kind == Kind::kNot ||
               t.kind == Kind::kNear) {
      out.push_back({Kind::kWord, operator_text(t), t.position});
    }
  }
  return out;
}

// The query's tokens, refused past the byte limit before lexing.
std::vector<QueryToken> tokens_within_bytes(std::string_view query, bool lenient) {
  if (query.size() > QueryParser::kMaxQueryBytes)
    throw QuerySyntaxError("the query is too long: " + std::to_string(query.size()) +
                               " bytes, at most " + std::to_string(QueryParser::kMaxQueryBytes),
                           QueryParser::kMaxQueryBytes);
  return tokenize_query(query, lenient);
}

}  // namespace

QueryNode QueryParser::parse_lenient(std::string_view query) {
  auto tokens = tokens_within_bytes(query, true);
  const QueryToken end = tokens.back();
  tokens.pop_back();
  auto repaired = demote_stray_operators(balance_parentheses(std::move(tokens)));
  auto with_end = [&](std::vector<QueryToken> t) {
    t.push_back(end);
    return t;
  };
  // After repair: operators turned into words count as words (16 KiB of "OR OR OR" is 5,461).
  check_limits(with_end(repaired));
  try {
    return Parser(with_end(repaired)).parse_all();
  } catch (const QuerySyntaxError&) {
    // What repair missed (NEAR chains of mixed distances, say): no operators at all.
    return Parser(with_end(words_only(repaired))).parse_all();
  }
}

QueryNode QueryParser::parse(std::string_view query) {
  auto tokens = tokens_within_bytes(query, false);
  check_limits(tokens);
  return Parser(std::move(tokens)).parse_all();
}

}  // namespace newsdex
