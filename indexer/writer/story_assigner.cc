#include "writer/story_assigner.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <numeric>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "newsdex/hashing.h"
#include "newsdex/record_compression.h"
#include "newsdex/schema.h"
#include "newsdex/stored_article.h"
#include "newsdex/story_table.h"

namespace newsdex {
namespace {

// Disjoint sets of entries, joined by links, each knowing the days its articles span.
class LinkedSets {
 public:
  struct Span {
    int first = 0, last = 0;
  };
  explicit LinkedSets(std::vector<Span> spans) : parent_(spans.size()), spans_(std::move(spans)) {
    std::iota(parent_.begin(), parent_.end(), std::uint32_t{0});
  }
  std::uint32_t find(std::uint32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  // Joins the sets of a and b unless together they would span more than `max_days`.
  void link(std::uint32_t a, std::uint32_t b, int max_days) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    const Span joined{std::min(spans_[a].first, spans_[b].first),
                      std::max(spans_[a].last, spans_[b].last)};
    if (joined.last - joined.first > max_days) return;
    parent_[std::max(a, b)] = std::min(a, b);
    spans_[std::min(a, b)] = joined;
  }

 private:
  std::vector<std::uint32_t> parent_;
  std::vector<Span> spans_;
};

struct Link {
  double similarity;
  std::uint32_t a, b;
};

struct Entry {
  Xapian::docid docid = 0;
  int day = 0;
  StorySignature signature;
  bool fresh = false;    // of this batch
  std::string founding;  // fresh: the story it was written with; else its story now
};

std::uint64_t keyword_day_key(std::uint32_t hash, int day) {
  return (std::uint64_t{hash} << 32) | static_cast<std::uint32_t>(day);
}

// Candidates share this many keywords: one shared name or number is common among the week's
// unrelated articles, and the threshold rejects them anyway.
constexpr unsigned kMinSharedKeywords = 2;

// Runs fn(begin, end, part) on `threads` consecutive slices of [0, n), each on its own thread;
// rethrows the first slice's failure once all have ended.
template <typename Fn>
void in_slices(std::size_t n, std::size_t threads, const Fn& fn) {
  threads = std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(n / 1000, 1));
  std::vector<std::exception_ptr> failures(threads);
  const auto run = [&](std::size_t t) {
    try {
      fn(n * t / threads, n * (t + 1) / threads, t);
    } catch (...) {
      failures[t] = std::current_exception();
    }
  };
  {
    std::vector<std::jthread> running;
    for (std::size_t t = 1; t < threads; ++t) running.emplace_back(run, t);
    run(0);
  }
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
}

// What a collapsed hit shows of an article, from its stored record.
StoryTable::Member card_of(const Xapian::Database& db, Xapian::docid docid) {
  const Xapian::Document doc = db.get_document(docid);
  Article article =
      decode_stored_record(
          RecordDecompressor().decompress(doc.get_value(schema::kStoredRecordSlot)), false)
          .article;
  return {docid, std::move(article.id), std::move(article.outlet), std::move(article.date),
          std::move(article.title)};
}

std::string story_of(const Xapian::Database& db, Xapian::docid docid) {
  return db.get_document(docid).get_value(schema::kStorySlot);
}

}  // namespace

void StoryAssigner::add(StoryTable::Member card, std::optional<int> day, std::string founding,
                        StoryFeatures features) {
  const Xapian::docid docid = card.docid;
  pending_.push_back({docid, day, std::move(founding), std::move(features), std::move(card)});
  pending_docids_.insert(docid);
}

void StoryAssigner::forget(const std::vector<Xapian::docid>& docids) {
  std::unordered_set<Xapian::docid> gone;
  for (const auto docid : docids)
    if (pending_docids_.erase(docid) > 0) gone.insert(docid);
  if (!gone.empty())
    std::erase_if(pending_, [&](const Pending& p) { return gone.contains(p.docid); });
}

void StoryAssigner::remove(Xapian::WritableDatabase& db, Xapian::docid docid) {
  forget({docid});
  Xapian::Document doc;
  try {
    doc = db.get_document(docid);
  } catch (const Xapian::DocNotFoundError&) {
    return;
  }
  const std::string story = doc.get_value(schema::kStorySlot);
  auto members = StoryTable::member_list(db, story);
  if (std::erase_if(members, [&](const StoryTable::Member& m) { return m.docid == docid; }) > 0)
    StoryTable::write_members(db, story, members);
  if (const auto day = StoryTable::day_number(doc.get_value(schema::kDateSlot))) {
    auto entries = StoryTable::day(db, *day);
    if (std::erase_if(entries, [&](const StoryTable::DayEntry& e) { return e.docid == docid; }) > 0)
      StoryTable::write_day(db, *day, entries);
  }
}

StoryAssigner::Outcome StoryAssigner::assign(Xapian::WritableDatabase& db,
                                             const DocumentFrequency& document_frequency) {
  const StoryChanges changes = plan(&db, document_frequency, db.get_doccount());
  write_values(db, changes, 1, db.get_lastdocid());
  write_tables(db, changes);
  return changes.outcome;
}

void StoryAssigner::write_values(Xapian::WritableDatabase& db, const StoryChanges& changes,
                                 Xapian::docid first, Xapian::docid last) {
  for (auto it = changes.stories.lower_bound(first);
       it != changes.stories.end() && it->first <= last; ++it) {
    Xapian::Document doc = db.get_document(it->first);
    // Only a value changes: Glass rewrites the document's values, not its terms.
    doc.add_value(schema::kStorySlot, it->second);
    db.replace_document(it->first, doc);
  }
}

void StoryAssigner::write_tables(Xapian::WritableDatabase& db, const StoryChanges& changes) {
  for (const auto& [story, members] : changes.members)
    StoryTable::write_members(db, story, members);
  for (const auto& [day, entries] : changes.days) StoryTable::write_day(db, day, entries);
}

StoryAssigner::StoryChanges StoryAssigner::plan(const Xapian::Database* db,
                                                const DocumentFrequency& document_frequency,
                                                std::uint64_t documents) {
  StoryChanges changes;
  Outcome& outcome = changes.outcome;
  if (pending_.empty()) return changes;
  // Workers hand articles over in the order they finish them.
  std::sort(pending_.begin(), pending_.end(),
            [](const Pending& a, const Pending& b) { return a.docid < b.docid; });
  std::unordered_map<std::uint32_t, std::uint32_t> batch_counts;
  if (!document_frequency) {
    // Counted in slices on the threads, then summed.
    const std::size_t slices = std::clamp<std::size_t>(
        options_.threads, 1, std::max<std::size_t>(pending_.size() / 1000, 1));
    std::vector<std::unordered_map<std::uint32_t, std::uint32_t>> counts(slices);
    in_slices(pending_.size(), slices, [&](std::size_t begin, std::size_t end, std::size_t slice) {
      for (std::size_t i = begin; i < end; ++i)
        for (const auto& term : pending_[i].features.terms) ++counts[slice][term.hash];
    });
    batch_counts = std::move(counts[0]);
    for (std::size_t slice = 1; slice < slices; ++slice)
      for (const auto& [hash, count] : counts[slice]) batch_counts[hash] += count;
  }
  const DocumentFrequency batch_frequency = [&](std::uint32_t hash) -> std::uint64_t {
    const auto it = batch_counts.find(hash);
    return it == batch_counts.end() ? 1 : it->second;
  };
  const auto& frequency = document_frequency ? document_frequency : batch_frequency;

  std::vector<Entry> entries;
  std::set<int> window;
  outcome.articles = pending_.size();
  std::unordered_map<Xapian::docid, const StoryTable::Member&> pending_cards;
  for (const auto& p : pending_) pending_cards.emplace(p.docid, p.card);
  std::vector<const Pending*> dated;
  for (const auto& p : pending_) {
    if (!p.day) continue;
    dated.push_back(&p);
    for (int d = *p.day - options_.window_days; d <= *p.day + options_.window_days; ++d)
      window.insert(d);
  }
  entries.resize(dated.size());
  in_slices(dated.size(), options_.threads, [&](std::size_t begin, std::size_t end, std::size_t) {
    for (std::size_t i = begin; i < end; ++i)
      entries[i] = {dated[i]->docid, *dated[i]->day,
                    StorySignature(dated[i]->features, frequency, documents), true,
                    dated[i]->founding};
  });
  const std::size_t fresh_count = entries.size();
  std::unordered_map<Xapian::docid, std::uint32_t> fresh_index;
  for (std::uint32_t i = 0; i < fresh_count; ++i) fresh_index.emplace(entries[i].docid, i);
  std::map<int, std::vector<StoryTable::DayEntry>> stored;
  for (const int day : window) {
    auto day_entries = db ? StoryTable::day(*db, day) : std::vector<StoryTable::DayEntry>{};
    // An entry whose article is gone (a batch that failed half-way) is dropped, and goes
    // from the day's table when the day is written again.
    std::erase_if(day_entries, [&](const StoryTable::DayEntry& e) {
      try {
        entries.push_back({e.docid, day, e.signature, false, story_of(*db, e.docid)});
        return false;
      } catch (const Xapian::DocNotFoundError&) {
        return true;
      }
    });
    stored.emplace(day, std::move(day_entries));
  }

  // Exact duplicates (the same keywords the same day: copies of one wire story) are one entry
  // to the candidate search, the first of them, and linked to it at similarity 1: a story
  // republished a hundred times costs one article's search, not a hundred squared.
  std::vector<std::uint32_t> representative(entries.size());
  {
    std::unordered_map<std::uint64_t, std::uint32_t> first_of;
    std::vector<std::string> encoded(entries.size());
    for (std::uint32_t i = 0; i < entries.size(); ++i) {
      entries[i].signature.encode(encoded[i]);
      const std::uint64_t key =
          Fnv1a64().add(encoded[i]).add(std::to_string(entries[i].day)).value();
      const auto [it, added] = first_of.try_emplace(key, i);
      const std::uint32_t first = it->second;
      // An empty signature (no word to go by) is nobody's copy; a threshold above 1 links
      // nothing, copies included.
      representative[i] =
          !added && options_.threshold <= 1 && !entries[i].signature.keywords().empty() &&
                  entries[first].day == entries[i].day && encoded[first] == encoded[i]
              ? first
              : i;
    }
  }

  // Keyword and day -> the entries with that keyword that day, and the keyword's weight in
  // each: one flat array, so that a pair's dot product adds up while its candidates are found.
  struct Posting {
    std::uint32_t entry;
    std::uint32_t weight;
  };
  std::unordered_map<std::uint64_t, std::pair<std::uint32_t, std::uint32_t>> ranges;
  ranges.reserve(entries.size() * StorySignature::kKeywords);
  for (std::uint32_t i = 0; i < entries.size(); ++i)
    if (representative[i] == i)
      for (const auto& k : entries[i].signature.keywords())
        ++ranges[keyword_day_key(k.hash, entries[i].day)].second;
  std::uint32_t offset = 0;
  for (auto& [key, range] : ranges) {
    range.first = offset;
    offset += range.second;
    range.second = 0;
  }
  std::vector<Posting> postings(offset);
  std::vector<std::uint32_t> norms(entries.size(), 0);
  for (std::uint32_t i = 0; i < entries.size(); ++i) {
    for (const auto& k : entries[i].signature.keywords()) {
      norms[i] += std::uint32_t{k.weight} * k.weight;
      if (representative[i] != i) continue;
      auto& range = ranges[keyword_day_key(k.hash, entries[i].day)];
      postings[range.first + range.second++] = {i, k.weight};
    }
  }

  // Each slice of this batch's entries on its own thread, with its own counters; the links
  // are sorted below, so the outcome does not depend on the threads.
  const std::size_t slices =
      std::clamp<std::size_t>(options_.threads, 1, std::max<std::size_t>(fresh_count / 1000, 1));
  std::vector<std::vector<Link>> slice_links(slices);
  in_slices(fresh_count, slices, [&](std::size_t begin, std::size_t end, std::size_t slice) {
    std::vector<std::uint8_t> shared(entries.size(), 0);
    std::vector<std::uint32_t> dot(entries.size(), 0);
    std::vector<std::uint32_t> touched;
    auto& found = slice_links[slice];
    for (auto i = static_cast<std::uint32_t>(begin); i < end; ++i) {
      if (representative[i] != i) continue;
      const Entry& entry = entries[i];
      touched.clear();
      for (const auto& k : entry.signature.keywords()) {
        for (int d = entry.day - options_.window_days; d <= entry.day + options_.window_days; ++d) {
          const auto it = ranges.find(keyword_day_key(k.hash, d));
          if (it == ranges.end()) continue;
          const Posting* p = postings.data() + it->second.first;
          for (const Posting* stop = p + it->second.second; p != stop; ++p) {
            const std::uint32_t j = p->entry;
            // A pair of this batch's articles is looked at once, from its later one.
            if (j == i || (j < fresh_count && j > i)) continue;
            if (shared[j]++ == 0) touched.push_back(j);
            dot[j] += std::uint32_t{k.weight} * p->weight;
          }
        }
      }
      for (const auto j : touched) {
        if (shared[j] >= kMinSharedKeywords && norms[i] > 0 && norms[j] > 0) {
          // StorySignature::similarity, from the dot product summed above.
          const double similarity =
              dot[j] / std::sqrt(static_cast<double>(norms[i]) * static_cast<double>(norms[j]));
          if (similarity >= options_.threshold) found.push_back({similarity, i, j});
        }
        shared[j] = 0;
        dot[j] = 0;
      }
    }
  });
  std::vector<Link> links;
  for (auto& found : slice_links) links.insert(links.end(), found.begin(), found.end());
  for (std::uint32_t i = 0; i < entries.size(); ++i)
    if (const auto first = representative[i];
        first != i && (first < fresh_count || i < fresh_count))
      links.push_back({1.0, first, i});
  // Strongest links first, so that where the span limit refuses one, it refuses the weakest:
  // single links would otherwise chain a daily market report into a month-long story.
  std::sort(links.begin(), links.end(), [&](const Link& x, const Link& y) {
    if (x.similarity != y.similarity) return x.similarity > y.similarity;
    const auto key = [&](const Link& l) {
      return std::minmax(entries[l.a].docid, entries[l.b].docid);
    };
    return key(x) < key(y);
  });
  // A story's members as this plan leaves them so far: its changes over the database's.
  const auto members_now = [&](const std::string& story) -> std::vector<StoryTable::Member> {
    if (const auto it = changes.members.find(story); it != changes.members.end()) return it->second;
    return db ? StoryTable::member_list(*db, story) : std::vector<StoryTable::Member>{};
  };
  std::vector<LinkedSets::Span> spans;
  std::map<std::string, LinkedSets::Span> story_spans;  // the archive's stories met
  for (const auto& e : entries) {
    LinkedSets::Span span{e.day, e.day};
    if (!e.fresh) {
      const std::string& story = e.founding;
      auto [it, added] = story_spans.try_emplace(story, span);
      if (added)
        for (const auto& member : StoryTable::member_list(*db, story))
          if (const auto day = StoryTable::day_number(member.date)) {
            it->second.first = std::min(it->second.first, *day);
            it->second.last = std::max(it->second.last, *day);
          }
      span = it->second;
    }
    spans.push_back(span);
  }
  LinkedSets sets(std::move(spans));
  // The archive's articles of one story are one set from the start (their span is the
  // story's), so that the batch extends a story only within the window.
  {
    std::map<std::string, std::uint32_t> first_of_story;
    for (auto i = static_cast<std::uint32_t>(fresh_count); i < entries.size(); ++i) {
      const auto [it, added] = first_of_story.try_emplace(entries[i].founding, i);
      if (!added) sets.link(it->second, i, std::numeric_limits<int>::max());
    }
  }
  for (const auto& link : links) sets.link(link.a, link.b, options_.window_days);

  // Sets with an article of this batch, each listed in entry order (a set's root is its
  // smallest entry, so a set without one has a root of the archive's).
  std::vector<std::pair<std::uint32_t, std::uint32_t>> by_set;  // (root, entry)
  for (std::uint32_t i = 0; i < entries.size(); ++i)
    if (const auto root = sets.find(i); root < fresh_count) by_set.emplace_back(root, i);
  std::sort(by_set.begin(), by_set.end());
  std::vector<std::uint32_t> members;
  std::unordered_set<Xapian::docid> grouped;  // batch articles in a story of two or more
  for (std::size_t at = 0; at < by_set.size();) {
    members.clear();
    const std::uint32_t root = by_set[at].first;
    for (; at < by_set.size() && by_set[at].first == root; ++at)
      members.push_back(by_set[at].second);
    if (members.size() < 2) continue;  // alone
    // The story to keep: the archive's story with the earliest article in the set (each of
    // the archive's stories is in one set only); else the founding story of the batch's
    // earliest article.
    std::string target;
    std::pair<int, std::string> earliest_old{0, {}};
    std::pair<int, std::string> earliest_fresh{0, {}};
    std::set<std::string> old_stories;
    std::map<Xapian::docid, StoryTable::Member> cards;
    std::map<Xapian::docid, std::string> current;  // each article's story before this set
    for (const auto i : members) {
      const Entry& e = entries[i];
      if (e.fresh) {
        cards[e.docid] = pending_cards.at(e.docid);
        grouped.insert(e.docid);
      }
      const std::string& story = e.founding;  // its story before this set
      current[e.docid] = story;
      if (e.fresh) {
        ++outcome.joined;
        if (earliest_fresh.second.empty() || std::pair(e.day, story) < earliest_fresh)
          earliest_fresh = {e.day, story};
      } else {
        old_stories.insert(story);
        // The story with the earliest article keeps its id (then the smaller id).
        const std::pair candidate(story_spans.at(e.founding).first, story);
        if (target.empty() || candidate < earliest_old) {
          earliest_old = candidate;
          target = story;
        }
      }
    }
    if (target.empty()) {
      target = earliest_fresh.second;
      // The founding id of an article indexed again (after its deletion, or with the text it
      // had before) may still name its old story: a new story needs its own.
      if (!members_now(target).empty()) target = founding_story_id(target, "again");
    }
    for (const auto& story : old_stories) {
      for (auto& member : members_now(story)) {
        current.emplace(member.docid, story);
        cards.emplace(member.docid, std::move(member));
      }
      if (story != target) changes.members[story] = {};
    }
    // An archive article that was a story of its own has no card yet: from its record.
    for (const auto i : members)
      if (!entries[i].fresh && !cards.contains(entries[i].docid))
        cards[entries[i].docid] = card_of(*db, entries[i].docid);
    for (const auto& [docid, card] : cards)
      if (current.at(docid) != target) changes.stories[docid] = target;
    auto& listed = changes.members[target];
    listed.clear();
    for (auto& [docid, card] : cards) listed.push_back(std::move(card));
  }
  // A batch article alone in its story, with a founding id an old story still has (indexed
  // again, see above): its own id.
  for (const auto& p : pending_)
    if (!grouped.contains(p.docid) && !members_now(p.founding).empty())
      changes.stories[p.docid] = founding_story_id(p.founding, "again");
  outcome.documents_rewritten = changes.stories.size();

  for (std::uint32_t i = 0; i < fresh_count; ++i)
    stored[entries[i].day].push_back({entries[i].docid, entries[i].signature});
  for (std::uint32_t i = 0; i < fresh_count; ++i)
    if (!changes.days.contains(entries[i].day))
      changes.days.emplace(entries[i].day, stored[entries[i].day]);
  pending_.clear();
  pending_docids_.clear();
  return changes;
}

}  // namespace newsdex
