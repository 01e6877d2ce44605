#include "searcher/position_cache.h"

namespace newsdex {

const std::vector<Xapian::termpos>& PositionCache::positions(Xapian::docid docid,
                                                             const std::string& term) {
  auto [it, added] = lists_.try_emplace({docid, term});
  if (added)
    it->second.assign(db_.positionlist_begin(docid, term), db_.positionlist_end(docid, term));
  return it->second;
}

}  // namespace newsdex
