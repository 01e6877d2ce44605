#include "writer/index_writer.h"

#include <filesystem>
#include <optional>

#include "newsdex/doc_length_table.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "newsdex/story_table.h"
#include "writer/database_folder.h"
#include "writer/folder_swap.h"
#include "writer/glass_space.h"
#include "writer/write_failure.h"

namespace newsdex {
namespace {

Xapian::WritableDatabase open_writable(const std::string& path) {
  // Xapian creates the database folder but not its parents: `--db data/news.db` should work.
  std::error_code ec;
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  inspect_database_folder(path);
  try {
    return Xapian::WritableDatabase(path, Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS);
  } catch (const Xapian::DatabaseLockError& e) {
    throw_lock_failure(path, e.get_msg());
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot open database " + path + " for writing: " + e.get_description());
  }
}

}  // namespace

IndexWriter::IndexWriter(const std::string& path, StoryOptions stories)
    : path_(path), db_(open_writable(path)), assign_stories_(stories.enabled), stories_(stories) {
  reclaimed_bytes_ = reclaim_uncommitted_blocks(path_);
  // A table not committed with this revision (another program wrote since, or Xapian flushed
  // a batch on its own) cannot be patched: the next commit writes it whole.
  lengths_stale_ =
      db_.get_metadata(std::string(schema::kDocLengthStateKey)) != DocLengthTable::state_of(db_);
  const auto version = db_.get_metadata(std::string(schema::kSchemaVersionKey));
  const auto expected = std::to_string(schema::kSchemaVersion);
  if (version.empty()) {
    if (db_.get_doccount() > 0)
      throw DatabaseError(schema::missing_schema_version_message(path, false));
    // Stored with the first commit, not now: Xapian commits pending changes when a writer is
    // destroyed, and a build that fails must not leave an empty database that looks finished
    // (without the version, readers say the build did not finish).
    version_pending_ = true;
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

IndexWriter::~IndexWriter() {
  // Xapian commits what is pending when the writer goes (after an error, say): articles
  // written in place must not end up in a database without its schema version.
  try {
    if (version_pending_ && db_.get_doccount() > 0)
      db_.set_metadata(std::string(schema::kSchemaVersionKey),
                       std::to_string(schema::kSchemaVersion));
    assign_stories();
    if (!changed_docids_.empty()) write_lengths();
    spelling_.write_to(db_);
  } catch (...) {  // a destructor must not throw: word counts may be lost, never articles
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
                                         const Xapian::Document& document,
                                         const std::vector<std::string_view>& spelling_words,
                                         const StoryFeatures& story_features,
                                         StoryTable::Member story_card) {
  try {
    auto posting = db_.postlist_begin(id_term);
    const bool existed = posting != db_.postlist_end(id_term);
    if (existed) stories_.remove(db_, *posting);
    const Xapian::docid docid = db_.replace_document(id_term, document);
    if (assign_stories_) {
      note_story_terms(document);
      story_card.docid = docid;
      stories_.add(std::move(story_card),
                   StoryTable::day_number(document.get_value(schema::kDateSlot)),
                   document.get_value(schema::kStorySlot), story_features);
    }
    spelling_.add(spelling_words);
    changed_docids_.insert(docid);
    return existed ? Outcome::kReplaced : Outcome::kAdded;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(write_failure("cannot write document", e));
  }
}

bool IndexWriter::remove(const std::string& id_term) {
  try {
    auto posting = db_.postlist_begin(id_term);
    if (posting == db_.postlist_end(id_term)) return false;
    changed_docids_.insert(*posting);
    stories_.remove(db_, *posting);
    db_.delete_document(id_term);
    return true;
  } catch (const Xapian::Error& e) {
    throw DatabaseError(write_failure("cannot delete document", e));
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
    if (version_pending_) {
      db_.set_metadata(std::string(schema::kSchemaVersionKey),
                       std::to_string(schema::kSchemaVersion));
      version_pending_ = false;
    }
    assign_stories();
    write_lengths();
    spelling_.write_to(db_);
    db_.commit();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(write_failure("commit failed", e));
  }
}

void IndexWriter::note_story_terms(const Xapian::Document& document) {
  for (auto it = document.termlist_begin(); it != document.termlist_end(); ++it) {
    const std::string term = *it;
    // Prefixes are capital letters; the analyzed words are not.
    if (term.empty() || (term[0] >= 'A' && term[0] <= 'Z')) continue;
    story_terms_.try_emplace(story_term_hash(term), term);
  }
}

void IndexWriter::assign_stories() {
  if (stories_.pending() == 0) return;
  // Frequencies as of the whole batch: the writer sees its uncommitted documents.
  std::unordered_map<std::uint32_t, std::uint64_t> frequencies;
  stories_.assign(db_, [&](std::uint32_t hash) -> std::uint64_t {
    const auto [it, added] = frequencies.try_emplace(hash, 1);
    if (added)
      if (const auto term = story_terms_.find(hash); term != story_terms_.end())
        it->second = db_.get_termfreq(term->second);
    return it->second;
  });
  story_terms_.clear();
}

void IndexWriter::write_lengths() {
  if (lengths_stale_) {
    DocLengthTable::write_all(db_);
  } else {
    DocLengthTable::write_changed(db_, changed_docids_);
  }
  changed_docids_.clear();
  lengths_stale_ = false;
}

std::string IndexWriter::write_failure(const std::string& what, const Xapian::Error& e) {
  std::string message = what + ": " + e.get_description();
  if (!is_disk_full(e)) return message;
  // Xapian leaves a writer whose commit failed unusable; close it to release the lock, then
  // take the lock again to cut the tables back to the last commit.
  try {
    db_.close();
  } catch (const Xapian::Error&) {
  }
  std::uint64_t reclaimed = 0;
  std::optional<Xapian::doccount> committed;
  try {
    Xapian::WritableDatabase again(path_, Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
    committed = again.get_doccount();
    reclaimed = reclaim_uncommitted_blocks(path_);
  } catch (const Xapian::Error&) {
  }
  std::string reason = e.get_msg();
  if (e.get_error_string()) reason += std::string(" (") + e.get_error_string() + ")";
  message = "the disk holding " + path_ + " is full (" + what + ": " + reason +
            "). Nothing of this batch was committed: the database is as its last commit left it";
  if (committed) message += " (" + std::to_string(*committed) + " articles)";
  if (reclaimed > 0)
    message += ", and the " + std::to_string((reclaimed + 999'999) / 1'000'000) +
               " MB the failed commit had written were given back";
  return message +
         ". Free disk space and run the same command again: what was committed is "
         "skipped as unchanged.";
}

void IndexWriter::replace_with(const std::filesystem::path& fresh) {
  try {
    {
      Xapian::WritableDatabase db(fresh.string(), Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
      db.set_metadata(std::string(schema::kSchemaVersionKey),
                      std::to_string(schema::kSchemaVersion));
      db.set_metadata(std::string(schema::kKeywordFieldsKey), keyword_field_list());
      DocLengthTable::write_all(db);
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
    version_pending_ = false;
    changed_docids_.clear();
    lengths_stale_ = false;
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot replace database " + path_ + ": " + e.get_description());
  }
  // `fresh` now holds the folder that was at the path before: an empty database this writer
  // opened, or one it created.
  remove_database_folder(fresh);
}

}  // namespace newsdex
