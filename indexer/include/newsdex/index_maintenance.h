#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace newsdex {

struct IndexStats {
  std::uint64_t articles = 0;
  std::uint64_t distinct_terms = 0;  // every term, prefixed ones included
  std::uint64_t total_words = 0;     // indexed word occurrences (sum of document lengths)
  std::uint64_t bytes_on_disk = 0;
  std::string first_date;  // ISO 8601; empty when no article is dated
  std::string last_date;
  std::vector<std::pair<std::string, std::uint64_t>> outlets;  // most articles first
  std::vector<std::string> keyword_fields;
};

// Reads a database's statistics. Throws DatabaseError when it cannot be opened.
IndexStats index_stats(const std::string& db_path);

// Compacts a database in place, safely: the compacted copy is written beside it while the
// writer lock is held, then swapped in with one atomic rename (renameat2 RENAME_EXCHANGE), so a
// crash at any moment leaves either the old or the new database, never neither. Searches keep
// their snapshot; a reader opening during the swap sees one of the two. Throws
// DatabaseLockedError while another writer is running, DatabaseError on failure.
void compact_index(const std::string& db_path);

}  // namespace newsdex
