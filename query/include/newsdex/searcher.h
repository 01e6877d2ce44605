#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "newsdex/search_request.h"
#include "newsdex/search_result.h"

namespace newsdex {

struct SearcherOptions {
  // Threads one search may use: a query with many postings is matched in that many docid
  // ranges at once, each with its own database handle, and the rankings merged (the results
  // are exactly one thread's). 0: one per core (at most 8); 1: never.
  std::size_t threads = 0;
  // Matching in parts pays once the database and the query's postings (the sum of its ranked
  // terms' document frequencies; every document for facets and exact totals) are this big;
  // smaller queries run on one thread.
  std::uint64_t min_documents_for_parts = 20000;
  std::uint64_t min_postings_for_parts = 30000;
  // A database in parts (docs/scaling.md): seconds to wait for a remote part to accept the
  // connection, and for it to answer each request once connected.
  double connect_timeout_seconds = 5;
  double remote_timeout_seconds = 10;
  // A part that cannot be reached or does not answer in time: with this, the other parts'
  // results (SearchResult::parts_answered < parts_total); without it, PartUnavailableError.
  bool allow_partial = false;
};

// Searches a newsdex database.
//
// Thread safety: a Searcher is not safe for concurrent use (it owns a Xapian database handle
// and an analyzer, neither of which locks). Open one Searcher per thread; opening costs a few
// file opens. A Searcher may itself run a search on several threads of its own
// (SearcherOptions::threads), started with its first large query. Each search() sees the
// database as last committed by the indexer: a search that races with a commit reopens the
// database and retries.
class Searcher {
 public:
  // `db_path` is a database folder or a shard map (a Xapian stub file listing local and remote
  // newsdex databases, searched as one archive: docs/scaling.md).
  // Throws DatabaseError when `db_path` is missing, unreadable, or of another schema version,
  // PartUnavailableError when a part of a shard map cannot be reached (and not allow_partial).
  explicit Searcher(const std::string& db_path);
  Searcher(const std::string& db_path, const SearcherOptions& options);
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
