#pragma once

#include <zlib.h>

#include <ostream>
#include <streambuf>
#include <string>

namespace newsdex::gen {

// An std::ostream that writes a gzip file through zlib, so large generated corpora stream to
// disk compressed without being held in memory.
class GzipOstream : public std::ostream {
 public:
  explicit GzipOstream(const std::string& path);
  ~GzipOstream() override;
  GzipOstream(const GzipOstream&) = delete;
  GzipOstream& operator=(const GzipOstream&) = delete;

 private:
  class Buffer : public std::streambuf {
   public:
    explicit Buffer(const std::string& path);
    ~Buffer() override;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    bool is_open() const { return file_ != nullptr; }

   protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;

   private:
    gzFile file_;
  };
  Buffer buffer_;
};

}  // namespace newsdex::gen
