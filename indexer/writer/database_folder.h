#pragma once

#include <filesystem>
#include <string>

namespace newsdex {

// What a --db path holds before the indexer opens it. The indexer only ever creates a database
// in a missing or empty folder, or opens one that is already a database: a folder of the user's
// files must never be turned into one (and later swapped away and removed with them).
enum class DatabaseFolderState {
  kMissing,   // nothing at the path: a new database is created
  kEmpty,     // an empty folder
  kDatabase,  // a Glass database folder (newsdex's or not: its schema version decides later)
};

// Throws DatabaseError, naming the path and what to do, when the path is a file, an unreadable
// folder, or a non-empty folder that is not a Glass database.
DatabaseFolderState inspect_database_folder(const std::filesystem::path& path);

// Removes a database folder that newsdex made or swapped away: only the files Xapian's Glass
// backend writes, then the folder if nothing else is left in it. Anything else found there (the
// user's own files) stays, and false is returned.
bool remove_database_folder(const std::filesystem::path& path);

// Turns the message of Xapian's DatabaseLockError into ours: DatabaseLockedError when another
// writer holds the lock, else DatabaseError with the reason (a read-only folder cannot even
// hold a lock file: that is not "locked by another writer").
[[noreturn]] void throw_lock_failure(const std::string& path, const std::string& xapian_message);

}  // namespace newsdex
