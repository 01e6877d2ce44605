#include "newsdex/shard_map.h"

#include <charconv>
#include <fstream>
#include <system_error>

#include "newsdex/error.h"
#include "newsdex/hashing.h"

namespace newsdex {
namespace {

// Xapian follows stub files into stub files; so does newsdex, this deep.
constexpr int kMaxMapDepth = 8;

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return std::string(s.substr(first, last - first + 1));
}

std::optional<std::filesystem::path> stub_file_of(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_regular_file(path, ec)) return path;
  const auto inside = path / "XAPIANDB";
  if (std::filesystem::is_directory(path, ec) && std::filesystem::is_regular_file(inside, ec))
    return inside;
  return std::nullopt;
}

void read_into(const std::filesystem::path& file, int depth, std::vector<ShardMapEntry>& out) {
  if (depth > kMaxMapDepth)
    throw DatabaseError("shard map " + file.string() + ": maps nested more than " +
                        std::to_string(kMaxMapDepth) + " deep (a map that lists itself?)");
  std::ifstream in(file);
  if (!in) throw DatabaseError("cannot read shard map " + file.string());
  const auto folder = file.parent_path();
  std::string text;
  std::size_t number = 0;
  while (std::getline(in, text)) {
    ++number;
    const std::string line = trim(text);
    if (line.empty() || line[0] == '#') continue;
    const auto bad = [&](const std::string& why) {
      return DatabaseError("shard map " + file.string() + ":" + std::to_string(number) + ": " +
                           why + " ('" + line + "')");
    };
    const auto space = line.find_first_of(" \t");
    if (space == std::string::npos) throw bad("a line is a type and a value");
    const std::string type = line.substr(0, space);
    const std::string value = trim(std::string_view(line).substr(space + 1));
    ShardMapEntry entry;
    entry.line = line;
    if (type == "auto" || type == "glass" || type == "chert") {
      std::filesystem::path path(value);
      if (path.is_relative()) path = folder / path;
      if (type == "auto") {
        if (const auto nested = stub_file_of(path)) {
          read_into(*nested, depth + 1, out);
          continue;
        }
      }
      entry.kind = ShardMapEntry::Kind::kLocal;
      entry.path = path.lexically_normal().string();
    } else if (type == "remote") {
      const auto colon = value.rfind(':');
      const bool tcp =
          colon != std::string::npos && value.find_first_of(" \t") == std::string::npos;
      if (tcp) {
        entry.kind = ShardMapEntry::Kind::kRemoteTcp;
        entry.host = value.substr(0, colon);
        const std::string port = value.substr(colon + 1);
        unsigned parsed = 0;
        const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), parsed);
        if (ec != std::errc() || end != port.data() + port.size() || parsed == 0 || parsed > 65535)
          throw bad("the port must be a number from 1 to 65535");
        entry.port = parsed;
      } else {
        entry.kind = ShardMapEntry::Kind::kRemoteProgram;
        const auto args = value.find_first_of(" \t");
        entry.program = value.substr(0, args);
        entry.args = args == std::string::npos ? "" : trim(std::string_view(value).substr(args));
      }
    } else {
      throw bad("unknown type '" + type + "' (newsdex reads auto, glass, remote)");
    }
    out.push_back(std::move(entry));
  }
}

}  // namespace

std::optional<ShardMap> ShardMap::read(const std::filesystem::path& path) {
  const auto file = stub_file_of(path);
  if (!file) return std::nullopt;
  ShardMap map;
  map.file_ = *file;
  read_into(*file, 0, map.entries_);
  if (map.entries_.empty())
    throw DatabaseError("shard map " + file->string() + " lists no database");
  return map;
}

void ShardMap::write(const std::filesystem::path& file, const std::vector<std::string>& lines) {
  auto temporary = file;
  temporary += ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    for (const auto& line : lines) out << line << '\n';
    out.flush();
    if (!out) throw DatabaseError("cannot write shard map " + temporary.string());
  }
  std::error_code ec;
  std::filesystem::rename(temporary, file, ec);
  if (ec) throw DatabaseError("cannot write shard map " + file.string() + ": " + ec.message());
}

std::size_t part_of(std::string_view article_id, std::size_t parts) {
  if (parts <= 1) return 0;
  return static_cast<std::size_t>(Fnv1a64().add(article_id).value() % parts);
}

std::string part_folder_name(std::size_t index) {
  return "part-" + std::to_string(index);
}

}  // namespace newsdex
