#include "newsdex/index_maintenance.h"

#include <xapian.h>
#include <algorithm>
#include <filesystem>
#include <random>

#include "newsdex/doc_length_table.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "writer/database_folder.h"
#include "writer/folder_swap.h"
#include "writer/write_failure.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

std::uint64_t folder_bytes(const fs::path& path) {
  std::uint64_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  return total;
}

}  // namespace

IndexStats index_stats(const std::string& db_path) {
  IndexStats stats;
  try {
    Xapian::Database db(db_path);
    if (db.get_metadata(std::string(schema::kSchemaVersionKey)).empty())
      throw DatabaseError(schema::missing_schema_version_message(db_path, db.get_doccount() == 0));
    stats.articles = db.get_doccount();
    stats.total_words = db.get_total_length();
    for (auto it = db.allterms_begin(); it != db.allterms_end(); ++it) ++stats.distinct_terms;
    if (stats.articles > 0) {
      stats.first_date = db.get_value_lower_bound(schema::kDateSlot);
      stats.last_date = db.get_value_upper_bound(schema::kDateSlot);
    }
    const std::string prefix(schema::kOutletPrefix);
    // Outlet names as written live in the value slot; count them over every article.
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(std::string()));  // every document
    Xapian::ValueCountMatchSpy outlets(schema::kOutletSlot);
    enquire.add_matchspy(&outlets);
    enquire.get_mset(0, 0, db.get_doccount());
    for (auto it = outlets.top_values_begin(50); it != outlets.top_values_end(50); ++it)
      stats.outlets.emplace_back(*it, it.get_termfreq());
    const auto fields = db.get_metadata(std::string(schema::kKeywordFieldsKey));
    for (std::size_t start = 0; start < fields.size();) {
      auto comma = fields.find(',', start);
      if (comma == std::string::npos) comma = fields.size();
      if (comma > start) stats.keyword_fields.push_back(fields.substr(start, comma - start));
      start = comma + 1;
    }
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw DatabaseError("no newsdex database at " + db_path);
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot read database " + db_path + ": " + e.get_description());
  }
  stats.bytes_on_disk = folder_bytes(db_path);
  return stats;
}

void compact_index(const std::string& db_path) {
  const fs::path target = fs::absolute(db_path);
  std::error_code parts_ec;
  if (fs::is_regular_file(target / "XAPIANDB", parts_ec))
    throw DatabaseError(db_path + " is a folder of parts (docs/scaling.md): compact each part, " +
                        (target / "part-0").string() + " and the others, on its own");
  const fs::path fresh = target.parent_path() / (target.filename().string() + ".compact-" +
                                                 std::to_string(std::random_device{}()));
  try {
    // Holding the writer lock keeps any indexer out until the swap is done.
    Xapian::WritableDatabase lock(target.string(), Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
    if (lock.get_metadata(std::string(schema::kSchemaVersionKey)).empty())
      throw DatabaseError(
          schema::missing_schema_version_message(db_path, lock.get_doccount() == 0));
    Xapian::Database(target.string()).compact(fresh.string(), Xapian::DBCOMPACT_NO_RENUMBER);
    {
      // The copy is a new revision: its document length table is recorded for it.
      Xapian::WritableDatabase copy(fresh.string(), Xapian::DB_OPEN | Xapian::DB_BACKEND_GLASS);
      DocLengthTable::write_all(copy);
      copy.commit();
    }
    try {
      exchange_folders(fresh, target);
    } catch (const DatabaseError&) {
      std::error_code ec;
      fs::remove_all(fresh, ec);
      throw;
    }
  } catch (const Xapian::DatabaseLockError& e) {
    throw_lock_failure(db_path, e.get_msg());
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw DatabaseError("no newsdex database at " + db_path);
  } catch (const Xapian::Error& e) {
    std::error_code ec;
    fs::remove_all(fresh, ec);
    std::string message = "compaction failed: " + e.get_description();
    if (is_disk_full(e))
      message += ". The disk is full: compaction writes a whole copy of the database (" +
                 std::to_string((folder_bytes(target) + 999'999) / 1'000'000) +
                 " MB) before swapping it in; the database is unchanged. Free disk space and run "
                 "it again.";
    throw DatabaseError(message);
  }
  // `fresh` now holds the old database.
  std::error_code ec;
  fs::remove_all(fresh, ec);
}

}  // namespace newsdex
