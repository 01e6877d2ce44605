#include "writer/part_splitter.h"

#include <algorithm>
#include <exception>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "newsdex/doc_length_table.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "newsdex/shard_map.h"
#include "newsdex/story_table.h"
#include "newsdex/word_count_table.h"

namespace newsdex {
namespace {

constexpr std::string_view kMembersPrefix = "newsdex.story.members.";
constexpr std::string_view kDayPrefix = "newsdex.story.day.";

// Where a document of the whole build went.
struct Placement {
  std::uint32_t part = 0;
  Xapian::docid docid = 0;
};

}  // namespace

std::vector<std::size_t> split_into_parts(const std::filesystem::path& whole,
                                          const std::filesystem::path& folder, std::size_t parts) {
  const Xapian::Database source(whole.string());
  std::vector<Xapian::WritableDatabase> out;
  std::vector<std::string> map_lines;
  for (std::size_t k = 0; k < parts; ++k) {
    const auto path = folder / part_folder_name(k);
    out.emplace_back(path.string(), Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
    map_lines.push_back("auto " + part_folder_name(k));
  }
  // Where each document goes, from its id term alone (one pass over the id terms).
  std::unordered_map<Xapian::docid, Placement> placed;
  placed.reserve(source.get_doccount());
  const std::string id_prefix(schema::kIdPrefix);
  for (auto term = source.allterms_begin(id_prefix); term != source.allterms_end(id_prefix);
       ++term) {
    const auto part = static_cast<std::uint32_t>(part_of((*term).substr(id_prefix.size()), parts));
    for (auto posting = source.postlist_begin(*term); posting != source.postlist_end(*term);
         ++posting)
      placed[*posting] = {part, 0};
  }
  if (placed.size() != source.get_doccount())
    throw DatabaseError("a document without an id term cannot be placed in a part");
  // Copying a document (its terms, positions, values, record) is most of the split's time:
  // each part is copied on its own thread, with its own handle on the build, in docid order,
  // so that its docids follow the build's order.
  std::vector<Xapian::docid> in_order;
  in_order.reserve(placed.size());
  for (const auto& [docid, place] : placed) in_order.push_back(docid);
  std::sort(in_order.begin(), in_order.end());
  std::vector<std::size_t> counts(parts, 0);
  std::vector<std::exception_ptr> failures(parts);
  std::vector<std::vector<std::pair<Xapian::docid, Xapian::docid>>> copied(parts);
  {
    std::vector<std::jthread> threads;
    for (std::size_t k = 0; k < parts; ++k)
      threads.emplace_back([&, k] {
        try {
          const Xapian::Database own(whole.string());
          for (const Xapian::docid docid : in_order) {
            if (placed.at(docid).part != k) continue;
            copied[k].emplace_back(docid, out[k].add_document(own.get_document(docid)));
          }
        } catch (...) {
          failures[k] = std::current_exception();
        }
      });
  }
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
  for (std::size_t k = 0; k < parts; ++k) {
    counts[k] = copied[k].size();
    for (const auto& [from, to] : copied[k]) placed[from].docid = to;
  }

  const std::string version = source.get_metadata(std::string(schema::kSchemaVersionKey));
  const std::string fields = source.get_metadata(std::string(schema::kKeywordFieldsKey));
  for (auto& part : out) {
    part.set_metadata(std::string(schema::kSchemaVersionKey), version);
    if (!fields.empty()) part.set_metadata(std::string(schema::kKeywordFieldsKey), fields);
  }
  // Summed by a shard map's reader: kept once.
  WordCountTable::add(out.front(), WordCountTable::read(source));

  const std::string members_prefix(kMembersPrefix);
  for (auto key = source.metadata_keys_begin(members_prefix);
       key != source.metadata_keys_end(members_prefix); ++key) {
    const std::string story = (*key).substr(members_prefix.size());
    std::vector<std::vector<StoryTable::Member>> members(parts);
    std::vector<bool> listed(parts, false);
    for (auto& m : StoryTable::member_list(source, story)) {
      const auto where = placed.find(m.docid);
      if (where == placed.end()) continue;
      m.docid = where->second.docid;
      listed[where->second.part] = true;
      members[where->second.part].push_back(std::move(m));
    }
    // A part's members keep the whole build's docid order, so stay ascending.
    for (std::size_t k = 0; k < parts; ++k)
      if (listed[k]) StoryTable::write_members(out[k], story, members[k]);
  }

  const std::string day_prefix(kDayPrefix);
  for (auto key = source.metadata_keys_begin(day_prefix);
       key != source.metadata_keys_end(day_prefix); ++key) {
    const std::string digits = (*key).substr(day_prefix.size());
    if (digits.size() != 8) continue;
    const auto day = StoryTable::day_number(digits.substr(0, 4) + "-" + digits.substr(4, 2) + "-" +
                                            digits.substr(6, 2));
    if (!day) continue;
    std::vector<std::vector<StoryTable::DayEntry>> entries(parts);
    for (auto& entry : StoryTable::day(source, *day)) {
      const auto where = placed.find(entry.docid);
      if (where == placed.end()) continue;
      entry.docid = where->second.docid;
      entries[where->second.part].push_back(std::move(entry));
    }
    for (std::size_t k = 0; k < parts; ++k)
      if (!entries[k].empty()) StoryTable::write_day(out[k], *day, entries[k]);
  }

  for (auto& part : out) {
    DocLengthTable::write_all(part);
    part.commit();
    part.close();
  }
  ShardMap::write(folder / "XAPIANDB", map_lines);
  return counts;
}

}  // namespace newsdex
