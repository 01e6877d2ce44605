#include "searcher/facet_counter.h"

#include <algorithm>
#include <unordered_map>

namespace newsdex {

std::vector<Xapian::docid> MatchedDocids::take() {
  if (!std::is_sorted(docids_.begin(), docids_.end())) std::sort(docids_.begin(), docids_.end());
  return std::move(docids_);
}

std::map<std::string, Xapian::doccount> count_values(const Xapian::Database& db,
                                                     Xapian::valueno slot, std::size_t length,
                                                     const std::vector<Xapian::docid>& docids) {
  // Values repeat (a few hundred outlets, months): count in a hash map, sort once at the end.
  std::unordered_map<std::string, Xapian::doccount> counts;
  auto values = db.valuestream_begin(slot);
  const auto end = db.valuestream_end(slot);
  for (const Xapian::docid docid : docids) {
    if (values == end) break;
    if (values.get_docid() < docid) values.skip_to(docid);
    if (values == end) break;
    if (values.get_docid() != docid) continue;
    std::string value = *values;
    if (length > 0 && value.size() > length) value.resize(length);
    ++counts[value];
  }
  return {counts.begin(), counts.end()};
}

std::map<std::string, Xapian::doccount> count_prefixed_terms(
    const Xapian::Database& db, const std::string& prefix,
    const std::vector<Xapian::docid>& docids) {
  std::map<std::string, Xapian::doccount> counts;
  if (docids.empty()) return counts;
  // A bitmap of the matches: each value's posting list is tested docid by docid.
  const Xapian::docid last = docids.back();
  std::vector<bool> matched(static_cast<std::size_t>(last) + 1, false);
  for (const auto d : docids) matched[d] = true;
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    Xapian::doccount n = 0;
    for (auto p = db.postlist_begin(*term); p != db.postlist_end(*term) && *p <= last; ++p)
      n += matched[*p];
    if (n > 0) counts[(*term).substr(prefix.size())] = n;
  }
  return counts;
}

FacetTable FacetTable::from_values(const Xapian::Database& db, Xapian::valueno slot,
                                   std::size_t length) {
  FacetTable table;
  const std::size_t docs = static_cast<std::size_t>(db.get_lastdocid()) + 1;
  std::vector<std::uint32_t> value_of(docs, UINT32_MAX);
  std::unordered_map<std::string, std::uint32_t> ids;
  for (auto it = db.valuestream_begin(slot); it != db.valuestream_end(slot); ++it) {
    std::string value = *it;
    if (length > 0 && value.size() > length) value.resize(length);
    auto [entry, added] = ids.try_emplace(value, static_cast<std::uint32_t>(table.names_.size()));
    if (added) table.names_.push_back(value);
    value_of[it.get_docid()] = entry->second;
  }
  table.offsets_.reserve(docs + 1);
  for (const auto id : value_of) {
    table.offsets_.push_back(static_cast<std::uint32_t>(table.ids_.size()));
    if (id != UINT32_MAX) table.ids_.push_back(id);
  }
  table.offsets_.push_back(static_cast<std::uint32_t>(table.ids_.size()));
  return table;
}

FacetTable FacetTable::from_terms(const Xapian::Database& db, const std::string& prefix) {
  FacetTable table;
  const std::size_t docs = static_cast<std::size_t>(db.get_lastdocid()) + 1;
  std::vector<std::vector<std::uint32_t>> values_of(docs);
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    const auto id = static_cast<std::uint32_t>(table.names_.size());
    table.names_.push_back((*term).substr(prefix.size()));
    for (auto p = db.postlist_begin(*term); p != db.postlist_end(*term); ++p)
      values_of[*p].push_back(id);
  }
  table.offsets_.reserve(docs + 1);
  for (const auto& values : values_of) {
    table.offsets_.push_back(static_cast<std::uint32_t>(table.ids_.size()));
    table.ids_.insert(table.ids_.end(), values.begin(), values.end());
  }
  table.offsets_.push_back(static_cast<std::uint32_t>(table.ids_.size()));
  return table;
}

std::map<std::string, Xapian::doccount> FacetTable::count(
    const std::vector<Xapian::docid>& docids) const {
  std::vector<Xapian::doccount> counts(names_.size(), 0);
  for (const Xapian::docid d : docids) {
    if (d + 1 >= offsets_.size()) continue;  // added since the table was built: not possible
    for (std::uint32_t i = offsets_[d]; i < offsets_[d + 1]; ++i) ++counts[ids_[i]];
  }
  std::map<std::string, Xapian::doccount> out;
  for (std::size_t i = 0; i < names_.size(); ++i)
    if (counts[i] > 0) out.emplace(names_[i], counts[i]);
  return out;
}

}  // namespace newsdex
