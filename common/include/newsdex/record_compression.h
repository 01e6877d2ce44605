#pragma once

#include <memory>
#include <string>
#include <string_view>

struct ZSTD_CCtx_s;
struct ZSTD_DCtx_s;

namespace newsdex {

// The stored article record goes into a value slot as one zstd frame (level 1) rather than into
// Xapian's document data: Glass deflates every document-data record at add_document time (zlib
// level 6, not configurable), which cost 7% of a sharded build's CPU, while value slots live in
// the postlist table, which Glass stores as given. zstd at level 1 is several times faster than
// that deflate and keeps the index the same size (Reuters: 12.5 MB vs 12.0 MB of records).
//
// Each object owns a zstd context and reuses it; not thread-safe, use one per thread.
class RecordCompressor {
 public:
  RecordCompressor();
  ~RecordCompressor();
  RecordCompressor(RecordCompressor&&) noexcept;
  RecordCompressor& operator=(RecordCompressor&&) noexcept;

  std::string compress(std::string_view record);

 private:
  struct ContextDeleter {
    void operator()(ZSTD_CCtx_s* context) const noexcept;
  };
  std::unique_ptr<ZSTD_CCtx_s, ContextDeleter> context_;
};

class RecordDecompressor {
 public:
  RecordDecompressor();
  ~RecordDecompressor();
  RecordDecompressor(RecordDecompressor&&) noexcept;
  RecordDecompressor& operator=(RecordDecompressor&&) noexcept;

  // Throws DatabaseError when `frame` is not a frame written by RecordCompressor.
  std::string decompress(std::string_view frame);

 private:
  struct ContextDeleter {
    void operator()(ZSTD_DCtx_s* context) const noexcept;
  };
  std::unique_ptr<ZSTD_DCtx_s, ContextDeleter> context_;
};

}  // namespace newsdex
