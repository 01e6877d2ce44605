#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "searcher/position_cache.h"

namespace newsdex {

// Reads of a shard map's documents and position lists spread over several connections at
// once. Each read of a remote part is a round trip (about 0.1 ms on loopback, more between
// machines), and a query's lead re-ranking and snippets need dozens: one document and one
// position list per query word for each of the best 20 matches. Xapian 1.4's protocol answers
// one request at a time per connection, so the reads go out on several.
class ParallelReads {
 public:
  // `handles`: the same parts, in the same order, each handle with connections of its own
  // (their docids are the searcher's).
  explicit ParallelReads(std::vector<Xapian::Database> handles) : handles_(std::move(handles)) {}

  // Fetches the documents of `docids` not in `documents`, and the positions of `terms` in
  // `docids` not in `positions`. Rethrows a read's failure (a NetworkError) after every read
  // has ended.
  void fetch(const std::vector<Xapian::docid>& docids, const std::vector<std::string>& terms,
             std::unordered_map<Xapian::docid, Xapian::Document>& documents,
             PositionCache& positions);

  std::size_t size() const { return handles_.size(); }

 private:
  std::vector<Xapian::Database> handles_;
};

}  // namespace newsdex
