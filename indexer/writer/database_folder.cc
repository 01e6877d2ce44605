#include "writer/database_folder.h"

#include <array>
#include <string_view>
#include <vector>

#include "newsdex/error.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

// The files a Glass database folder holds (Xapian 1.4): the version file and its temporary
// while a commit writes it, the writer's lock, one file per table, and replication changesets.
bool is_glass_file(const fs::path& name) {
  static constexpr std::array<std::string_view, 9> kNames = {
      "iamglass",       "v.tmp",         "flintlock",      "postlist.glass", "termlist.glass",
      "position.glass", "docdata.glass", "spelling.glass", "synonym.glass"};
  const std::string file = name.filename().string();
  for (auto known : kNames)
    if (file == known) return true;
  return file.starts_with("changes") && file.size() > 7 &&
         file.find_first_not_of("0123456789", 7) == std::string::npos;
}

}  // namespace

DatabaseFolderState inspect_database_folder(const fs::path& path) {
  std::error_code ec;
  const auto status = fs::status(path, ec);
  if (ec && ec != std::errc::no_such_file_or_directory)
    throw DatabaseError("cannot use " + path.string() + " as a database: " + ec.message());
  if (!fs::exists(status)) return DatabaseFolderState::kMissing;
  if (!fs::is_directory(status))
    throw DatabaseError(path.string() +
                        " exists and is not a folder: give --db a new or empty folder, or an "
                        "existing newsdex database");
  if (fs::exists(path / "iamglass", ec)) return DatabaseFolderState::kDatabase;
  fs::directory_iterator it(path, ec);
  if (ec) throw DatabaseError("cannot read folder " + path.string() + ": " + ec.message());
  if (it == fs::directory_iterator()) return DatabaseFolderState::kEmpty;
  throw DatabaseError(path.string() +
                      " is a folder that holds other files and is not a newsdex database; "
                      "nothing was changed: give --db a new or empty folder");
}

void throw_lock_failure(const std::string& path, const std::string& xapian_message) {
  if (xapian_message.ends_with("already locked"))
    throw DatabaseLockedError("database " + path + " is locked by another writer");
  // "Unable to get write lock on PATH: Couldn't open lockfile: Permission denied"
  std::string reason = xapian_message;
  if (const auto colon = reason.find(": "); colon != std::string::npos) reason.erase(0, colon + 2);
  throw DatabaseError("cannot write to database " + path + ": " + reason +
                      " (newsdex-index needs write access to the folder)");
}

bool remove_database_folder(const fs::path& path) {
  std::error_code ec;
  bool only_ours = true;
  std::vector<fs::path> ours;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && is_glass_file(it->path())) {
      ours.push_back(it->path());
    } else {
      only_ours = false;
    }
  }
  if (ec) return false;
  for (const auto& file : ours) fs::remove(file, ec);
  return only_ours && fs::remove(path, ec);
}

}  // namespace newsdex
