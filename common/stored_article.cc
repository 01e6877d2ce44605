#include "newsdex/stored_article.h"

#include <array>
#include <cstdint>
#include <functional>

#include "newsdex/error.h"
#include "varint.h"

namespace newsdex {
namespace {

constexpr char kFormat = 1;
// The article's fields, then its word map (append_word_map).
constexpr char kFormatWithWordMap = 2;
// As kFormat and kFormatWithWordMap with a flags varint after the keyword fields. Written only
// for an article with a flag set, so that every other article keeps the bytes (and the content
// hash) it had.
constexpr char kFormatWithFlags = 3;
constexpr char kFormatWithFlagsAndWordMap = 4;
constexpr std::uint64_t kTitleFromTextFlag = 1;

void put_field(std::string& out, std::string_view field) {
  put_varint(out, field.size());
  out.append(field);
}

std::string_view get_field(std::string_view data, std::size_t& pos) {
  const std::uint64_t n = get_varint(data, pos);
  if (n > data.size() - pos) throw DatabaseError("corrupt stored article record");
  auto field = data.substr(pos, n);
  pos += n;
  return field;
}

// The stored fields in record order; one list so encoder and decoder cannot disagree.
template <typename A>
auto fields(A& a) {
  return std::array{std::ref(a.id),   std::ref(a.url),    std::ref(a.title),    std::ref(a.outlet),
                    std::ref(a.date), std::ref(a.author), std::ref(a.language), std::ref(a.body)};
}

}  // namespace

std::string encode_stored_article(const Article& article) {
  std::string out;
  out.reserve(article.body.size() + article.title.size() + 128);
  const std::uint64_t flags = article.title_from_text ? kTitleFromTextFlag : 0;
  out.push_back(flags ? kFormatWithFlags : kFormat);
  for (const std::string& f : fields(article)) put_field(out, f);
  put_varint(out, article.keywords.size());
  for (const auto& keyword : article.keywords) {
    put_field(out, keyword.name);
    put_varint(out, keyword.values.size());
    for (const auto& value : keyword.values) put_field(out, value);
  }
  if (flags) put_varint(out, flags);
  return out;
}

namespace {

// Reads the article's fields from `pos` on (and its flags, `with_flags`); `pos` ends after them.
Article read_article(std::string_view data, std::size_t& pos, bool with_flags) {
  Article a;
  for (std::string& f : fields(a)) f = get_field(data, pos);
  const auto keyword_count = get_varint(data, pos);
  // Each keyword field takes at least two bytes: a bound that rejects absurd counts.
  if (keyword_count > data.size() - pos) throw DatabaseError("corrupt stored article record");
  a.keywords.resize(keyword_count);
  for (auto& keyword : a.keywords) {
    keyword.name = get_field(data, pos);
    const auto value_count = get_varint(data, pos);
    if (value_count > data.size() - pos) throw DatabaseError("corrupt stored article record");
    keyword.values.reserve(value_count);
    for (std::uint64_t v = 0; v < value_count; ++v)
      keyword.values.emplace_back(get_field(data, pos));
  }
  if (with_flags) a.title_from_text = (get_varint(data, pos) & kTitleFromTextFlag) != 0;
  return a;
}

}  // namespace

Article decode_stored_article(std::string_view data) {
  if (data.empty() || (data[0] != kFormat && data[0] != kFormatWithFlags))
    throw DatabaseError("unknown stored article format");
  std::size_t pos = 1;
  Article a = read_article(data, pos, data[0] == kFormatWithFlags);
  if (pos != data.size()) throw DatabaseError("corrupt stored article record");
  return a;
}

std::string encode_stored_record(std::string_view stored_article, const WordMap& words) {
  if (stored_article.empty() ||
      (stored_article[0] != kFormat && stored_article[0] != kFormatWithFlags))
    throw Error("encode_stored_record takes a record of encode_stored_article");
  std::string out;
  out.reserve(stored_article.size() + 3 * (words.title.size() + words.body.size()) + 8);
  out.push_back(stored_article[0] == kFormat ? kFormatWithWordMap : kFormatWithFlagsAndWordMap);
  out.append(stored_article.substr(1));
  append_word_map(out, words);
  return out;
}

StoredRecord decode_stored_record(std::string_view data, bool with_words) {
  if (data.empty() || data[0] < kFormat || data[0] > kFormatWithFlagsAndWordMap)
    throw DatabaseError("unknown stored article format");
  const bool with_flags = data[0] == kFormatWithFlags || data[0] == kFormatWithFlagsAndWordMap;
  const bool has_words = data[0] == kFormatWithWordMap || data[0] == kFormatWithFlagsAndWordMap;
  std::size_t pos = 1;
  StoredRecord record;
  record.article = read_article(data, pos, with_flags);
  if (has_words) {
    if (!with_words) return record;
    record.words =
        read_word_map(data, pos, record.article.title.size(), record.article.body.size());
  }
  if (pos != data.size()) throw DatabaseError("corrupt stored article record");
  return record;
}

}  // namespace newsdex
