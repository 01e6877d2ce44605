#include "writer/glass_space.h"

#include <array>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string_view>

namespace newsdex {
namespace {

namespace fs = std::filesystem;

// Glass's tables in the order of their root entries in the version file.
constexpr std::array<std::string_view, 6> kTables = {"postlist", "docdata",  "termlist",
                                                     "position", "spelling", "synonym"};
constexpr std::string_view kMagic = "\x0f\x0dXapian Glass";
constexpr std::size_t kMagicAndFormatBytes = 16;
constexpr std::size_t kUuidBytes = 16;

// Xapian's pack_uint: 7 bits a byte, low bits first, high bit set on all but the last byte.
class Unpacker {
 public:
  explicit Unpacker(std::string_view data) : data_(data) {}
  bool uint(std::uint64_t& value) {
    value = 0;
    for (unsigned shift = 0; shift < 64 && pos_ < data_.size(); shift += 7) {
      const auto byte = static_cast<unsigned char>(data_[pos_++]);
      value |= static_cast<std::uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return true;
    }
    return false;
  }
  bool string(std::string_view& value) {
    std::uint64_t size = 0;
    if (!uint(size) || size > data_.size() - pos_) return false;
    value = data_.substr(pos_, size);
    pos_ += size;
    return true;
  }
  bool skip(std::size_t n) {
    if (n > data_.size() - pos_) return false;
    pos_ += n;
    return true;
  }

 private:
  std::string_view data_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<std::vector<GlassTableExtent>> read_glass_extents(const fs::path& database) {
  std::ifstream in(database / "iamglass", std::ios::binary);
  if (!in) return std::nullopt;
  const std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (data.compare(0, kMagic.size(), kMagic) != 0) return std::nullopt;
  Unpacker p(data);
  std::uint64_t revision = 0;
  if (!p.skip(kMagicAndFormatBytes + kUuidBytes) || !p.uint(revision)) return std::nullopt;
  std::vector<GlassTableExtent> extents;
  for (const auto table : kTables) {
    std::uint64_t root = 0, flags = 0, entries = 0, block_units = 0, compress_min = 0;
    std::string_view freelist;
    if (!p.uint(root) || !p.uint(flags) || !p.uint(entries) || !p.uint(block_units) ||
        !p.uint(compress_min) || !p.string(freelist))
      return std::nullopt;
    if (freelist.empty()) continue;  // never written
    Unpacker f(freelist);
    std::uint64_t freelist_revision = 0, first_unused = 0;
    if (!f.uint(freelist_revision) || !f.uint(first_unused)) return std::nullopt;
    GlassTableExtent extent;
    extent.file = std::string(table) + ".glass";
    extent.block_size = static_cast<std::uint32_t>(block_units << 11);
    extent.first_unused_block = static_cast<std::uint32_t>(first_unused);
    if (extent.block_size < 2048 || extent.block_size > 65536) return std::nullopt;
    extents.push_back(extent);
  }
  return extents;
}

std::uint64_t reclaim_uncommitted_blocks(const fs::path& database) {
  const auto extents = read_glass_extents(database);
  if (!extents) return 0;
  std::uint64_t reclaimed = 0;
  for (const auto& extent : *extents) {
    const fs::path file = database / extent.file;
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    // Never cut a table to nothing: an unwritten first block means the revision is odd.
    if (ec || extent.first_unused_block == 0 || size <= extent.committed_bytes()) continue;
    fs::resize_file(file, extent.committed_bytes(), ec);
    if (!ec) reclaimed += size - extent.committed_bytes();
  }
  return reclaimed;
}

}  // namespace newsdex
