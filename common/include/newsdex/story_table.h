#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "newsdex/story_signature.h"

namespace newsdex {

// The stories of a database, as the indexer keeps them in its metadata (docs/index-format.md
// "Stories"): each document's story id is in value slot schema::kStorySlot; a story of two or
// more articles has its members under "newsdex.story.members.ID", each with what a collapsed
// hit shows of it (an article that never shared its story has no key); and the signatures of each
// publication day's articles are under "newsdex.story.day.YYYYMMDD", where an update finds the
// articles a new one may join.
class StoryTable {
 public:
  // A story's article as a collapsed hit lists it: read with the story, so that listing a
  // story's articles needs no stored record (Reuters ×10: five times the query's time).
  struct Member {
    Xapian::docid docid = 0;
    std::string id, outlet, date, title;
  };
  // Titles longer than this are cut (at a character boundary) in the members list.
  static constexpr std::size_t kMaxTitleBytes = 200;

  struct DayEntry {
    Xapian::docid docid = 0;
    StorySignature signature;
  };

  // Days since 1970-01-01 of an ISO 8601 date's day; nullopt when it has none.
  static std::optional<int> day_number(std::string_view iso_date);

  // The story's articles, ascending by docid, with what is shown of each; empty for an
  // article that never shared its story.
  static std::vector<Member> member_list(const Xapian::Database& db, std::string_view story_id);
  // How many articles the story has (1 for a story without a members key).
  static std::size_t size(const Xapian::Database& db, std::string_view story_id);
  // `members` ascending by docid; none removes the key. A story left with one article keeps
  // its key: its id is not that article's founding id, and an article indexed again under
  // that founding id must see that the id is taken.
  // A boolean query matching the story's articles: its members' id terms, or for a story of
  // one (no members key) the articles whose story value is the id (a scan of the slot).
  static Xapian::Query filter(const Xapian::Database& db, std::string_view story_id);
  // The same from the story's members already read (a shard map's, from every part).
  static Xapian::Query filter(std::string_view story_id, const std::vector<Member>& members);
  static void write_members(Xapian::WritableDatabase& db, std::string_view story_id,
                            const std::vector<Member>& members);

  static std::vector<DayEntry> day(const Xapian::Database& db, int day);
  static void write_day(Xapian::WritableDatabase& db, int day,
                        const std::vector<DayEntry>& entries);
};

}  // namespace newsdex
