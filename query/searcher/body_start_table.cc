#include "searcher/body_start_table.h"

#include <algorithm>
#include <limits>

#include "newsdex/schema.h"

namespace newsdex {

namespace {

Xapian::termpos start_of(const std::string& value) {
  if (value.empty()) return 0;
  const double start = Xapian::sortable_unserialise(value);
  return static_cast<Xapian::termpos>(
      std::clamp(start, 0.0, static_cast<double>(std::numeric_limits<std::uint32_t>::max())));
}

}  // namespace

BodyStartTable BodyStartTable::per_document(std::function<std::string(Xapian::docid)> value_of) {
  BodyStartTable table;
  table.source_ = std::move(value_of);
  return table;
}

Xapian::termpos BodyStartTable::read_one(Xapian::docid docid) const {
  try {
    return start_of(source_(docid));
  } catch (const Xapian::DocNotFoundError&) {
    return 0;
  }
}

BodyStartTable BodyStartTable::load(const Xapian::Database& db) {
  BodyStartTable table;
  table.starts_.assign(static_cast<std::size_t>(db.get_lastdocid()) + 1, 0);
  const auto end = db.valuestream_end(schema::kBodyStartSlot);
  for (auto value = db.valuestream_begin(schema::kBodyStartSlot); value != end; ++value) {
    const Xapian::docid docid = value.get_docid();
    if (docid >= table.starts_.size()) continue;
    table.starts_[docid] = start_of(*value);
  }
  return table;
}

}  // namespace newsdex
