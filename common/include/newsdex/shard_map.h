#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace newsdex {

// One database of a shard map: a local database (path made absolute against the map's folder)
// or a remote one served by xapian-tcpsrv (host and port) or spawned as a program (ssh).
struct ShardMapEntry {
  enum class Kind { kLocal, kRemoteTcp, kRemoteProgram };
  Kind kind = Kind::kLocal;
  std::string path;     // kLocal
  std::string host;     // kRemoteTcp ("" is localhost, as Xapian reads ":PORT")
  unsigned port = 0;    // kRemoteTcp
  std::string program;  // kRemoteProgram
  std::string args;     // kRemoteProgram
  std::string line;     // the map's line, as written: how errors name the part
};

// A newsdex database in several parts, written as a Xapian stub database file (Xapian's own
// format: "auto PATH", "glass PATH", "remote HOST:PORT", "remote :PORT", "remote PROGRAM
// ARGS"; blank lines and lines starting with '#' are ignored), or a folder holding one as its
// XAPIANDB file. Xapian itself opens such a file as one database; newsdex reads it too, to
// open each part with its own timeouts and to read each part's metadata.
class ShardMap {
 public:
  // The map at `path` (a stub file, or a folder with a XAPIANDB file); nullopt when `path` is
  // a database folder or missing. Local entries that are maps themselves are expanded. Throws
  // DatabaseError for a line it cannot read, naming the file and line.
  static std::optional<ShardMap> read(const std::filesystem::path& path);

  // Writes a map of these lines atomically (a temporary file renamed into place).
  static void write(const std::filesystem::path& file, const std::vector<std::string>& lines);

  const std::vector<ShardMapEntry>& entries() const { return entries_; }
  const std::filesystem::path& file() const { return file_; }

 private:
  std::filesystem::path file_;
  std::vector<ShardMapEntry> entries_;
};

// The part (0 .. parts-1) an article belongs to in a database built in parts: FNV-1a of its
// id, so that every machine, build and update agrees without asking the others.
std::size_t part_of(std::string_view article_id, std::size_t parts);

// The folder name of part `index` in a parts folder ("part-0", "part-1", ...).
std::string part_folder_name(std::size_t index);

}  // namespace newsdex
