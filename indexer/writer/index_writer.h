#pragma once

#include <filesystem>
#include <set>
#include <string>

#include <xapian.h>

namespace newsdex {

// The one writer of a newsdex database: opens (or creates) it, checks its schema version, and
// upserts documents by their id term. Commits are explicit; a crash leaves the last commit.
class IndexWriter {
 public:
  // Throws DatabaseLockedError when another process writes the database, DatabaseError when it
  // cannot be opened or was built by another schema version.
  explicit IndexWriter(const std::string& path);

  enum class Outcome { kAdded, kReplaced };

  // True when the database holds a document with this id term and content hash: indexing it
  // again would change nothing, so it can be skipped before any analysis.
  bool is_unchanged(const std::string& id_term, const std::string& content_hash) const;
  // Adds the document, replacing any document with the same id term.
  Outcome upsert(const std::string& id_term, const Xapian::Document& document);
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

 private:
  std::string keyword_field_list() const;

  std::string path_;
  Xapian::WritableDatabase db_;
  std::set<std::string> keyword_fields_;
  bool keyword_fields_changed_ = false;
};

}  // namespace newsdex
