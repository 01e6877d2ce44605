#pragma once

#include <zlib.h>

#include <string>

namespace newsdex {

// Reads lines from a file or standard input, inflating gzip transparently (zlib reads plain
// files as they are), without holding more than one line in memory.
class LineReader {
 public:
  // `path` "-" reads standard input. Check ok() after construction.
  explicit LineReader(const std::string& path);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  bool ok() const { return file_ != nullptr; }
  // The next line without its newline; false at the end or on an error (see error()).
  bool next(std::string& line);
  // Empty after a clean end of input; else why reading stopped ("truncated gzip data", ...).
  const std::string& error() const { return error_; }
  // Bytes of the file consumed so far, as stored (compressed for gzip).
  std::size_t disk_offset() const;

 private:
  bool refill();

  gzFile file_ = nullptr;
  std::string buffer_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  std::string error_;
};

}  // namespace newsdex
