#include "newsdex/doc_length_table.h"

#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "varint.h"

namespace newsdex {
namespace {

std::string chunk_key(std::uint32_t chunk) {
  std::string key(schema::kDocLengthChunkKeyPrefix);
  key += std::to_string(chunk);
  return key;
}

std::string encode_chunk(const std::uint32_t* lengths, std::size_t count) {
  std::string out;
  out.reserve(count * 2);
  for (std::size_t i = 0; i < count; ++i) put_varint(out, lengths[i]);
  return out;
}

// Decodes a chunk into `out` (kChunkDocs entries from `first`, clipped to its size).
void decode_chunk(std::string_view data, std::vector<std::uint32_t>& out, std::size_t first) {
  std::size_t pos = 0;
  for (std::size_t i = first; pos < data.size() && i < out.size(); ++i) {
    const std::uint64_t n = get_varint(data, pos);
    out[i] = static_cast<std::uint32_t>(std::min<std::uint64_t>(n, UINT32_MAX));
  }
}

void write_chunk(Xapian::WritableDatabase& db, std::uint32_t chunk,
                 const std::vector<std::uint32_t>& lengths) {
  const std::size_t first = static_cast<std::size_t>(chunk) * DocLengthTable::kChunkDocs;
  if (first >= lengths.size()) return;
  const std::size_t count =
      std::min<std::size_t>(DocLengthTable::kChunkDocs, lengths.size() - first);
  db.set_metadata(chunk_key(chunk), encode_chunk(lengths.data() + first, count));
}

}  // namespace

namespace {

std::string state_string(const Xapian::Database& db, Xapian::rev revision) {
  return std::to_string(db.get_doccount()) + " " + std::to_string(db.get_lastdocid()) + " " +
         std::to_string(db.get_total_length()) + " " + std::to_string(revision);
}

// What the commit about to be made will leave: Glass numbers each commit one past the last.
std::string state_after_commit(const Xapian::WritableDatabase& db) {
  return state_string(db, db.get_revision() + 1);
}

}  // namespace

std::string DocLengthTable::state_of(const Xapian::Database& db) {
  return state_string(db, db.get_revision());
}

std::optional<DocLengthTable> DocLengthTable::load(const Xapian::Database& db) {
  DocLengthTable table;
  table.state_ = state_of(db);
  if (db.get_metadata(std::string(schema::kDocLengthStateKey)) != table.state_) return std::nullopt;
  const Xapian::docid last = db.get_lastdocid();
  table.lengths_.assign(static_cast<std::size_t>(last) + 1, 0);
  for (std::uint32_t chunk = 0; static_cast<std::size_t>(chunk) * kChunkDocs <= last; ++chunk) {
    const std::string data = db.get_metadata(chunk_key(chunk));
    if (data.empty()) return std::nullopt;
    try {
      decode_chunk(data, table.lengths_, static_cast<std::size_t>(chunk) * kChunkDocs);
    } catch (const DatabaseError&) {
      return std::nullopt;
    }
  }
  return table;
}

DocLengthTable DocLengthTable::write_all(Xapian::WritableDatabase& db) {
  DocLengthTable table;
  std::vector<std::uint32_t>& lengths = table.lengths_;
  lengths.assign(static_cast<std::size_t>(db.get_lastdocid()) + 1, 0);
  for (auto it = db.postlist_begin(""); it != db.postlist_end(""); ++it)
    lengths[*it] = it.get_doclength();
  for (std::uint32_t chunk = 0; static_cast<std::size_t>(chunk) * kChunkDocs < lengths.size();
       ++chunk)
    write_chunk(db, chunk, lengths);
  table.state_ = state_after_commit(db);
  db.set_metadata(std::string(schema::kDocLengthStateKey), table.state_);
  return table;
}

void DocLengthTable::write_changed(Xapian::WritableDatabase& db,
                                   const std::set<Xapian::docid>& docids) {
  std::vector<std::uint32_t> lengths(static_cast<std::size_t>(db.get_lastdocid()) + 1, 0);
  std::set<std::uint32_t> chunks;
  for (const auto docid : docids) chunks.insert(docid / kChunkDocs);
  for (const auto chunk : chunks)
    decode_chunk(db.get_metadata(chunk_key(chunk)), lengths,
                 static_cast<std::size_t>(chunk) * kChunkDocs);
  for (const auto docid : docids) {
    if (docid >= lengths.size()) continue;
    try {
      lengths[docid] = db.get_doclength(docid);
    } catch (const Xapian::DocNotFoundError&) {
      lengths[docid] = 0;
    }
  }
  for (const auto chunk : chunks) write_chunk(db, chunk, lengths);
  db.set_metadata(std::string(schema::kDocLengthStateKey), state_after_commit(db));
}

}  // namespace newsdex
