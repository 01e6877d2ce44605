#include "sources/line_reader.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace newsdex {
namespace {

constexpr unsigned kChunk = 1 << 16;

}  // namespace

LineReader::LineReader(const std::string& path, std::size_t max_line_bytes)
    : max_line_bytes_(max_line_bytes) {
  errno = 0;
  file_ = path == "-" ? gzdopen(dup(STDIN_FILENO), "rb") : gzopen(path.c_str(), "rb");
  if (file_) {
    gzbuffer(file_, kChunk);
  } else {
    open_error_ = errno ? std::strerror(errno) : "out of memory";
  }
}

LineReader::~LineReader() {
  if (file_) gzclose(file_);
}

std::size_t LineReader::disk_offset() const {
  const auto offset = file_ ? gzoffset(file_) : 0;
  return offset > 0 ? static_cast<std::size_t>(offset) : 0;
}

bool LineReader::refill() {
  if (eof_) return false;
  buffer_.erase(0, pos_);
  scan_ -= pos_;
  pos_ = 0;
  const auto old = buffer_.size();
  buffer_.resize(old + kChunk);
  const int n = gzread(file_, buffer_.data() + old, kChunk);
  if (n <= 0) {
    buffer_.resize(old);
    eof_ = true;
    int code = Z_OK;
    const char* message = gzerror(file_, &code);
    if (n < 0 || code != Z_OK) {
      error_ = code == Z_BUF_ERROR ? "truncated gzip data (the file ends early)"
                                   : std::string("read error: ") + message;
    }
    return false;
  }
  buffer_.resize(old + static_cast<std::size_t>(n));
  return true;
}

LineReader::Result LineReader::skip_rest_of_line(const std::function<bool()>& should_stop) {
  skipped_ = buffer_.size() - pos_;
  buffer_.clear();
  pos_ = scan_ = 0;
  for (;;) {
    if (should_stop && should_stop()) return Result::kTooLong;
    if (!refill()) return Result::kTooLong;
    const auto nl = buffer_.find('\n');
    if (nl != std::string::npos) {
      skipped_ += nl;
      pos_ = scan_ = nl + 1;
      return Result::kTooLong;
    }
    skipped_ += buffer_.size();
    buffer_.clear();
    pos_ = scan_ = 0;
  }
}

LineReader::Result LineReader::next(std::string& line, const std::function<bool()>& should_stop) {
  while (true) {
    const auto nl = buffer_.find('\n', scan_);
    if (nl != std::string::npos) {
      if (nl - pos_ > max_line_bytes_) {
        skipped_ = nl - pos_;
        pos_ = scan_ = nl + 1;
        return Result::kTooLong;
      }
      line.assign(buffer_, pos_, nl - pos_);
      pos_ = scan_ = nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return Result::kLine;
    }
    scan_ = buffer_.size();
    if (buffer_.size() - pos_ > max_line_bytes_) return skip_rest_of_line(should_stop);
    if (!refill()) {
      // A last line without its newline is still a line, unless the data was cut short.
      if (pos_ < buffer_.size() && error_.empty()) {
        line.assign(buffer_, pos_, std::string::npos);
        pos_ = scan_ = buffer_.size();
        return Result::kLine;
      }
      return Result::kEnd;
    }
  }
}

}  // namespace newsdex
