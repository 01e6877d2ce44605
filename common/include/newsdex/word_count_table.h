#pragma once

#include <xapian.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace newsdex {

// The archive's surface words (folded as the analyzer folds, not stemmed: "coffee") with the
// number of articles each is in: what "did you mean" suggests from. Kept by the indexer in the
// database's metadata (docs/index-format.md): keys "newsdex.words.N" (N = 0, 1, ...) each hold
// a run of the words in byte order, each as its bytes, a NUL and its count as LEB128; a chunk
// ends at about kChunkBytes. Xapian's own spelling table was the first home for them and cost
// more than the rest of indexing (each word's fragments written per shard).
class WordCountTable {
 public:
  static constexpr std::size_t kChunkBytes = 256 * 1024;

  // Every word and count of `db`, sorted by word; empty when it has no table.
  static std::vector<std::pair<std::string, std::uint32_t>> read(const Xapian::Database& db);

  // Adds `counts` to the table of `db` (read, merged, written back; committed with the next
  // commit). An article replaced or deleted keeps its counts: readers check that a suggested
  // word is still indexed.
  static void add(Xapian::WritableDatabase& db,
                  std::vector<std::pair<std::string, std::uint32_t>> counts);
};

}  // namespace newsdex
