// Glass deflates every termlist it writes (zlib level 6, 32 KiB window, memLevel 9, fixed in
// Xapian 1.4) and keeps the result only when it is smaller. Termlists are already prefix-coded:
// deflate saves 23% of the termlist table (Reuters: 12.6 → 9.7 MiB, 5% of the index) for about
// 10% of a build's CPU (a 128 KiB hash table cleared per termlist, then the search for matches:
// interleaved A/B, Reuters ×1, --jobs 2, CPU 7.74 → 6.79 s, wall 4.38 → 3.90 s, medians of 10). So
// newsdex-index stores them as they are: this definition of zlib's deflateInit2_ in the
// executable takes precedence over libz's for libxapian (ELF symbol interposition: the
// executable is searched first) and asks for level 0 when called with Glass's parameter set.
// Glass's compress() then sees no saving and writes the termlist raw, a form every Glass reader
// reads. Glass uses the same parameters for its other deflated tables (document data, spelling,
// synonyms), which would be stored raw too; newsdex writes none of them. Every other caller
// gets zlib unchanged. Only this binary does this: the indexer library, when embedded (and the
// in-process benchmarks), keeps Xapian's default.
#include <dlfcn.h>
#include <zlib.h>

namespace {

using DeflateInit2 = int (*)(z_streamp, int, int, int, int, int, const char*, int);

// Glass's CompressionStream: raw deflate (window bits -15), memLevel 9, default level.
bool is_glass_table_stream(int level, int method, int window_bits, int mem_level) {
  return level == Z_DEFAULT_COMPRESSION && method == Z_DEFLATED && window_bits == -15 &&
         mem_level == 9;
}

}  // namespace

// Default visibility: a build with -fvisibility=hidden must not hide it from libxapian.
extern "C" [[gnu::visibility("default")]] int deflateInit2_(z_streamp stream, int level, int method,
                                                            int window_bits, int mem_level,
                                                            int strategy, const char* version,
                                                            int stream_size) {
  static const auto zlib_init = reinterpret_cast<DeflateInit2>(dlsym(RTLD_NEXT, "deflateInit2_"));
  if (zlib_init == nullptr) return Z_VERSION_ERROR;
  if (is_glass_table_stream(level, method, window_bits, mem_level)) {
    // Stored blocks need no match search; the smallest memLevel keeps the per-termlist reset
    // (which clears the unused hash table) cheap.
    level = Z_NO_COMPRESSION;
    mem_level = 1;
  }
  return zlib_init(stream, level, method, window_bits, mem_level, strategy, version, stream_size);
}
