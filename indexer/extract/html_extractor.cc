#include "extract/html_extractor.h"

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <simdjson.h>

#include <cstring>
#include <memory>
#include <optional>
#include <set>
#include <string_view>

#include "newsdex/date_parser.h"
#include "newsdex/error.h"

namespace newsdex {
namespace {

struct DocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
struct XmlCharDeleter {
  void operator()(xmlChar* s) const { xmlFree(s); }
};
using XmlString = std::unique_ptr<xmlChar, XmlCharDeleter>;

bool is(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE &&
         xmlStrcasecmp(node->name, reinterpret_cast<const xmlChar*>(name)) == 0;
}

std::string attribute(const xmlNode* node, const char* name) {
  XmlString value(xmlGetProp(node, reinterpret_cast<const xmlChar*>(name)));
  return value ? std::string(reinterpret_cast<const char*>(value.get())) : std::string();
}

std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return s;
}

std::string collapse_whitespace(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
  }
  return out;
}

std::string text_of(const xmlNode* node) {
  XmlString content(xmlNodeGetContent(node));
  return content ? collapse_whitespace(reinterpret_cast<const char*>(content.get())) : "";
}

bool is_furniture(const xmlNode* node) {
  for (const char* name : {"nav", "header", "footer", "aside", "figure", "figcaption", "form",
                           "script", "style", "noscript", "button", "template", "svg"})
    if (is(node, name)) return true;
  return false;
}

void set_if_empty(std::string& field, std::string value) {
  if (field.empty() && !value.empty()) field = std::move(value);
}

// Everything the page says about itself, gathered in one walk.
struct PageFacts {
  std::string og_title, h1, title_tag, site_name, canonical, og_url, meta_author, lang;
  std::string published_time, meta_date, itemprop_date, time_datetime;
  std::string ld_headline, ld_date, ld_author, ld_publisher;
  std::vector<const xmlNode*> articles;
  const xmlNode* body = nullptr;
};

// JSON-LD: the first object that describes an article (or any object with a headline).
void read_json_ld(std::string_view json, PageFacts& facts) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (parser.parse(json.data(), json.size()).get(root)) return;
  std::vector<simdjson::dom::element> stack = {root};
  while (!stack.empty()) {
    const auto e = stack.back();
    stack.pop_back();
    simdjson::dom::array array;
    if (!e.get(array)) {
      for (auto item : array) stack.push_back(item);
      continue;
    }
    simdjson::dom::object object;
    if (e.get(object)) continue;
    simdjson::dom::element graph;
    if (!object.at_key("@graph").get(graph)) stack.push_back(graph);
    std::string_view text;
    if (!object.at_key("headline").get(text)) set_if_empty(facts.ld_headline, std::string(text));
    if (!object.at_key("datePublished").get(text)) set_if_empty(facts.ld_date, std::string(text));
    simdjson::dom::element author;
    if (!object.at_key("author").get(author)) {
      std::vector<simdjson::dom::element> authors;
      if (simdjson::dom::array list; !author.get(list)) {
        for (auto a : list) authors.push_back(a);
      } else {
        authors.push_back(author);
      }
      std::string names;
      for (auto a : authors) {
        std::string_view name;
        if (a.get(name) && a["name"].get(name)) continue;
        if (!names.empty()) names += ", ";
        names += name;
      }
      set_if_empty(facts.ld_author, names);
    }
    simdjson::dom::element publisher;
    if (!object.at_key("publisher").get(publisher)) {
      std::string_view name;
      if (!publisher["name"].get(name)) set_if_empty(facts.ld_publisher, std::string(name));
    }
  }
}

// Visits the elements from `first` and its following siblings down, in document order, without
// recursion: pages nest thousands of elements deep (an article's text behind 300 wrappers must
// still be found), deeper than the call stack allows. `visit(node, flag)` returns the flag for
// the node's children, or nullopt to skip them.
template <typename Visit>
void walk_elements(const xmlNode* first, bool flag, Visit visit) {
  struct Frame {
    const xmlNode* next;  // the next sibling to visit at this level
    bool flag;
  };
  std::vector<Frame> stack = {{first, flag}};
  while (!stack.empty()) {
    const xmlNode* n = stack.back().next;
    if (!n) {
      stack.pop_back();
      continue;
    }
    const bool here = stack.back().flag;
    stack.back().next = n->next;
    if (n->type != XML_ELEMENT_NODE) continue;
    if (const std::optional<bool> below = visit(n, here)) stack.push_back({n->children, *below});
  }
}

void gather(const xmlNode* root, PageFacts& facts) {
  walk_elements(root, false, [&](const xmlNode* n, bool in_article) -> std::optional<bool> {
    if (is(n, "html")) set_if_empty(facts.lang, attribute(n, "lang"));
    if (is(n, "body")) facts.body = n;
    if (is(n, "title")) set_if_empty(facts.title_tag, text_of(n));
    if (is(n, "article")) facts.articles.push_back(n);
    if (is(n, "h1") && (in_article || facts.h1.empty())) set_if_empty(facts.h1, text_of(n));
    if (is(n, "time")) set_if_empty(facts.time_datetime, attribute(n, "datetime"));
    if (lower(attribute(n, "itemprop")) == "datepublished") {
      auto value = attribute(n, is(n, "meta") ? "content" : "datetime");
      set_if_empty(facts.itemprop_date, value.empty() ? text_of(n) : value);
    }
    if (is(n, "meta")) {
      const auto key =
          lower(attribute(n, "property").empty() ? attribute(n, "name") : attribute(n, "property"));
      const auto content = collapse_whitespace(attribute(n, "content"));
      if (key == "og:title") set_if_empty(facts.og_title, content);
      if (key == "og:site_name") set_if_empty(facts.site_name, content);
      if (key == "og:url") set_if_empty(facts.og_url, content);
      if (key == "article:published_time") set_if_empty(facts.published_time, content);
      if (key == "author" || (key == "article:author" && !content.starts_with("http")))
        set_if_empty(facts.meta_author, content);
      if (key == "date" || key == "pubdate" || key == "publishdate" || key == "publish-date" ||
          key == "dc.date" || key == "dcterms.created" || key == "sailthru.date")
        set_if_empty(facts.meta_date, content);
    }
    if (is(n, "link") && lower(attribute(n, "rel")) == "canonical")
      set_if_empty(facts.canonical, attribute(n, "href"));
    if (is(n, "script") && lower(attribute(n, "type")) == "application/ld+json") {
      XmlString content(xmlNodeGetContent(n));
      if (content) read_json_ld(reinterpret_cast<const char*>(content.get()), facts);
      return std::nullopt;
    }
    return in_article || is(n, "article");
  });
}

// Paragraph texts under `node`, skipping page furniture.
void paragraphs(const xmlNode* node, std::vector<std::string>& out) {
  walk_elements(node, false, [&](const xmlNode* n, bool) -> std::optional<bool> {
    if (is_furniture(n)) return std::nullopt;
    if (is(n, "p") || is(n, "h2") || is(n, "h3") || is(n, "li") || is(n, "blockquote")) {
      auto text = text_of(n);
      if (!text.empty()) out.push_back(std::move(text));
      return std::nullopt;
    }
    return false;
  });
}

// "Headline | Site Name" -> "Headline" when the suffix is the site's name.
std::string strip_site_suffix(std::string title, const std::string& site) {
  if (site.empty()) return title;
  for (const char* sep : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 "}) {
    const std::string suffix = sep + site;
    if (title.size() > suffix.size() && title.ends_with(suffix))
      return title.substr(0, title.size() - suffix.size());
  }
  return title;
}

}  // namespace

Article extract_html(const std::string& html) {
  // XML_PARSE_HUGE (libxml2 2.9 has no HTML_ name for it) lifts libxml2's nesting limit of 256
  // elements, past which it silently drops the rest of the page (an article's text behind 300
  // wrappers was lost).
  const int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                      HTML_PARSE_NONET | HTML_PARSE_NOIMPLIED | XML_PARSE_HUGE;
  std::unique_ptr<xmlDoc, DocDeleter> doc(
      htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8", options));
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!root) throw InputError("not an HTML document");

  PageFacts facts;
  gather(root, facts);

  Article article;
  for (auto* field : {&facts.og_title, &facts.ld_headline, &facts.h1})
    set_if_empty(article.title, *field);
  set_if_empty(article.outlet, facts.site_name);
  set_if_empty(article.outlet, facts.ld_publisher);
  set_if_empty(article.title, strip_site_suffix(facts.title_tag, article.outlet));
  // The first stated date that parses; failing that the first stated, which finalisation will
  // report as unparseable.
  for (const auto* field : {&facts.published_time, &facts.ld_date, &facts.meta_date,
                            &facts.itemprop_date, &facts.time_datetime}) {
    if (!field->empty() && parse_date(*field)) {
      article.date = *field;
      break;
    }
  }
  for (const auto* field : {&facts.published_time, &facts.ld_date, &facts.meta_date,
                            &facts.itemprop_date, &facts.time_datetime})
    set_if_empty(article.date, *field);
  set_if_empty(article.url, facts.canonical);
  set_if_empty(article.url, facts.og_url);
  set_if_empty(article.author, facts.meta_author);
  set_if_empty(article.author, facts.ld_author);
  // The primary subtag's first two letters ("en-GB" -> "en"); a value that does not start
  // with two ASCII letters is no language code (cutting it could split a UTF-8 character).
  const auto ascii_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (facts.lang.size() >= 2 && ascii_letter(facts.lang[0]) && ascii_letter(facts.lang[1]))
    article.language = lower(facts.lang.substr(0, 2));

  // The richest <article> holds the story; without one, the body minus its furniture.
  std::vector<std::string> texts;
  std::size_t best = 0;
  for (const xmlNode* a : facts.articles) {
    std::vector<std::string> candidate;
    paragraphs(a->children, candidate);
    std::size_t size = 0;
    for (const auto& p : candidate) size += p.size();
    if (size > best) {
      best = size;
      texts = std::move(candidate);
    }
  }
  if (texts.empty() && facts.body) paragraphs(facts.body->children, texts);
  if (texts.empty() && facts.body) texts.push_back(text_of(facts.body));
  std::set<std::string_view> seen;
  for (const auto& p : texts) {
    if (p == article.title || !seen.insert(p).second) continue;  // the headline, repeats
    if (!article.body.empty()) article.body += "\n\n";
    article.body += p;
  }
  return article;
}

}  // namespace newsdex
