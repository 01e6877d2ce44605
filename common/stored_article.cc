#include "newsdex/stored_article.h"

#include <array>
#include <cstdint>
#include <functional>

#include "newsdex/error.h"

namespace newsdex {
namespace {

constexpr char kFormat = 1;

void put_count(std::string& out, std::uint64_t n) {
  while (n >= 0x80) {
    out.push_back(static_cast<char>((n & 0x7F) | 0x80));
    n >>= 7;
  }
  out.push_back(static_cast<char>(n));
}

void put_field(std::string& out, std::string_view field) {
  put_count(out, field.size());
  out.append(field);
}

std::uint64_t get_count(std::string_view data, std::size_t& pos) {
  std::uint64_t n = 0;
  int shift = 0;
  while (true) {
    if (pos >= data.size() || shift > 56) throw DatabaseError("corrupt stored article record");
    const auto b = static_cast<unsigned char>(data[pos++]);
    n |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) break;
    shift += 7;
  }
  return n;
}

std::string_view get_field(std::string_view data, std::size_t& pos) {
  const std::uint64_t n = get_count(data, pos);
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
  out.push_back(kFormat);
  for (const std::string& f : fields(article)) put_field(out, f);
  put_count(out, article.keywords.size());
  for (const auto& keyword : article.keywords) {
    put_field(out, keyword.name);
    put_count(out, keyword.values.size());
    for (const auto& value : keyword.values) put_field(out, value);
  }
  return out;
}

Article decode_stored_article(std::string_view data) {
  if (data.empty() || data[0] != kFormat) throw DatabaseError("unknown stored article format");
  Article a;
  std::size_t pos = 1;
  for (std::string& f : fields(a)) f = get_field(data, pos);
  const auto keyword_count = get_count(data, pos);
  // Each keyword field takes at least two bytes: a bound that rejects absurd counts.
  if (keyword_count > data.size() - pos) throw DatabaseError("corrupt stored article record");
  a.keywords.resize(keyword_count);
  for (auto& keyword : a.keywords) {
    keyword.name = get_field(data, pos);
    const auto value_count = get_count(data, pos);
    if (value_count > data.size() - pos) throw DatabaseError("corrupt stored article record");
    keyword.values.reserve(value_count);
    for (std::uint64_t v = 0; v < value_count; ++v)
      keyword.values.emplace_back(get_field(data, pos));
  }
  if (pos != data.size()) throw DatabaseError("corrupt stored article record");
  return a;
}

}  // namespace newsdex
