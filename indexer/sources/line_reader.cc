#include "sources/line_reader.h"

#include <unistd.h>

namespace newsdex {
namespace {

constexpr unsigned kChunk = 1 << 16;

}  // namespace

LineReader::LineReader(const std::string& path) {
  file_ = path == "-" ? gzdopen(dup(STDIN_FILENO), "rb") : gzopen(path.c_str(), "rb");
  if (file_) gzbuffer(file_, kChunk);
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

bool LineReader::next(std::string& line) {
  while (true) {
    const auto nl = buffer_.find('\n', pos_);
    if (nl != std::string::npos) {
      line.assign(buffer_, pos_, nl - pos_);
      pos_ = nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return true;
    }
    if (!refill()) {
      // A last line without its newline is still a line, unless the data was cut short.
      if (pos_ < buffer_.size() && error_.empty()) {
        line.assign(buffer_, pos_, std::string::npos);
        pos_ = buffer_.size();
        return true;
      }
      return false;
    }
  }
}

}  // namespace newsdex
