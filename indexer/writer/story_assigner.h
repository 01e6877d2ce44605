#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "newsdex/index_job.h"
#include "newsdex/story_signature.h"
#include "newsdex/story_table.h"

namespace newsdex {

// Puts the articles of a batch into stories (docs/stories.md): each article's keyword
// signature is compared with those of the articles published within the window around it,
// the candidates being the articles that share at least two keywords with it on those days
// (an index by keyword and day, so the cost of an article does not grow with the archive);
// two articles whose similarity reaches the threshold are linked, and a story is a set of
// linked articles (single link). An article joins the stories of the archive's articles it
// links to; stories it links together become one, keeping the id of the story with the
// earliest article; articles linked only among themselves found a story with the id of the
// earliest of them. The outcome depends only on the articles, not on the order they are
// built in, so that any --jobs gives the same stories.
class StoryAssigner {
 public:
  explicit StoryAssigner(StoryOptions options = {}) : options_(options) {}

  // The article under `docid` in this batch, written with its founding story id `founding` in
  // value schema::kStorySlot; `day` is its publication day (StoryTable::day_number). An article
  // without a day stays a story of its own.
  // `card` (docid included) is what a collapsed hit will show of it.
  void add(StoryTable::Member card, std::optional<int> day, std::string founding,
           StoryFeatures features);
  // The article under `docid` is about to be deleted or replaced: takes it out of its story
  // (the story keeps its id) and of its day's signatures.
  void remove(Xapian::WritableDatabase& db, Xapian::docid docid);
  // Takes batch articles out before assignment (superseded in a sharded build).
  void forget(const std::vector<Xapian::docid>& docids);
  std::size_t pending() const { return pending_.size(); }

  struct Outcome {
    std::size_t articles = 0;             // assigned in this batch
    std::size_t joined = 0;               // of those, put in a story of two or more
    std::size_t documents_rewritten = 0;  // whose story value changed
  };
  using DocumentFrequency = std::function<std::uint64_t(std::uint32_t)>;
  // Assigns the batch in `db`, which holds its articles (uncommitted changes are seen).
  // `document_frequency`: articles of the archive holding a feature hash; when empty, the
  // batch's own counts (right for a new database, whose batch is the archive).
  Outcome assign(Xapian::WritableDatabase& db, const DocumentFrequency& document_frequency = {});

  // assign() in steps, for a new database built in shards: plan() with no database (the batch
  // is the whole archive of `documents` articles), write_values() into each shard before the
  // merge (its docids from first to last), write_tables() into the merged database.
  struct StoryChanges {
    std::map<Xapian::docid, std::string> stories;                    // new story values
    std::map<std::string, std::vector<StoryTable::Member>> members;  // empty: no members key
    std::map<int, std::vector<StoryTable::DayEntry>> days;           // each day's signatures
    Outcome outcome;
  };
  StoryChanges plan(const Xapian::Database* db, const DocumentFrequency& document_frequency,
                    std::uint64_t documents);
  static void write_values(Xapian::WritableDatabase& db, const StoryChanges& changes,
                           Xapian::docid first, Xapian::docid last);
  static void write_tables(Xapian::WritableDatabase& db, const StoryChanges& changes);

 private:
  struct Pending {
    Xapian::docid docid = 0;
    std::optional<int> day;
    std::string founding;
    StoryFeatures features;
    StoryTable::Member card;
  };
  StoryOptions options_;
  std::vector<Pending> pending_;
  std::unordered_set<Xapian::docid> pending_docids_;
};

}  // namespace newsdex
