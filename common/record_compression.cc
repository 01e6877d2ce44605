#include "newsdex/record_compression.h"

#include <zstd.h>

#include <new>
#include <string>
#include <utility>

#include "newsdex/error.h"

namespace newsdex {
namespace {

// Level -1, zstd's first fast level: it stores literals without Huffman coding, which is what
// costs a small frame's decoding most (Reuters records, 1.1 KB: 6.5 us to decode at level 1,
// 2.7 us at -1, once per hit of every query), for records 25% bigger (about 5% of the index).
constexpr int kCompressionLevel = -1;

// A record is one article; none is this big, and a frame claiming more is corrupt: refusing it
// keeps a damaged database from asking for an absurd allocation.
constexpr unsigned long long kMaxRecordBytes = 1ULL << 30;

}  // namespace

void RecordCompressor::ContextDeleter::operator()(ZSTD_CCtx_s* context) const noexcept {
  ZSTD_freeCCtx(context);
}

RecordCompressor::RecordCompressor() : context_(ZSTD_createCCtx()) {
  if (!context_) throw std::bad_alloc();
  // Glass keeps no checksums of its own; four bytes a record turn a damaged block into an
  // error instead of a wrong title or snippet.
  for (const auto& [parameter, value] :
       {std::pair{ZSTD_c_compressionLevel, kCompressionLevel}, std::pair{ZSTD_c_checksumFlag, 1}}) {
    const std::size_t status = ZSTD_CCtx_setParameter(context_.get(), parameter, value);
    if (ZSTD_isError(status))
      throw Error(std::string("zstd rejected a compression setting: ") + ZSTD_getErrorName(status));
  }
}

RecordCompressor::~RecordCompressor() = default;
RecordCompressor::RecordCompressor(RecordCompressor&&) noexcept = default;
RecordCompressor& RecordCompressor::operator=(RecordCompressor&&) noexcept = default;

std::string RecordCompressor::compress(std::string_view record) {
  if (record.size() > kMaxRecordBytes)
    throw Error("stored article record of " + std::to_string(record.size()) +
                " bytes is over the 1 GiB limit");
  std::string frame(ZSTD_compressBound(record.size()), '\0');
  const std::size_t size =
      ZSTD_compress2(context_.get(), frame.data(), frame.size(), record.data(), record.size());
  if (ZSTD_isError(size))
    throw Error(std::string("cannot compress a stored article record: ") + ZSTD_getErrorName(size));
  frame.resize(size);
  return frame;
}

void RecordDecompressor::ContextDeleter::operator()(ZSTD_DCtx_s* context) const noexcept {
  ZSTD_freeDCtx(context);
}

RecordDecompressor::RecordDecompressor() : context_(ZSTD_createDCtx()) {
  if (!context_) throw std::bad_alloc();
}

RecordDecompressor::~RecordDecompressor() = default;
RecordDecompressor::RecordDecompressor(RecordDecompressor&&) noexcept = default;
RecordDecompressor& RecordDecompressor::operator=(RecordDecompressor&&) noexcept = default;

std::string RecordDecompressor::decompress(std::string_view frame) {
  const unsigned long long size = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN || size > kMaxRecordBytes)
    throw DatabaseError("corrupt stored article record (bad compressed frame)");
  std::string record(size, '\0');
  const std::size_t written =
      ZSTD_decompressDCtx(context_.get(), record.data(), record.size(), frame.data(), frame.size());
  if (ZSTD_isError(written) || written != size)
    throw DatabaseError("corrupt stored article record (bad compressed frame)");
  return record;
}

}  // namespace newsdex
