#pragma once

#include <string>
#include <string_view>

#include "newsdex/article.h"
#include "newsdex/word_map.h"

namespace newsdex {

// The stored record of an indexed article (compressed into schema::kStoredRecordSlot): every
// stored field in one compact record, so a hit needs a single read for its title, outlet, date,
// url and snippet text.
// Layout: a format byte, then id, url, title, outlet, date, author, language, body, each as a
// LEB128 length followed by the bytes; then the number of keyword fields, and for each its name,
// its number of values and the values, lengths and counts as LEB128.
std::string encode_stored_article(const Article& article);

// Throws DatabaseError when `data` is not a record written by encode_stored_article.
Article decode_stored_article(std::string_view data);

// What the index stores for an article: its fields and where its words are.
struct StoredRecord {
  Article article;
  WordMap words;  // empty for a record without one
};

// The record the indexer stores: `stored_article` (from encode_stored_article, which is also
// what the content hash covers) with the word map after the fields (format byte 2).
std::string encode_stored_record(std::string_view stored_article, const WordMap& words);

// Reads either form; the word map only `with_words` (a hit shown without a snippet does not
// need it). Throws DatabaseError on malformed data.
StoredRecord decode_stored_record(std::string_view data, bool with_words = true);

}  // namespace newsdex
