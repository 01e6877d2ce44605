#include "newsdex/story_table.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>

#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "varint.h"

namespace newsdex {
namespace {

constexpr std::string_view kMembersPrefix = "newsdex.story.members.";
constexpr std::string_view kDayPrefix = "newsdex.story.day.";

std::string day_key(int day) {
  const std::chrono::year_month_day ymd{std::chrono::sys_days{std::chrono::days{day}}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02u%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return std::string(kDayPrefix) + buf;
}

std::string get(const Xapian::Database& db, const std::string& key) {
  try {
    return db.get_metadata(key);
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot read story table: " + e.get_description());
  }
}

}  // namespace

std::optional<int> StoryTable::day_number(std::string_view iso_date) {
  if (iso_date.size() < 10 || iso_date[4] != '-' || iso_date[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  const char* s = iso_date.data();
  if (std::from_chars(s, s + 4, y).ptr != s + 4 || std::from_chars(s + 5, s + 7, m).ptr != s + 7 ||
      std::from_chars(s + 8, s + 10, d).ptr != s + 10)
    return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m},
                                        std::chrono::day{d}};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<int>(std::chrono::sys_days{ymd}.time_since_epoch().count());
}

namespace {

std::string get_string(std::string_view data, std::size_t& pos) {
  const auto n = static_cast<std::size_t>(get_varint(data, pos));
  if (n > data.size() - pos) throw DatabaseError("corrupt story members list");
  std::string out(data.substr(pos, n));
  pos += n;
  return out;
}

void put_string(std::string& out, std::string_view s) {
  put_varint(out, s.size());
  out.append(s);
}

// Each member: its docid's gap from the previous one, then id, outlet, date and title.
std::vector<StoryTable::Member> parse_members(std::string_view data) {
  std::vector<StoryTable::Member> members;
  Xapian::docid last = 0;
  for (std::size_t pos = 0; pos < data.size();) {
    StoryTable::Member m;
    last += static_cast<Xapian::docid>(get_varint(data, pos));
    m.docid = last;
    m.id = get_string(data, pos);
    m.outlet = get_string(data, pos);
    m.date = get_string(data, pos);
    m.title = get_string(data, pos);
    members.push_back(std::move(m));
  }
  return members;
}

}  // namespace

std::vector<StoryTable::Member> StoryTable::member_list(const Xapian::Database& db,
                                                        std::string_view story_id) {
  return parse_members(get(db, std::string(kMembersPrefix) + std::string(story_id)));
}

std::size_t StoryTable::size(const Xapian::Database& db, std::string_view story_id) {
  const std::string data = get(db, std::string(kMembersPrefix) + std::string(story_id));
  if (data.empty()) return 1;
  std::size_t count = 0;
  for (std::size_t pos = 0; pos < data.size(); ++count) {
    get_varint(data, pos);
    for (int field = 0; field < 4; ++field) pos += static_cast<std::size_t>(get_varint(data, pos));
  }
  return count;
}

Xapian::Query StoryTable::filter(const Xapian::Database& db, std::string_view story_id) {
  return filter(story_id, member_list(db, story_id));
}

Xapian::Query StoryTable::filter(std::string_view story_id, const std::vector<Member>& members) {
  const std::string id(story_id);
  if (members.empty())
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kStorySlot, id, id);
  std::vector<Xapian::Query> terms;
  for (const auto& m : members) terms.emplace_back(schema::id_term(m.id));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

void StoryTable::write_members(Xapian::WritableDatabase& db, std::string_view story_id,
                               const std::vector<Member>& members) {
  std::string data;
  if (!members.empty()) {
    Xapian::docid last = 0;
    for (const auto& m : members) {  // ascending: gaps
      put_varint(data, m.docid - last);
      last = m.docid;
      put_string(data, m.id);
      put_string(data, m.outlet);
      put_string(data, m.date);
      std::size_t cut = std::min(m.title.size(), kMaxTitleBytes);
      while (cut < m.title.size() && cut > 0 &&
             (static_cast<unsigned char>(m.title[cut]) & 0xC0) == 0x80)
        --cut;
      put_string(data, std::string_view(m.title).substr(0, cut));
    }
  }
  db.set_metadata(std::string(kMembersPrefix) + std::string(story_id), data);
}

std::vector<StoryTable::DayEntry> StoryTable::day(const Xapian::Database& db, int day) {
  const std::string data = get(db, day_key(day));
  std::vector<DayEntry> entries;
  std::string_view rest = data;
  while (!rest.empty()) {
    std::size_t pos = 0;
    DayEntry entry;
    entry.docid = static_cast<Xapian::docid>(get_varint(rest, pos));
    rest.remove_prefix(pos);
    if (!StorySignature::decode(rest, entry.signature))
      throw DatabaseError("corrupt story table (" + day_key(day) + ")");
    entries.push_back(std::move(entry));
  }
  return entries;
}

void StoryTable::write_day(Xapian::WritableDatabase& db, int day,
                           const std::vector<DayEntry>& entries) {
  std::string data;
  for (const auto& entry : entries) {
    put_varint(data, entry.docid);
    entry.signature.encode(data);
  }
  db.set_metadata(day_key(day), data);
}

}  // namespace newsdex
