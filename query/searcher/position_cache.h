#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace newsdex {

// The positions of (document, term) pairs, each read from the index once per query: the
// re-ranking reads the query words' positions in the best matches, and the snippets of the
// page, which are among them, need the same lists again. Opening a position list is a B-tree
// lookup (about 3,700 instructions on Reuters), most of what either costs.
class PositionCache {
 public:
  explicit PositionCache(const Xapian::Database& db) : db_(db) {}

  // Every position of `term` in `docid`, in order (empty when it has none).
  const std::vector<Xapian::termpos>& positions(Xapian::docid docid, const std::string& term);

  // Whether the list is read already, and a list read elsewhere (on another connection to a
  // shard map's remote parts: ParallelReads).
  bool has(Xapian::docid docid, const std::string& term) const {
    return lists_.find(std::pair{docid, term}) != lists_.end();
  }
  void put(Xapian::docid docid, const std::string& term, std::vector<Xapian::termpos> list) {
    lists_.insert_or_assign({docid, term}, std::move(list));
  }

 private:
  const Xapian::Database& db_;
  std::map<std::pair<Xapian::docid, std::string>, std::vector<Xapian::termpos>, std::less<>> lists_;
};

}  // namespace newsdex
