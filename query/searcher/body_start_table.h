#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <xapian.h>

namespace newsdex {

// Every document's first body position (value slot schema::kBodyStartSlot), read into memory
// once per revision: the lead bonus needs it for a few dozen top documents a query, and Glass
// answers a value stream's skip_to to a scattered docid by re-seeking its chunk (about 14,000
// instructions each, 15% of a one-word query on Reuters), where an array answers at once.
class BodyStartTable {
 public:
  // One pass over the slot's value stream (4 bytes a document).
  static BodyStartTable load(const Xapian::Database& db);
  // Reads each document's start when asked: for a database with remote parts, whose value
  // streams Xapian reads one document (one round trip) at a time.
  static BodyStartTable per_document(const Xapian::Database& db);

  // 0 when the document has no body start (deleted, or indexed before schema 5).
  Xapian::termpos start(Xapian::docid docid) const {
    if (source_) return read_one(docid);
    return docid < starts_.size() ? starts_[docid] : 0;
  }

 private:
  Xapian::termpos read_one(Xapian::docid docid) const;

  std::vector<std::uint32_t> starts_;
  std::optional<Xapian::Database> source_;
};

}  // namespace newsdex
