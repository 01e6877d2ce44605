#include "newsdex/word_count_table.h"

#include <algorithm>

#include "newsdex/error.h"
#include "varint.h"

namespace newsdex {
namespace {

constexpr std::string_view kChunkKeyPrefix = "newsdex.words.";

std::string chunk_key(std::size_t n) {
  return std::string(kChunkKeyPrefix) + std::to_string(n);
}

void decode_chunk(std::string_view chunk, std::vector<std::pair<std::string, std::uint32_t>>& out) {
  try {
    for (std::size_t pos = 0; pos < chunk.size();) {
      const auto nul = chunk.find('\0', pos);
      if (nul == std::string_view::npos) throw DatabaseError("a word without its count");
      std::string word(chunk.substr(pos, nul - pos));
      pos = nul + 1;
      out.emplace_back(std::move(word), static_cast<std::uint32_t>(get_varint(chunk, pos)));
    }
  } catch (const DatabaseError&) {
    throw DatabaseError("corrupt word count table (metadata newsdex.words.*): re-index it");
  }
}

}  // namespace

std::vector<std::pair<std::string, std::uint32_t>> WordCountTable::read(
    const Xapian::Database& db) {
  std::vector<std::pair<std::string, std::uint32_t>> words;
  for (std::size_t n = 0;; ++n) {
    const std::string chunk = db.get_metadata(chunk_key(n));
    if (chunk.empty()) break;
    decode_chunk(chunk, words);
  }
  return words;
}

void WordCountTable::add(Xapian::WritableDatabase& db,
                         std::vector<std::pair<std::string, std::uint32_t>> counts) {
  if (counts.empty()) return;
  std::sort(counts.begin(), counts.end());
  const auto old = read(db);
  // Both sorted: one merge pass, written chunk by chunk.
  std::size_t chunks = 0;
  std::string chunk;
  const auto put = [&](const std::string& word, std::uint64_t count) {
    chunk.append(word).push_back('\0');
    put_varint(chunk, count);
    if (chunk.size() >= kChunkBytes) {
      db.set_metadata(chunk_key(chunks++), chunk);
      chunk.clear();
    }
  };
  auto a = old.begin();
  auto b = counts.begin();
  while (a != old.end() || b != counts.end()) {
    if (b == counts.end() || (a != old.end() && a->first < b->first)) {
      put(a->first, a->second);
      ++a;
    } else if (a == old.end() || b->first < a->first) {
      put(b->first, b->second);
      ++b;
    } else {
      put(a->first, std::uint64_t{a->second} + b->second);
      ++a;
      ++b;
    }
  }
  if (!chunk.empty()) db.set_metadata(chunk_key(chunks++), chunk);
  // Fewer chunks than before (never, as words are only added; kept for safety): clear the rest.
  for (std::size_t n = chunks; !db.get_metadata(chunk_key(n)).empty(); ++n)
    db.set_metadata(chunk_key(n), std::string());
}

}  // namespace newsdex
