#pragma once

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "writer/spelling_counts.h"
#include "writer/story_assigner.h"

namespace newsdex {

// The one writer of a newsdex database: opens (or creates) it, checks its schema version, and
// upserts documents by their id term. Commits are explicit; a crash leaves the last commit.
class IndexWriter {
 public:
  // Throws DatabaseLockedError when another process writes the database, DatabaseError when it
  // cannot be opened or was built by another schema version.
  explicit IndexWriter(const std::string& path, StoryOptions stories = {});
  ~IndexWriter();
  IndexWriter(const IndexWriter&) = delete;
  IndexWriter& operator=(const IndexWriter&) = delete;

  enum class Outcome { kAdded, kReplaced };

  // True when the database holds a document with this id term and content hash: indexing it
  // again would change nothing, so it can be skipped before any analysis.
  bool is_unchanged(const std::string& id_term, const std::string& content_hash) const;
  // Adds the document, replacing any document with the same id term.
  // `spelling_words`: the article's distinct surface words, counted in the word count table at
  // the next commit (an article replaced or deleted leaves its counts: suggestions check that
  // a word is indexed). `story_features`: the article's, put in a story at the next commit;
  // `story_card` what a collapsed hit shows of it (its docid is filled in here).
  Outcome upsert(const std::string& id_term, const Xapian::Document& document,
                 const std::vector<std::string_view>& spelling_words,
                 const StoryFeatures& story_features, StoryTable::Member story_card);
  // Deletes the document with this id term; false when there is none.
  bool remove(const std::string& id_term);
  // Records a keyword field name; the list is stored with the next commit.
  void note_keyword_field(const std::string& name);
  void commit();
  // Replaces the whole database with the one at `fresh` (a complete database built elsewhere):
  // stores this writer's metadata in it, swaps the two folders atomically while still holding
  // the lock, reopens, and removes the old database. Throws DatabaseError.
  void replace_with(const std::filesystem::path& fresh);
  Xapian::doccount document_count() const { return db_.get_doccount(); }
  // Bytes of table files given back when the database was opened: blocks an earlier commit
  // wrote but never committed (it failed, say on a full disk, or was killed).
  std::uint64_t reclaimed_bytes() const { return reclaimed_bytes_; }

 private:
  // The message for a failed write. On a full disk it first closes the database, gives back
  // the failed commit's blocks (reopening to hold the lock) and says what to do.
  std::string write_failure(const std::string& what, const Xapian::Error& e);
  std::string keyword_field_list() const;
  // Brings the document length table up to the uncommitted state (before a commit).
  void write_lengths();
  // Notes the document's unprefixed terms by story term hash: their document frequencies,
  // for the stories of this batch, are read when it is committed.
  void note_story_terms(const Xapian::Document& document);
  void assign_stories();

  std::string path_;
  Xapian::WritableDatabase db_;
  std::set<std::string> keyword_fields_;
  bool keyword_fields_changed_ = false;
  bool version_pending_ = false;  // a new database: the schema version goes in at commit
  // Documents added, replaced or deleted since the last commit: their lengths go into the
  // document length table with the commit.
  std::set<Xapian::docid> changed_docids_;
  bool lengths_stale_ = false;  // the table does not describe the opened revision
  SpellingCounts spelling_;     // surface words of the articles since the last commit
  bool assign_stories_;
  StoryAssigner stories_;  // articles since the last commit, put in stories at commit
  std::unordered_map<std::uint32_t, std::string> story_terms_;
  std::uint64_t reclaimed_bytes_ = 0;
};

}  // namespace newsdex
