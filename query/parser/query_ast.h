#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace newsdex {

// The parsed form of a query string, before any analysis: what the user wrote, with the byte
// offset of each part so later stages can point at problems.
struct QueryNode {
  enum class Kind {
    kWord,      // text: the word as typed
    kPhrase,    // text: the words between quotes
    kWildcard,  // text: the prefix before '*'
    kField,     // field: name; children[0]: a kWord, kPhrase or kWildcard value
    kDate,      // text: the date expression after "date:"
    kSequence,  // children combined with the default operator (+/- modifiers apply)
    kAnd,
    kOr,
    kAndNot,  // children[0] AND NOT children[1]
    kNear,    // children are words; distance: at most this many words apart
  };
  enum class Modifier { kNone, kRequired, kExcluded };

  Kind kind = Kind::kWord;
  Modifier modifier = Modifier::kNone;
  std::string text;
  std::string field;
  std::size_t position = 0;
  unsigned distance = 0;
  std::vector<QueryNode> children;
};

}  // namespace newsdex
