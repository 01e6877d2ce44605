#include "newsdex/record_compression.h"

#include <gtest/gtest.h>

#include "newsdex/error.h"

namespace newsdex {
namespace {

TEST(RecordCompression, RoundTripsAndReusesContexts) {
  RecordCompressor compressor;
  RecordDecompressor decompressor;
  const std::string text = "NATO condemns the cyberattack on Albania. " + std::string(2000, 'x');
  const std::string binary("\x01\0\xff record with \0 bytes", 24);
  for (const std::string& record : {text, binary, std::string("\x01")}) {
    const std::string frame = compressor.compress(record);
    EXPECT_EQ(decompressor.decompress(frame), record);
  }
  EXPECT_LT(compressor.compress(text).size(), text.size() / 4);
}

TEST(RecordCompression, CorruptFramesThrowDatabaseError) {
  RecordCompressor compressor;
  RecordDecompressor decompressor;
  const std::string frame =
      compressor.compress("an article body long enough to compress well well");
  EXPECT_THROW(decompressor.decompress(""), DatabaseError);
  // A plain record mistaken for a frame.
  EXPECT_THROW(decompressor.decompress("\x01\x08seed-000"), DatabaseError);
  EXPECT_THROW(decompressor.decompress(frame.substr(0, frame.size() - 2)), DatabaseError);
  std::string flipped = frame;
  flipped[flipped.size() / 2] ^= 0x5a;
  EXPECT_THROW(decompressor.decompress(flipped), DatabaseError);
}

}  // namespace
}  // namespace newsdex
