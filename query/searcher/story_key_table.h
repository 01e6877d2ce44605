#pragma once

#include <cstdint>
#include <vector>

#include <xapian.h>

namespace newsdex {

// Every document's story (value slot schema::kStorySlot) as a number, read into memory once
// per revision: collapsing by story looks up the best matches' stories in it, where Xapian's
// own collapsing reads the value of every match it considers and keeps every story it meets
// (with facets, all matches: three times the query's time on Reuters).
class StoryKeyTable {
 public:
  // One pass over the slot's value stream; equal story ids get equal numbers.
  static StoryKeyTable load(const Xapian::Database& db);

  // 0 when the document has no story (deleted).
  std::uint32_t key(Xapian::docid docid) const { return docid < keys_.size() ? keys_[docid] : 0; }

 private:
  std::vector<std::uint32_t> keys_;
};

}  // namespace newsdex
