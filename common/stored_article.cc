#include "newsdex/stored_article.h"

#include <array>
#include <cstdint>
#include <functional>

#include "newsdex/error.h"

namespace newsdex {
namespace {

constexpr char kFormat = 1;

void put_field(std::string& out, std::string_view field) {
  std::uint64_t n = field.size();
  while (n >= 0x80) {
    out.push_back(static_cast<char>((n & 0x7F) | 0x80));
    n >>= 7;
  }
  out.push_back(static_cast<char>(n));
  out.append(field);
}

std::string_view get_field(std::string_view data, std::size_t& pos) {
  std::uint64_t n = 0;
  int shift = 0;
  while (true) {
    if (pos >= data.size() || shift > 56) throw DatabaseError("corrupt stored article record");
    const auto b = static_cast<unsigned char>(data[pos++]);
    n |= static_cast<std::uint64_t>(b & 0x7F) << shift;
    if (!(b & 0x80)) break;
    shift += 7;
  }
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
  return out;
}

Article decode_stored_article(std::string_view data) {
  if (data.empty() || data[0] != kFormat) throw DatabaseError("unknown stored article format");
  Article a;
  std::size_t pos = 1;
  for (std::string& f : fields(a)) f = get_field(data, pos);
  return a;
}

}  // namespace newsdex
