#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

namespace newsdex {

// How many articles each surface word is in, counted in memory and added to the database's
// word count table (WordCountTable) in one go, at a commit or a sharded build's end. Xapian's
// spelling table was tried first: add_spelling per article made Reuters take 3.6 s to index
// instead of 2.3 s (each word new to a shard's table has its fragments written), and adding the
// counts once at the end still cost 0.33 s of the final merge.
class SpellingCounts {
 public:
  void add(const std::vector<std::string_view>& words);
  void merge(SpellingCounts&& other);
  // Adds the counts to `db`'s word count table (committed with its next commit), clears them.
  void write_to(Xapian::WritableDatabase& db);
  bool empty() const { return counts_.empty(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, Xapian::termcount, Hash, std::equal_to<>> counts_;
};

}  // namespace newsdex
