#pragma once

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

  // Adds the document, replacing any document with the same id term.
  void upsert(const std::string& id_term, const Xapian::Document& document);
  // Records a keyword field name; the list is stored with the next commit.
  void note_keyword_field(const std::string& name);
  void commit();
  Xapian::doccount document_count() const { return db_.get_doccount(); }

 private:
  Xapian::WritableDatabase db_;
  std::set<std::string> keyword_fields_;
  bool keyword_fields_changed_ = false;
};

}  // namespace newsdex
