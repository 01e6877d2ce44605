#include "parser/query_lexer.h"

#include "newsdex/error.h"

namespace newsdex {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Characters that end a bare word: space, parentheses and quotes.
bool ends_word(char c) {
  return is_space(c) || c == '(' || c == ')' || c == '"';
}

bool is_field_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '.' || c == '-';
}

}  // namespace

std::vector<QueryToken> tokenize_query(std::string_view q, bool lenient) {
  using Kind = QueryToken::Kind;
  std::vector<QueryToken> tokens;
  std::size_t i = 0;
  bool field_value_next = false;
  while (i < q.size()) {
    const char c = q[i];
    if (is_space(c)) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    if (field_value_next && c != '"') {
      // A field value is taken as written, colons and all (url:https://…).
      field_value_next = false;
      std::size_t end = i;
      while (end < q.size() && !ends_word(q[end])) ++end;
      if (end == i) {
        if (!lenient) throw QuerySyntaxError("a field needs a value after the ':'", start);
        // "title:(a b)": the name is a word, the parentheses group as usual.
        tokens.back().kind = Kind::kWord;
        continue;
      }
      QueryToken t{Kind::kWord, std::string(q.substr(i, end - i)), start};
      if (t.text.size() > 1 && t.text.back() == '*') {
        t.wildcard = true;
        t.text.pop_back();
      }
      tokens.push_back(std::move(t));
      i = end;
      continue;
    }
    field_value_next = false;
    if (c == '(' || c == ')') {
      tokens.push_back({c == '(' ? Kind::kLeftParen : Kind::kRightParen, {}, start});
      ++i;
      continue;
    }
    if (c == '"') {
      const auto close = q.find('"', i + 1);
      if (close == std::string_view::npos) {
        if (!lenient) throw QuerySyntaxError("unterminated quote: add a closing '\"'", start);
        ++i;
        continue;
      }
      tokens.push_back({Kind::kPhrase, std::string(q.substr(i + 1, close - i - 1)), start});
      i = close + 1;
      continue;
    }
    // '+' and '-' are modifiers only at the start of a word and glued to what follows.
    if ((c == '+' || c == '-') && i + 1 < q.size() && !is_space(q[i + 1]) && q[i + 1] != ')' &&
        q[i + 1] != '+' && q[i + 1] != '-') {
      tokens.push_back({c == '+' ? Kind::kPlus : Kind::kMinus, {}, start});
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < q.size() && !ends_word(q[end])) ++end;
    std::string_view word = q.substr(i, end - i);

    // "name:" directly followed by a value is a field.
    const auto colon = word.find(':');
    if (colon != std::string_view::npos && colon > 0 && colon + 1 <= word.size()) {
      bool name_ok = true;
      for (std::size_t k = 0; k < colon; ++k) name_ok &= is_field_name_char(word[k]);
      const bool value_follows =
          colon + 1 < word.size() || (end < q.size() && (q[end] == '"' || q[end] == '('));
      if (name_ok && !value_follows && colon + 1 == word.size() && !lenient)
        throw QuerySyntaxError("field '" + std::string(word) + "' needs a value", start);
      if (name_ok && value_follows) {
        tokens.push_back({Kind::kField, std::string(word.substr(0, colon)), start});
        i += colon + 1;
        field_value_next = true;
        continue;
      }
    }
    if (word == "AND" || word == "OR" || word == "NOT") {
      tokens.push_back({word == "AND"  ? Kind::kAnd
                        : word == "OR" ? Kind::kOr
                                       : Kind::kNot,
                        {},
                        start});
      i = end;
      continue;
    }
    if (word.starts_with("NEAR/") || word == "NEAR") {
      const auto digits = word.size() > 5 ? word.substr(5) : std::string_view();
      unsigned distance = 0;
      bool ok = !digits.empty() && digits.size() <= 3;
      for (char d : digits) {
        ok &= d >= '0' && d <= '9';
        distance = distance * 10 + static_cast<unsigned>(d - '0');
      }
      if ((!ok || distance == 0) && !lenient)
        throw QuerySyntaxError("NEAR needs a distance from 1 to 999, as in NEAR/3", start);
      if (ok && distance > 0) {
        QueryToken t{Kind::kNear, {}, start};
        t.distance = distance;
        tokens.push_back(std::move(t));
        i = end;
        continue;
      }
    }
    QueryToken t{Kind::kWord, std::string(word), start};
    if (word.size() > 1 && word.back() == '*') {
      t.wildcard = true;
      t.text.pop_back();
    }
    tokens.push_back(std::move(t));
    i = end;
  }
  tokens.push_back({Kind::kEnd, {}, q.size()});
  return tokens;
}

}  // namespace newsdex
