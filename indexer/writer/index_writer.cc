#include "writer/index_writer.h"

#include <filesystem>

#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "writer/folder_swap.h"

namespace newsdex {
namespace {

Xapian::WritableDatabase open_writable(const std::string& path) {
  // Xapian creates the database folder but not its parents: `--db data/news.db` should work.
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  try {
    return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
  } catch (const Xapian::DatabaseLockError&) {
    throw DatabaseLockedError("database " + path + " is locked by another writer");
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot open database " + path + " for writing: " + e.get_description());
  }
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path) : path_(path), db_(open_writable(path)) {
  const auto version = db_.get_metadata(std::string(schema::kSchemaVersionKey));
  const auto expected = std::to_string(schema::kSchemaVersion);
  if (version.empty()) {
    if (db_.get_doccount() > 0)
      throw DatabaseError("database " + path + " was not built by newsdex (no schema version)");
    db_.set_metadata(std::string(schema::kSchemaVersionKey), expected);
  } else if (version != expected) {
    throw DatabaseError("database " + path + " has schema version " + version + ", this newsdex " +
                        "writes version " + expected + ": re-index into a new database");
  }
  const auto fields = db_.get_metadata(std::string(schema::kKeywordFieldsKey));
  for (std::size_t start = 0; start < fields.size();) {
    auto comma = fields.find(',', start);
    if (comma == std::string::npos) comma = fields.size();
    keyword_fields_.insert(fields.substr(start, comma - start));
    start = comma + 1;
  }
}

void IndexWriter::note_keyword_field(const std::string& name) {
  if (keyword_fields_.insert(name).second) keyword_fields_changed_ = true;
}

bool IndexWriter::is_unchanged(const std::string& id_term, const std::string& content_hash) const {
  try {
    auto posting = db_.postlist_begin(id_term);
    if (posting == db_.postlist_end(id_term)) return false;
    return db_.get_document(*posting).get_value(schema::kContentHashSlot) == content_hash;
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot read document: " + e.get_description());
  }
}

IndexWriter::Outcome IndexWriter::upsert(const std::string& id_term,
                                         const Xapian::Document& document) {
  try {
    const bool existed = db_.term_exists(id_term);
    db_.replace_document(id_term, document);
    return existed ? Outcome::kReplaced : Outcome::kAdded;
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot write document: " + e.get_description());
  }
}

bool IndexWriter::remove(const std::string& id_term) {
  try {
    if (!db_.term_exists(id_term)) return false;
    db_.delete_document(id_term);
    return true;
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot delete document: " + e.get_description());
  }
}

std::string IndexWriter::keyword_field_list() const {
  std::string list;
  for (const auto& name : keyword_fields_) list += (list.empty() ? "" : ",") + name;
  return list;
}

void IndexWriter::commit() {
  try {
    if (keyword_fields_changed_) {
      db_.set_metadata(std::string(schema::kKeywordFieldsKey), keyword_field_list());
      keyword_fields_changed_ = false;
    }
    db_.commit();
  } catch (const Xapian::Error& e) {
    throw DatabaseError("commit failed: " + e.get_description());
  }
}

void IndexWriter::replace_with(const std::filesystem::path& fresh) {
  try {
    {
      Xapian::WritableDatabase db(fresh.string(), Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
      db.set_metadata(std::string(schema::kSchemaVersionKey),
                      std::to_string(schema::kSchemaVersion));
      db.set_metadata(std::string(schema::kKeywordFieldsKey), keyword_field_list());
      db.commit();
    }
    // Glass writes its version file by path: with a change pending (say, the schema version of
    // a new database), closing after the swap would write it into the new database's folder.
    db_.commit();
    exchange_folders(fresh, path_);
    // The lock was on the old folder, now at `fresh`; a writer that slips in between the
    // close and the reopen gets its own lock and we report the lock error.
    db_.close();
    db_ = open_writable(path_);
    keyword_fields_changed_ = false;
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot replace database " + path_ + ": " + e.get_description());
  }
  std::error_code ec;
  std::filesystem::remove_all(fresh, ec);
}

}  // namespace newsdex
