#include "searcher/body_start_table.h"

#include <algorithm>
#include <limits>

#include "newsdex/schema.h"

namespace newsdex {

BodyStartTable BodyStartTable::load(const Xapian::Database& db) {
  BodyStartTable table;
  table.starts_.assign(static_cast<std::size_t>(db.get_lastdocid()) + 1, 0);
  const auto end = db.valuestream_end(schema::kBodyStartSlot);
  for (auto value = db.valuestream_begin(schema::kBodyStartSlot); value != end; ++value) {
    const Xapian::docid docid = value.get_docid();
    if (docid >= table.starts_.size()) continue;
    const double start = Xapian::sortable_unserialise(*value);
    table.starts_[docid] = static_cast<std::uint32_t>(
        std::clamp(start, 0.0, static_cast<double>(std::numeric_limits<std::uint32_t>::max())));
  }
  return table;
}

}  // namespace newsdex
