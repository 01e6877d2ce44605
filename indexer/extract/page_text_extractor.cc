#include "extract/page_text_extractor.h"

#include <regex>
#include <set>
#include <string_view>
#include <vector>

#include "newsdex/date_parser.h"

namespace newsdex {
namespace {

// Only the first lines of a page carry headers and datelines.
constexpr std::size_t kHeaderLines = 12;
constexpr std::size_t kMaxTitleBytes = 110;

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return s.substr(first, last - first + 1);
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

bool starts_with_icase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  return true;
}

bool is_all_caps(std::string_view s) {
  bool letters = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    letters |= c >= 'A' && c <= 'Z';
  }
  return letters;
}

// "REUTERS" -> "Reuters"; mixed-case names are kept as written.
std::string tidy_name(std::string_view name) {
  std::string out(trim(name));
  if (out.size() > 4 && is_all_caps(out)) {
    bool word_start = true;
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z' && !word_start) c = static_cast<char>(c + 32);
      word_start = c == ' ' || c == '-' || c == '/';
    }
  }
  return out;
}

// "First sentence of the lead…", cut at a word boundary.
std::string lead_sentence(std::string_view body) {
  body = trim(body);
  auto end = body.find_first_of("\n");
  std::string_view sentence = body.substr(0, end);
  for (std::size_t i = 0; i + 1 < sentence.size(); ++i) {
    if ((sentence[i] == '.' || sentence[i] == '?' || sentence[i] == '!') &&
        sentence[i + 1] == ' ' && i > 20) {
      sentence = sentence.substr(0, i);
      break;
    }
  }
  if (sentence.size() <= kMaxTitleBytes) return std::string(sentence);
  auto cut = sentence.rfind(' ', kMaxTitleBytes);
  if (cut == std::string_view::npos || cut < kMaxTitleBytes / 2) cut = kMaxTitleBytes;
  while (cut > 0 && (static_cast<unsigned char>(sentence[cut]) & 0xC0) == 0x80) --cut;
  return std::string(sentence.substr(0, cut)) + "\xE2\x80\xA6";
}

struct Dateline {
  std::string outlet;
  std::string date;
  std::size_t length = 0;  // bytes of the line the dateline takes, to drop from the title
};

// `PLACE (Outlet / Agency - 08th September, 2022)` or `PLACE (Reuters) -` at a line's start.
std::optional<Dateline> match_dateline(std::string_view line) {
  static const std::regex with_date(
      R"(^\s*(?:[A-Z][A-Za-z.'-]*(?:\s[A-Z][A-Za-z.'-]*){0,3},?\s+)?\(([^()\-]{2,80}?)\s+(?:-|–|—)\s+([^()]{6,40})\)\s*(?:-|–|—)?\s*)");
  static const std::regex agency(
      R"(^\s*(?:[A-Z][A-Za-z.'-]*(?:\s[A-Z][A-Za-z.'-]*){0,3},?\s+)?\(([A-Z][A-Za-z .&'-]{1,40})\)\s*(?:-|–|—)\s*)");
  std::match_results<std::string_view::const_iterator> m;
  if (std::regex_search(line.begin(), line.end(), m, with_date)) {
    if (auto date = parse_date(m[2].str())) {
      auto source = std::string_view(m[1].first, m[1].second);
      // "UrduPoint News / Sputnik": the outlet first, then the agency it credits.
      if (auto slash = source.find('/'); slash != std::string_view::npos)
        source = source.substr(0, slash);
      return Dateline{tidy_name(source), date->iso(), static_cast<std::size_t>(m.length(0))};
    }
  }
  if (std::regex_search(line.begin(), line.end(), m, agency)) {
    return Dateline{tidy_name(std::string_view(m[1].first, m[1].second)), "",
                    static_cast<std::size_t>(m.length(0))};
  }
  return std::nullopt;
}

bool is_photo_credit(std::string_view line) {
  return line.find("(photo credit:") != std::string_view::npos ||
         line.find("(credit:") != std::string_view::npos ||
         line.find("(Photo credit:") != std::string_view::npos;
}

// A list item of a link list: "- Headline" or "• Headline".
bool is_list_item(std::string_view line) {
  return line.starts_with("- ") || line.starts_with("\xE2\x80\xA2 ");
}

}  // namespace

Article extract_page_text(const std::string& text, NumericDateOrder date_order) {
  Article article;
  const auto lines = split_lines(text);
  std::vector<bool> drop(lines.size(), false);
  std::string header_date;
  std::string published_date;
  std::string dateline_date;
  std::string byline_outlet;
  std::string credit_outlet;
  std::size_t first_body_line = lines.size();

  static const std::regex header(R"(^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.+?)\s+(?:-|–|—|\|)\s)");
  std::set<std::string_view> seen_paragraphs;
  std::set<std::string_view> credit_captions;
  bool in_link_list = false;

  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = trim(lines[i]);
    if (line.empty()) {
      in_link_list = false;
      continue;
    }
    std::match_results<std::string_view::const_iterator> m;
    if (i < kHeaderLines && header_date.empty() &&
        std::regex_search(line.begin(), line.end(), m, header)) {
      // A header's date that is no calendar day (2022-09-45) must not stand in for a valid
      // one of a dateline or Published: line (found by tests/fuzz/page_text_fuzz.cc).
      if (const auto d = parse_date(m[1].str())) header_date = d->iso();
      article.outlet = tidy_name(std::string_view(m[2].first, m[2].second));
      drop[i] = true;
      // The headline follows the site header.
      for (std::size_t j = i + 1; j < lines.size() && j < i + 3; ++j) {
        const auto next = trim(lines[j]);
        if (next.empty()) continue;
        if (next.size() <= kMaxTitleBytes * 2) {
          article.title = std::string(next);
          drop[j] = true;
        }
        break;
      }
      continue;
    }
    if (drop[i]) continue;
    if (starts_with_icase(line, "published:") || starts_with_icase(line, "updated:")) {
      if (published_date.empty() && starts_with_icase(line, "published:"))
        if (auto d = find_date(line, date_order)) published_date = d->iso();
      drop[i] = true;
      continue;
    }
    if (line.size() < 60 && line.starts_with("By ")) {
      if (article.author.empty()) article.author = tidy_name(line.substr(3));
      if (is_all_caps(line.substr(3))) byline_outlet = tidy_name(line.substr(3));
      drop[i] = true;
      continue;
    }
    if (starts_with_icase(line, "related:")) {
      drop[i] = true;
      continue;
    }
    if (line.size() < 60 && (line.starts_with("More from ") || line == "Latest News" ||
                             line == "Related Articles" || line == "Read more")) {
      if (line.starts_with("More from ") && credit_outlet.empty())
        credit_outlet = tidy_name(line.substr(10));
      drop[i] = true;
      in_link_list = true;
      continue;
    }
    if (in_link_list && is_list_item(line)) {
      drop[i] = true;
      continue;
    }
    in_link_list = false;
    if (is_photo_credit(line)) {
      // The same caption often appears again without its credit, on a line of its own.
      const auto cut = line.find(" (");
      if (cut != std::string_view::npos) credit_captions.insert(trim(line.substr(0, cut)));
      drop[i] = true;
      continue;
    }
    if (credit_captions.count(line)) {
      drop[i] = true;
      continue;
    }
    if (!seen_paragraphs.insert(line).second) {  // repeated verbatim
      drop[i] = true;
      continue;
    }
    if (first_body_line == lines.size()) first_body_line = i;
  }

  std::size_t dateline_length = 0;
  if (first_body_line < lines.size() && first_body_line < kHeaderLines) {
    if (auto dl = match_dateline(trim(lines[first_body_line]))) {
      if (article.outlet.empty()) article.outlet = dl->outlet;
      dateline_date = dl->date;
      dateline_length = dl->length;
    }
  }

  if (article.outlet.empty())
    article.outlet = !credit_outlet.empty() ? credit_outlet : byline_outlet;
  for (const auto& candidate : {published_date, header_date, dateline_date}) {
    if (!candidate.empty()) {
      article.date = candidate;
      break;
    }
  }

  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (drop[i]) continue;
    const auto line = trim(lines[i]);
    if (line.empty() && (article.body.empty() || article.body.ends_with("\n\n"))) continue;
    article.body.append(line);
    article.body.push_back('\n');
  }
  while (!article.body.empty() && article.body.back() == '\n') article.body.pop_back();

  if (article.title.empty() && first_body_line < lines.size()) {
    auto lead = trim(lines[first_body_line]);
    const auto skip = std::min(dateline_length, lead.size());
    article.title = lead_sentence(lead.substr(skip));
    article.title_from_text = !article.title.empty();
  }
  return article;
}

}  // namespace newsdex
