#pragma once

#include <xapian.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace newsdex {

// Every document's length (the sum of its wdfs, what BM25 normalises by), kept by the indexer
// in the database's metadata so that the query side can score postings from an array: Glass
// looks a length up by decoding its doclen list from the last position on, which cost 85% of a
// single-word query's matching time (about 115 ns a posting on Reuters ×10).
//
// Layout (docs/index-format.md): metadata key "newsdex.doclen.N" holds the lengths of docids
// N·16384 ... N·16384 + 16383 as LEB128 numbers (0: no such document); "newsdex.doclen.state"
// is "DOCCOUNT LASTDOCID TOTAL_LENGTH REVISION" of the revision they were committed with. A
// reader uses the table only when that is the revision it opened: any commit made without
// updating it (Xapian's own flush of a large batch, a writer destroyed mid-batch, another
// program) leaves a mismatch, and the query side falls back to Xapian's own lengths.
//
// The write functions must be called right before the commit they describe.
class DocLengthTable {
 public:
  static constexpr std::uint32_t kChunkDocs = 16384;

  // The table of `db` when it is present and matches the database; nullopt otherwise.
  static std::optional<DocLengthTable> load(const Xapian::Database& db);

  // Length of `docid` (0 when out of range).
  std::uint32_t length(Xapian::docid docid) const {
    return docid < lengths_.size() ? lengths_[docid] : 0;
  }
  // The state string the table was loaded for.
  const std::string& state() const { return state_; }

  // The state string of the revision `db` has open.
  static std::string state_of(const Xapian::Database& db);

  // Writes the whole table of `db` (with its uncommitted changes) into its metadata, and
  // returns it: after a sharded build's merge, a compaction, or when the table is stale.
  static DocLengthTable write_all(Xapian::WritableDatabase& db);

  // Rewrites the chunks holding `docids` from the lengths `db` has now (0 for a deleted
  // document), and the state: before an in-place update's commit.
  static void write_changed(Xapian::WritableDatabase& db, const std::set<Xapian::docid>& docids);

 private:
  std::vector<std::uint32_t> lengths_;
  std::string state_;
};

}  // namespace newsdex
