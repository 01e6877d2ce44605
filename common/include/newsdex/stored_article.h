#pragma once

#include <string>
#include <string_view>

#include "newsdex/article.h"

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

}  // namespace newsdex
