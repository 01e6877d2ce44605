#include "gzip_ostream.h"

namespace newsdex::gen {

GzipOstream::Buffer::Buffer(const std::string& path) : file_(gzopen(path.c_str(), "wb6")) {}

GzipOstream::Buffer::~Buffer() {
  if (file_) gzclose(file_);
}

GzipOstream::Buffer::int_type GzipOstream::Buffer::overflow(int_type c) {
  if (c == traits_type::eof()) return traits_type::not_eof(c);
  const char ch = traits_type::to_char_type(c);
  return file_ && gzwrite(file_, &ch, 1) == 1 ? c : traits_type::eof();
}

std::streamsize GzipOstream::Buffer::xsputn(const char* s, std::streamsize n) {
  if (!file_ || n <= 0) return 0;
  return gzwrite(file_, s, static_cast<unsigned>(n));
}

GzipOstream::GzipOstream(const std::string& path) : std::ostream(nullptr), buffer_(path) {
  rdbuf(&buffer_);
  if (!buffer_.is_open()) setstate(std::ios::badbit);
}

GzipOstream::~GzipOstream() {
  rdbuf(nullptr);
}

}  // namespace newsdex::gen
