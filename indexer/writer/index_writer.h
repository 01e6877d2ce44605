#pragma once

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
  void commit();
  Xapian::doccount document_count() const { return db_.get_doccount(); }

 private:
  Xapian::WritableDatabase db_;
};

}  // namespace newsdex
