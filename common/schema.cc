#include "newsdex/schema.h"

#include "newsdex/hashing.h"

namespace newsdex::schema {
namespace {

std::string bounded_term(std::string_view prefix, std::string_view value) {
  std::string term(prefix);
  if (prefix.size() + value.size() <= kMaxTermBytes) {
    term.append(value);
    return term;
  }
  // Keep a readable head, then a hash of the whole value so distinct values stay distinct.
  const std::size_t keep = kMaxTermBytes - prefix.size() - 17;
  std::size_t cut = keep;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  term.append(value.substr(0, cut));
  term.push_back('#');
  term.append(Fnv1a64().add(value).hex());
  return term;
}

}  // namespace

std::string missing_schema_version_message(std::string_view path, bool empty) {
  std::string message;
  if (empty) {
    message.append("the build of ")
        .append(path)
        .append(
            " did not finish (it was stopped or failed before its first commit); re-run "
            "newsdex-index to build it");
  } else {
    message.append("database ")
        .append(path)
        .append(
            " was not built by newsdex (no schema "
            "version)");
  }
  return message;
}

std::string id_term(std::string_view id) {
  return bounded_term(kIdPrefix, id);
}

std::string fold_filter_value(std::string_view value) {
  std::string folded;
  folded.reserve(value.size());
  bool pending_space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !folded.empty();
      continue;
    }
    if (pending_space) folded.push_back(' ');
    pending_space = false;
    folded.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return folded;
}

std::string folded_filter_term(std::string_view prefix, std::string_view value) {
  return bounded_term(prefix, fold_filter_value(value));
}

std::string outlet_term(std::string_view outlet) {
  return folded_filter_term(kOutletPrefix, outlet);
}

std::string author_term(std::string_view author) {
  return folded_filter_term(kAuthorPrefix, author);
}

std::string url_term(std::string_view url) {
  return bounded_term(kUrlPrefix, url);
}

std::string keyword_term(std::string_view field, std::string_view value) {
  std::string prefix(kKeywordPrefix);
  prefix.append(field).push_back(':');
  return bounded_term(prefix, fold_filter_value(value));
}

}  // namespace newsdex::schema
