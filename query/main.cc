// newsdex-query: searches a newsdex database.
//
// Exit status, as grep's: 0 hits found, 1 no hits, 2 error (usage, query syntax or database).
#include <unistd.h>

#include <unicode/uversion.h>
#include <xapian.h>
#include <zstd.h>

#include <boost/program_options.hpp>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>

#include "format/json_writer.h"
#include "format/text_writer.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "newsdex/searcher.h"
#include "newsdex/utf8.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitHits = 0;
constexpr int kExitNoHits = 1;
constexpr int kExitError = 2;
// What a bare --expand means: feedback articles, feedback words, the original query's share.
constexpr const char* kExpandDefault = "10,10,0.5";

enum class OutputFormat { kText, kJson, kTsv, kTrec };

enum class OutputMode { kHits, kCount, kQuiet };

struct Output {
  OutputFormat format = OutputFormat::kText;
  OutputMode mode = OutputMode::kHits;
  bool colour = false;
  std::string run_tag = "newsdex";
};

std::pair<std::string, std::string> split_pair(const std::string& value, const char* option) {
  const auto comma = value.find(',');
  if (comma == std::string::npos)
    throw po::error(std::string("--") + option + " takes two values separated by a comma");
  return {value.substr(0, comma), value.substr(comma + 1)};
}

double parse_number(const std::string& text, const char* option) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty())
    throw po::error(std::string("--") + option + ": '" + text + "' is not a number");
  return value;
}

// A count option (--limit, --offset, ...): digits only, so "-1" is an error rather than a
// wrapped-around "everything". `what` names it in the message ("--limit").
std::size_t parse_count(const std::string& text, const std::string& what, std::size_t min = 0,
                        std::size_t max = 1'000'000'000) {
  const bool digits = !text.empty() && text.size() <= 10 &&
                      text.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stoull(text) < min || std::stoull(text) > max)
    throw po::error(what + " takes a whole number from " + std::to_string(min) + " to " +
                    std::to_string(max) + ", not '" + text + "'");
  return static_cast<std::size_t>(std::stoull(text));
}
std::size_t parse_count(const std::string& text, const char* option) {
  return parse_count(text, std::string("--") + option);
}

// A timeout in seconds: above 0, at most a day.
double parse_seconds(const std::string& text, const char* option) {
  char* end = nullptr;
  const double seconds = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !(seconds > 0) || seconds > 86400)
    throw po::error(std::string("--") + option + " takes seconds above 0 and at most 86400, not '" +
                    text + "'");
  return seconds;
}

// A count of positions, 1 to 1000 (a window or a lead longer than that is the whole article).
unsigned parse_position_count(const std::string& text, const char* option) {
  return static_cast<unsigned>(parse_count(text, std::string("--") + option, 1, 1000));
}

// --expand DOCS[,TERMS[,ORIGINAL_WEIGHT]]: feedback articles, words taken, the original query's
// share of the mixed query.
void parse_expand(const std::string& text, newsdex::SearchRequest& request) {
  std::vector<std::string> fields;
  for (std::size_t start = 0;;) {
    const auto comma = text.find(',', start);
    fields.push_back(text.substr(start, comma == std::string::npos ? comma : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (fields.size() > 3)
    throw po::error("--expand takes DOCS[,TERMS[,ORIGINAL_WEIGHT]], not '" + text + "'");
  request.expand_documents = parse_count(fields[0], "--expand: feedback articles (DOCS)", 1, 1000);
  if (fields.size() > 1)
    request.expand_terms = parse_count(fields[1], "--expand: feedback words (TERMS)", 1, 1000);
  if (fields.size() > 2) {
    std::size_t used = 0;
    double weight = -1;
    try {
      weight = std::stod(fields[2], &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != fields[2].size() || !(weight > 0 && weight < 1))
      throw po::error("--expand: the original query's weight must be above 0 and below 1, not '" +
                      fields[2] + "'");
    request.expand_original_weight = weight;
  }
}

// The arguments, with a bare --expand spelled --expand=DEFAULT unless a value follows (an
// argument that starts with a digit): Boost would take the next word, the query in `--expand
// albania`, as the value.
std::vector<std::string> expand_alone(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] != "--expand") continue;
    const bool value_follows = i + 1 < args.size() && !args[i + 1].empty() &&
                               args[i + 1][0] >= '0' && args[i + 1][0] <= '9';
    if (!value_follows) args[i] = std::string("--expand=") + kExpandDefault;
  }
  return args;
}

// "30d", "2w", "6m" (30-day months), "1y", or a plain number of days.
double parse_halflife_days(const std::string& text) {
  if (text.empty()) throw po::error("--recency needs a half-life such as 30d");
  double unit = 1;
  std::string number = text;
  switch (text.back()) {
    case 'd':
      unit = 1;
      number.pop_back();
      break;
    case 'w':
      unit = 7;
      number.pop_back();
      break;
    case 'm':
      unit = 30;
      number.pop_back();
      break;
    case 'y':
      unit = 365;
      number.pop_back();
      break;
    default:
      break;
  }
  const double days = parse_number(number, "recency") * unit;
  if (days <= 0) throw po::error("--recency must be positive");
  return days;
}

std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= list.size()) {
    auto comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) items.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return items;
}

// Prints a message about the query with a caret under the character it is about.
void report_at(const std::string& query, const std::string& message, std::size_t position,
               std::size_t repaired_sequences) {
  std::cerr << "newsdex-query: " << message;
  if (repaired_sequences > 0)
    std::cerr << " (the query had " << repaired_sequences
              << " invalid UTF-8 sequence(s), shown as U+FFFD)";
  std::cerr << "\n  " << query << "\n  ";
  std::size_t column = 0;
  for (std::size_t i = 0; i < position && i < query.size(); ++i)
    if ((static_cast<unsigned char>(query[i]) & 0xC0) != 0x80) ++column;
  std::cerr << std::string(column, ' ') << "^\n";
}

std::string lenient_note(const newsdex::SyntaxNote& note) {
  return "note: " + note.message + "; searched as search-box text (--syntax strict refuses it)";
}

// A shard map searched without some of its parts (--allow-partial) says so on stderr, whatever
// the output format.
void warn_if_partial(const newsdex::SearchResult& result, const std::string& id) {
  if (result.parts_answered >= result.parts_total) return;
  std::cerr << "newsdex-query: " << (id.empty() ? "" : "query " + id + ": ")
            << "warning: results of " << result.parts_answered << " of " << result.parts_total
            << " parts; not answering:";
  for (const auto& line : result.missing_parts) std::cerr << " '" << line << "'";
  std::cerr << "\n";
}

void print(const newsdex::SearchResult& result, const Output& out, const std::string& id) {
  warn_if_partial(result, id);
  if (out.mode == OutputMode::kQuiet) return;
  if (out.mode == OutputMode::kCount) {
    if (!id.empty()) std::cout << id << '\t';
    std::cout << result.total << "\n";
    return;
  }
  switch (out.format) {
    case OutputFormat::kText:
      if (!id.empty()) std::cout << "## " << id << "\n";
      newsdex::write_text(std::cout, result, out.colour);
      break;
    case OutputFormat::kJson:
      newsdex::write_json(std::cout, result, id);
      break;
    case OutputFormat::kTsv:
      newsdex::write_tsv(std::cout, result);
      break;
    case OutputFormat::kTrec:
      newsdex::write_trec(std::cout, result, id.empty() ? "1" : id, out.run_tag);
      break;
  }
}

std::string version_line() {
  char icu[U_MAX_VERSION_STRING_LENGTH];
  UVersionInfo info;
  u_getVersion(info);
  u_versionToString(info, icu);
  return std::string("newsdex-query ") + NEWSDEX_VERSION + " (Xapian " + Xapian::version_string() +
         ", ICU " + icu + ", zstd " + ZSTD_versionString() + "; reads schema version " +
         std::to_string(newsdex::schema::kSchemaVersion) + ")";
}

// Like grep, the exit status says whether anything matched, not whether hits were printed
// (--limit 0 prints only the total, --offset can skip past every hit).
bool has_matches(const newsdex::SearchResult& result) {
  return !result.hits.empty() || result.total_lower > 0;
}

// Batch mode: one query a line ("ID<TAB>query" keeps its ID, else the line number is the ID);
// the database is opened once. A bad query is reported and the batch goes on.
int run_batch(newsdex::Searcher& searcher, newsdex::SearchRequest request, std::istream& in,
              const Output& out) {
  std::string line;
  std::size_t line_number = 0;
  bool any_hits = false;
  bool any_error = false;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    std::string id = std::to_string(line_number);
    if (const auto tab = line.find('\t'); tab != std::string::npos) {
      id = line.substr(0, tab);
      line.erase(0, tab + 1);
    }
    newsdex::repair_utf8(line);
    request.query = line;
    try {
      const auto result = searcher.search(request);
      any_hits |= has_matches(result);
      if (result.syntax_note && out.mode != OutputMode::kQuiet)
        std::cerr << "newsdex-query: query " << id << ": at position "
                  << result.syntax_note->position << ": " << lenient_note(*result.syntax_note)
                  << "\n";
      print(result, out, id);
    } catch (const newsdex::QuerySyntaxError& e) {
      any_error = true;
      std::cerr << "newsdex-query: query " << id << ": bad query at position " << e.position()
                << ": " << e.what() << "\n";
      if (out.format == OutputFormat::kJson && out.mode == OutputMode::kHits)
        newsdex::write_json_error(std::cout, id, "syntax", e.what(), e.position());
    } catch (const newsdex::DatabaseError&) {
      throw;  // not this query's fault: the batch cannot go on
    } catch (const newsdex::Error& e) {
      any_error = true;
      std::cerr << "newsdex-query: query " << id << ": " << e.what() << "\n";
      if (out.format == OutputFormat::kJson && out.mode == OutputMode::kHits)
        newsdex::write_json_error(std::cout, id, "request", e.what(), std::nullopt);
    }
  }
  if (any_error) return kExitError;
  return any_hits ? kExitHits : kExitNoHits;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db_path, format, match, bm25, recency, sort, facets, highlight, queries, colour;
  std::string syntax, collapse;
  std::string limit, offset, facet_limit, snippet_words, threads;
  std::string lead_words, proximity_window, rerank_depth, expand;
  std::string connect_timeout, remote_timeout;
  newsdex::SearcherOptions searcher_options;
  std::vector<std::string> words;
  newsdex::SearchRequest request;
  Output out;
  po::options_description visible(
      "Usage: newsdex-query --db PATH [options] QUERY...\n"
      "       newsdex-query --db PATH --queries FILE [options]\n\n"
      "Searches a newsdex database. The query language (docs/query.md): words, \"phrases\",\n"
      "cyber*, +required, -excluded, AND, OR, NOT, NEAR/n, (groups), title:, outlet:, author:,\n"
      "id:, url:, language:fr, keyword fields (topics:cocoa), date:2022-09,\n"
      "date:2022-09-01..2022-09-30, date:>=2022-09-01. Words are analyzed as article text\n"
      "is, in every language of the archive unless --language pins one, and ranked with BM25.\n\n"
      "Exit status: 0 hits, 1 no hits, 2 error.\n\nOptions");
  visible.add_options()("help,h", "show this help")(
      "version", "print the version of newsdex-query and of the libraries it runs on")(
      "count", "print only the number of matching articles (exact)")(
      "quiet,q", "print nothing; the exit status says whether anything matched")(
      "db", po::value(&db_path)->required(), "database folder")(
      "limit,n", po::value(&limit)->default_value("10"), "hits to show (0: only the total)")(
      "offset", po::value(&offset)->default_value("0"), "hits to skip")(
      "format", po::value(&format)->default_value("text"), "text, json, tsv or trec")(
      "language", po::value(&request.language)->default_value("auto"),
      "language of the query words (as the articles were indexed); auto: every language of "
      "the archive, so a word finds articles in any of them")(
      "syntax", po::value(&syntax)->default_value("auto"),
      "strict: refuse invalid syntax; lenient: search it as words (search-box text); auto: "
      "strict, else lenient with a note")(
      "match", po::value(&match)->default_value("any"),
      "any: rank articles with any word; all: require every word")(
      "bm25", po::value(&bm25), "BM25 parameters K1,B (default 1.2,0.4)")(
      "title-weight", po::value(&request.title_weight)->default_value(0.5),
      "extra weight of title matches")(
      "lead", po::value(&request.lead_weight)->default_value(request.lead_weight),
      "weight of the bonus for query words among the first words of the body (0: none)")(
      "lead-words", po::value(&lead_words)->default_value(std::to_string(request.lead_words)),
      "how many of the body's first positions count as its lead")(
      "proximity", po::value(&request.proximity_weight)->default_value(request.proximity_weight),
      "weight of the bonus for query words close together (0: none)")(
      "proximity-window",
      po::value(&proximity_window)->default_value(std::to_string(request.proximity_window)),
      "positions apart within which two query words count as close")(
      "rerank-depth", po::value(&rerank_depth)->default_value(std::to_string(request.rerank_depth)),
      "how many of the best BM25 matches the lead and proximity bonuses re-rank")(
      "expand", po::value(&expand)->implicit_value(kExpandDefault),
      "pseudo-relevance feedback (RM3) from the best matches: DOCS,TERMS,ORIGINAL_WEIGHT "
      "(alone: 10,10,0.5; the next argument is its value only if it starts with a digit)")(
      "recency", po::value(&recency), "blend in freshness with this half-life (30d, 2w, 1y)")(
      "recency-weight", po::value(&request.recency_weight)->default_value(2.0),
      "score added for the newest article when --recency is on")(
      "sort", po::value(&sort)->default_value("relevance"), "relevance, date or -date")(
      "facets", po::value(&facets),
      "count matches by outlet, language, date.year, date.month, date.day, story "
      "or a keyword field, comma-separated")(
      "facet-limit", po::value(&facet_limit)->default_value("10"), "values per facet")(
      "collapse", po::value(&collapse),
      "one hit per outlet or per story (the story's other articles listed): "
      "--collapse outlet, --collapse story")("explain",
                                             "show each term's contribution to a hit's score")(
      "exact-total", "count every match (total_lower == total_upper)")(
      "similar", po::value(&request.similar_to), "articles like the one with this id")(
      "story-of", po::value(&request.story_of),
      "the articles of the story of the one with this id, by date unless --sort is given; "
      "a QUERY filters them")("highlight", po::value(&highlight),
                              "snippet markers OPEN,CLOSE (default **,** in text, "
                              "<mark>,</mark> in JSON)")(
      "snippet-words", po::value(&snippet_words)->default_value("40"),
      "words of context in a snippet")("queries", po::value(&queries),
                                       "batch mode: one query a line (ID<TAB>query), - for stdin")(
      "run-tag", po::value(&out.run_tag)->default_value("newsdex"), "run tag for --format trec")(
      "color", po::value(&colour)->default_value("auto"), "auto, always or never")(
      "threads", po::value(&threads)->default_value("0"),
      "threads for one query: large queries are matched in parts at once (0: one per core)")(
      "allow-partial",
      "a shard map whose part is down or too slow: search the other parts, warn, and give "
      "coverage (parts answered / parts total) in the JSON (docs/scaling.md)")(
      "connect-timeout", po::value(&connect_timeout)->default_value("5"),
      "seconds to wait for a remote part to accept the connection")(
      "timeout", po::value(&remote_timeout)->default_value("10"),
      "seconds to wait for a remote part's answer to each request");
  po::options_description hidden;
  hidden.add_options()("query", po::value(&words));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);

  try {
    po::variables_map vm;
    po::store(
        po::command_line_parser(expand_alone(argc, argv)).options(all).positional(positional).run(),
        vm);
    if (vm.count("help")) {
      std::cout << visible << "\n";
      return kExitHits;
    }
    if (vm.count("version")) {
      std::cout << version_line() << "\n";
      return kExitHits;
    }
    po::notify(vm);
    request.limit = parse_count(limit, "limit");
    request.offset = parse_count(offset, "offset");
    request.facet_limit = parse_count(facet_limit, "facet-limit");
    request.snippet_words = parse_count(snippet_words, "snippet-words");
    searcher_options.threads = parse_count(threads, "threads");
    searcher_options.allow_partial = vm.count("allow-partial") > 0;
    searcher_options.connect_timeout_seconds = parse_seconds(connect_timeout, "connect-timeout");
    searcher_options.remote_timeout_seconds = parse_seconds(remote_timeout, "timeout");
    if (!std::isfinite(request.title_weight) || request.title_weight < 0)
      throw po::error("--title-weight must be a finite number >= 0");
    if (!std::isfinite(request.proximity_weight) || request.proximity_weight < 0)
      throw po::error("--proximity must be a finite number >= 0");
    if (!std::isfinite(request.lead_weight) || request.lead_weight < 0)
      throw po::error("--lead must be a finite number >= 0");
    request.lead_words = parse_position_count(lead_words, "lead-words");
    request.proximity_window = parse_position_count(proximity_window, "proximity-window");
    request.rerank_depth = parse_count(rerank_depth, "--rerank-depth", 0, 10000);
    if (vm.count("expand")) parse_expand(expand, request);
    if (!std::isfinite(request.recency_weight) || request.recency_weight < 0)
      throw po::error("--recency-weight must be a finite number >= 0");
    if (words.empty() && queries.empty() && request.similar_to.empty() && request.story_of.empty())
      throw po::error("no QUERY given");
    if (!words.empty() && !queries.empty())
      throw po::error("give either a QUERY or --queries FILE, not both");
    if (format == "text")
      out.format = OutputFormat::kText;
    else if (format == "json")
      out.format = OutputFormat::kJson;
    else if (format == "tsv")
      out.format = OutputFormat::kTsv;
    else if (format == "trec")
      out.format = OutputFormat::kTrec;
    else
      throw po::error("--format must be text, json, tsv or trec, not '" + format + "'");
    // Neither TSV nor TREC output shows snippets: do not make them.
    if (out.format == OutputFormat::kTsv || out.format == OutputFormat::kTrec)
      request.snippet_words = 0;
    if (syntax == "auto")
      request.syntax = newsdex::QuerySyntax::kAuto;
    else if (syntax == "strict")
      request.syntax = newsdex::QuerySyntax::kStrict;
    else if (syntax == "lenient")
      request.syntax = newsdex::QuerySyntax::kLenient;
    else
      throw po::error("--syntax must be auto, strict or lenient, not '" + syntax + "'");
    if (match != "any" && match != "all")
      throw po::error("--match must be any or all, not '" + match + "'");
    request.match_all = match == "all";
    if (!bm25.empty()) {
      const auto [k1, b] = split_pair(bm25, "bm25");
      request.bm25 = {parse_number(k1, "bm25"), parse_number(b, "bm25")};
      if (request.bm25.k1 < 0 || request.bm25.b < 0 || request.bm25.b > 1)
        throw po::error("--bm25 needs K1 >= 0 and 0 <= B <= 1");
    }
    if (!recency.empty()) request.recency_halflife_days = parse_halflife_days(recency);
    if (sort == "relevance")
      request.sort = newsdex::SortOrder::kRelevance;
    else if (sort == "date")
      request.sort = newsdex::SortOrder::kDateAscending;
    else if (sort == "-date")
      request.sort = newsdex::SortOrder::kDateDescending;
    else
      throw po::error("--sort must be relevance, date or -date, not '" + sort + "'");
    for (const auto& name : split_list(facets))
      request.facets.push_back(newsdex::FacetField::named(name));
    if (collapse == "outlet")
      request.collapse = newsdex::Collapse::kOutlet;
    else if (collapse == "story")
      request.collapse = newsdex::Collapse::kStory;
    else if (!collapse.empty())
      throw po::error("--collapse must be outlet or story, not '" + collapse + "'");
    if (!request.story_of.empty() && vm["sort"].defaulted())
      request.sort = newsdex::SortOrder::kDateAscending;
    request.explain = vm.count("explain") > 0;
    request.exact_total = vm.count("exact-total") > 0;
    if (vm.count("count") && vm.count("quiet"))
      throw po::error("give either --count or --quiet, not both");
    if (vm.count("count")) {
      out.mode = OutputMode::kCount;
      request.exact_total = true;
    }
    if (vm.count("quiet")) out.mode = OutputMode::kQuiet;
    if (out.mode != OutputMode::kHits) {  // no hit is shown: none is fetched
      request.limit = 0;
      request.offset = 0;
      request.snippet_words = 0;
    }
    if (colour == "always")
      out.colour = true;
    else if (colour == "auto")
      out.colour = isatty(STDOUT_FILENO) && !std::getenv("NO_COLOR");
    else if (colour != "never")
      throw po::error("--color must be auto, always or never");
    if (!highlight.empty()) {
      std::tie(request.highlight_open, request.highlight_close) =
          split_pair(highlight, "highlight");
    } else if (out.format == OutputFormat::kJson) {
      request.highlight_open = "<mark>";
      request.highlight_close = "</mark>";
    } else if (out.colour) {
      request.highlight_open = "\x1b[1;33m";
      request.highlight_close = "\x1b[0m";
    }
    // HTML markers mean the snippet is meant for a page: its text must not inject markup.
    request.snippet_escape_html = request.highlight_open.starts_with('<');
  } catch (const po::error& e) {
    std::cerr << "newsdex-query: " << e.what() << "\nTry 'newsdex-query --help'.\n";
    return kExitError;
  }
  for (const auto& w : words) request.query += (request.query.empty() ? "" : " ") + w;
  // As the library does: so that the caret of a syntax error lines up with what is printed.
  const std::size_t repaired_sequences = newsdex::repair_utf8(request.query);

  try {
    newsdex::Searcher searcher(db_path, searcher_options);
    if (!queries.empty()) {
      if (queries == "-") return run_batch(searcher, request, std::cin, out);
      std::ifstream in(queries);
      if (!in) {
        std::cerr << "newsdex-query: cannot read " << queries << "\n";
        return kExitError;
      }
      return run_batch(searcher, request, in, out);
    }
    const auto result = searcher.search(request);
    if (result.syntax_note && out.mode != OutputMode::kQuiet)
      report_at(request.query, lenient_note(*result.syntax_note), result.syntax_note->position,
                repaired_sequences);
    print(result, out, {});
    return has_matches(result) ? kExitHits : kExitNoHits;
  } catch (const newsdex::QuerySyntaxError& e) {
    report_at(request.query, std::string("bad query: ") + e.what(), e.position(),
              repaired_sequences);
    return kExitError;
  } catch (const newsdex::Error& e) {
    std::cerr << "newsdex-query: " << e.what() << "\n";
    return kExitError;
  }
}
