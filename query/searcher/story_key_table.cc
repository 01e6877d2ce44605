#include "searcher/story_key_table.h"

#include <string>
#include <unordered_map>

#include "newsdex/schema.h"

namespace newsdex {

StoryKeyTable StoryKeyTable::load(const Xapian::Database& db) {
  StoryKeyTable table;
  table.keys_.assign(static_cast<std::size_t>(db.get_lastdocid()) + 1, 0);
  std::unordered_map<std::string, std::uint32_t> numbers;
  const auto end = db.valuestream_end(schema::kStorySlot);
  for (auto value = db.valuestream_begin(schema::kStorySlot); value != end; ++value) {
    const Xapian::docid docid = value.get_docid();
    if (docid >= table.keys_.size()) continue;
    const auto [it, added] =
        numbers.try_emplace(*value, static_cast<std::uint32_t>(numbers.size() + 1));
    table.keys_[docid] = it->second;
  }
  return table;
}

}  // namespace newsdex
