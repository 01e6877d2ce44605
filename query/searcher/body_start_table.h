#pragma once

#include <cstdint>
#include <functional>
#include <string>
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
  // Reads each document's start when asked, from the slot's value `value_of` gives: for a
  // database with remote parts, whose value streams Xapian reads one document (one round
  // trip) at a time, and whose documents a search fetches in parallel (ParallelReads).
  static BodyStartTable per_document(std::function<std::string(Xapian::docid)> value_of);

  // 0 when the document has no body start (deleted, or indexed before schema 5).
  Xapian::termpos start(Xapian::docid docid) const {
    if (source_) return read_one(docid);
    return docid < starts_.size() ? starts_[docid] : 0;
  }

 private:
  Xapian::termpos read_one(Xapian::docid docid) const;

  std::vector<std::uint32_t> starts_;
  std::function<std::string(Xapian::docid)> source_;
};

}  // namespace newsdex
