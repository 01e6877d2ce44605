#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace newsdex {

// What the committed revision of a Glass database uses of each table file, read from its
// version file (`iamglass`, Xapian 1.4's Glass format: magic, UUID, revision, then per table
// root, flags, entry count, block size / 2048, compress_min and the packed freelist, whose
// second number is the first block no committed data uses).
struct GlassTableExtent {
  std::string file;  // "postlist.glass", ...
  std::uint32_t block_size = 0;
  std::uint32_t first_unused_block = 0;
  std::uint64_t committed_bytes() const {
    return static_cast<std::uint64_t>(first_unused_block) * block_size;
  }
};

// The tables the committed revision has written to (a table Glass creates lazily and never
// used is left out); nullopt when the version file cannot be read or is not Glass's.
std::optional<std::vector<GlassTableExtent>> read_glass_extents(
    const std::filesystem::path& database);

// A commit writes its blocks past the end of what the last commit uses (copy on write) and only
// then replaces the version file, so a commit that failed, say on a full disk, leaves table files
// grown by blocks nothing refers to. Cuts each table file back to what the committed revision
// uses and returns the bytes given back. Call only while holding the database's write lock (a
// running writer's blocks look the same). Best effort: 0 when nothing could be done.
std::uint64_t reclaim_uncommitted_blocks(const std::filesystem::path& database);

}  // namespace newsdex
