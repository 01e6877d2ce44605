#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "newsdex/search_request.h"
#include "newsdex/search_result.h"

namespace newsdex {

// Searches a newsdex database.
//
// Thread safety: a Searcher is not safe for concurrent use (it owns a Xapian database handle
// and an analyzer, neither of which locks). Open one Searcher per thread; opening costs a few
// file opens. Each search() sees the database as last committed by the indexer: a search that
// races with a commit reopens the database and retries.
class Searcher {
 public:
  // Throws DatabaseError when `db_path` is missing, unreadable, or of another schema version.
  explicit Searcher(const std::string& db_path);
  ~Searcher();
  Searcher(Searcher&&) noexcept;
  Searcher& operator=(Searcher&&) noexcept;

  // Throws QuerySyntaxError when the query has no searchable word, DatabaseError on read errors.
  SearchResult search(const SearchRequest& request);

  std::uint64_t document_count() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace newsdex
