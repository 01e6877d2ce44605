#pragma once

#include <zlib.h>

#include <cstddef>
#include <functional>
#include <limits>
#include <string>

namespace newsdex {

// Reads lines from a file or standard input, inflating gzip transparently (zlib reads plain
// files as they are). Memory stays bounded by the longest line it accepts: a line longer than
// `max_line_bytes` is not buffered but skipped to its newline (a 2 GB line inside a gzip'd file
// costs 64 KiB, not 2 GB), and `should_stop` is polled while skipping, so a stop request is
// answered within one 64 KiB read.
class LineReader {
 public:
  // `path` "-" reads standard input. Check ok() after construction.
  explicit LineReader(const std::string& path,
                      std::size_t max_line_bytes = std::numeric_limits<std::size_t>::max());
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  enum class Result {
    kLine,     // `line` holds the next line, without its newline
    kTooLong,  // a line over the limit was skipped; skipped_bytes() is its length so far
    kEnd,      // end of input, or an error (see error())
  };

  bool ok() const { return file_ != nullptr; }
  // errno's reason when the file could not be opened.
  const std::string& open_error() const { return open_error_; }
  Result next(std::string& line, const std::function<bool()>& should_stop = {});
  // The length of the line skipped by the last kTooLong (up to where skipping stopped).
  std::size_t skipped_bytes() const { return skipped_; }
  // Empty after a clean end of input; else why reading stopped ("truncated gzip data", ...).
  const std::string& error() const { return error_; }
  // Bytes of the file consumed so far, as stored (compressed for gzip).
  std::size_t disk_offset() const;

 private:
  bool refill();
  Result skip_rest_of_line(const std::function<bool()>& should_stop);

  gzFile file_ = nullptr;
  std::size_t max_line_bytes_;
  std::string buffer_;
  std::size_t pos_ = 0;   // start of the current line in buffer_
  std::size_t scan_ = 0;  // where the search for its newline goes on
  std::size_t skipped_ = 0;
  bool eof_ = false;
  std::string error_;
  std::string open_error_;
};

}  // namespace newsdex
