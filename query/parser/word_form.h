#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace newsdex {

// One way a query word is written in an article, for the lead and proximity bonuses: one term,
// or terms in a row (found at the last one's position, where the index puts a joined
// compound), counted `shift` positions earlier. A compound of a word and the next one
// ("cyberattack" for "cyber attack") sits at the next word's position, so for the first word
// it counts one position back: where "cyber" stands in "cyber-attack".
struct WordForm {
  std::vector<std::string> terms;
  Xapian::termpos shift = 0;

  bool operator==(const WordForm&) const = default;
};

}  // namespace newsdex
