#include "newsdex/word_map.h"

#include "newsdex/error.h"
#include "varint.h"

namespace newsdex {
namespace {

void append_spans(std::string& out, const std::vector<WordSpan>& spans) {
  put_varint(out, spans.size());
  std::uint32_t previous_end = 0;
  for (const auto& span : spans) {
    put_varint(out, (static_cast<std::uint64_t>(span.begin - previous_end) << 1) |
                        (span.joins_previous ? 1 : 0));
    put_varint(out, span.end - span.begin);
    previous_end = span.end;
  }
}

std::vector<WordSpan> read_spans(std::string_view data, std::size_t& pos, std::size_t text_size) {
  const std::uint64_t count = get_varint(data, pos);
  // Every word takes at least two bytes.
  if (count > (data.size() - pos) / 2) throw DatabaseError("corrupt word map");
  std::vector<WordSpan> spans(count);
  std::uint64_t previous_end = 0;
  for (auto& span : spans) {
    const std::uint64_t gap = get_varint(data, pos);
    const std::uint64_t begin = previous_end + (gap >> 1);
    const std::uint64_t end = begin + get_varint(data, pos);
    if (end > text_size) throw DatabaseError("corrupt word map");
    span = {static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end), (gap & 1) != 0};
    previous_end = end;
  }
  return spans;
}

}  // namespace

void append_word_map(std::string& out, const WordMap& map) {
  put_varint(out, map.body_first_position);
  append_spans(out, map.title);
  append_spans(out, map.body);
}

WordMap read_word_map(std::string_view data, std::size_t& pos, std::size_t title_size,
                      std::size_t body_size) {
  WordMap map;
  const std::uint64_t first = get_varint(data, pos);
  if (first > UINT32_MAX) throw DatabaseError("corrupt word map");
  map.body_first_position = static_cast<std::uint32_t>(first);
  map.title = read_spans(data, pos, title_size);
  map.body = read_spans(data, pos, body_size);
  return map;
}

}  // namespace newsdex
