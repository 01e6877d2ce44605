// newsdex-query: searches a newsdex database.
//
// Exit status, as grep's: 0 hits found, 1 no hits, 2 error (usage, query or database).
#include <boost/program_options.hpp>
#include <iostream>

#include "format/json_writer.h"
#include "format/text_writer.h"
#include "newsdex/error.h"
#include "newsdex/searcher.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitHits = 0;
constexpr int kExitNoHits = 1;
constexpr int kExitError = 2;

}  // namespace

int main(int argc, char** argv) {
  std::string db_path;
  std::string format;
  std::string match;
  std::vector<std::string> words;
  newsdex::SearchRequest request;
  po::options_description visible(
      "Usage: newsdex-query --db PATH [options] QUERY...\n\n"
      "Searches a newsdex database. Query words are analyzed as article text is (case,\n"
      "accents and word endings do not matter) and ranked with BM25.\n\n"
      "Exit status: 0 hits, 1 no hits, 2 error.\n\nOptions");
  visible.add_options()("help,h", "show this help")("db", po::value(&db_path)->required(),
                                                    "database folder")(
      "limit,n", po::value(&request.limit)->default_value(10), "hits to show")(
      "offset", po::value(&request.offset)->default_value(0), "hits to skip")(
      "format", po::value(&format)->default_value("text"), "text or json")(
      "match", po::value(&match)->default_value("any"),
      "any: rank articles with any word; "
      "all: require every word");
  po::options_description hidden;
  hidden.add_options()("query", po::value(&words));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("query", -1);

  try {
    po::variables_map vm;
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << visible << "\n";
      return kExitHits;
    }
    po::notify(vm);
    if (words.empty()) throw po::error("no QUERY given");
    if (format != "text" && format != "json")
      throw po::error("--format must be text or json, not '" + format + "'");
    if (match != "any" && match != "all")
      throw po::error("--match must be any or all, not '" + match + "'");
  } catch (const po::error& e) {
    std::cerr << "newsdex-query: " << e.what() << "\nTry 'newsdex-query --help'.\n";
    return kExitError;
  }
  for (const auto& w : words) request.query += (request.query.empty() ? "" : " ") + w;
  request.match_all = match == "all";
  if (format == "json") {
    request.highlight_open = "<mark>";
    request.highlight_close = "</mark>";
  }

  try {
    newsdex::Searcher searcher(db_path);
    const auto result = searcher.search(request);
    if (format == "json") {
      newsdex::write_json(std::cout, result);
    } else {
      newsdex::write_text(std::cout, result);
    }
    return result.hits.empty() && result.total == 0 ? kExitNoHits : kExitHits;
  } catch (const newsdex::QuerySyntaxError& e) {
    std::cerr << "newsdex-query: bad query: " << e.what() << "\n";
    return kExitError;
  } catch (const newsdex::Error& e) {
    std::cerr << "newsdex-query: " << e.what() << "\n";
    return kExitError;
  }
}
