// newsdex-index: builds or updates a newsdex database from article files.
//
// Exit status: 0 every article indexed; 3 indexed, but some inputs were skipped;
// 1 nothing could be indexed (or the database could not be opened); 2 usage error.
#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "newsdex/error.h"
#include "newsdex/index_job.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitSkipped = 3;

}  // namespace

int main(int argc, char** argv) {
  newsdex::IndexOptions options;
  po::options_description visible(
      "Usage: newsdex-index --db PATH INPUT...\n\n"
      "Indexes article files (.txt scraped pages, .jsonl/.ndjson JSON Lines) and folders of\n"
      "them into a newsdex database. Sidecar files named *.meta.jsonl beside the articles\n"
      "({\"file\": NAME, \"outlet\": …, \"date\": …, \"title\": …, \"url\": …}) override the\n"
      "metadata found in the text.\n\n"
      "Exit status: 0 all indexed, 3 indexed with items skipped, 1 nothing indexed or\n"
      "database error, 2 usage error.\n\nOptions");
  visible.add_options()("help,h", "show this help")("db", po::value(&options.db_path)->required(),
                                                    "database folder (created when missing)")(
      "no-sidecar", "ignore *.meta.jsonl sidecar files")(
      "language", po::value(&options.default_language)->default_value("english"),
      "stemming language for articles that do not state one")(
      "batch", po::value(&options.commit_every)->default_value(10000), "articles per commit")(
      "quiet,q", "print only errors");
  po::options_description hidden;
  hidden.add_options()("input", po::value(&options.inputs));
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);

  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << visible << "\n";
      return kExitOk;
    }
    po::notify(vm);
    if (options.inputs.empty()) throw po::error("no INPUT given");
    if (options.commit_every == 0) throw po::error("--batch must be at least 1");
  } catch (const po::error& e) {
    std::cerr << "newsdex-index: " << e.what() << "\nTry 'newsdex-index --help'.\n";
    return kExitUsage;
  }
  options.use_sidecars = vm.count("no-sidecar") == 0;
  const bool quiet = vm.count("quiet") > 0;

  try {
    const auto report = newsdex::run_index_job(options, [&](const newsdex::InputProblem& p) {
      std::cerr << p.origin << ": " << (p.skipped ? "skipped: " : "warning: ") << p.reason << "\n";
    });
    if (!quiet) {
      std::printf("indexed %zu articles, skipped %zu, warnings %zu, in %.2f s (%zu in database)\n",
                  report.indexed, report.skipped, report.warnings, report.seconds,
                  report.documents_in_db);
    }
    if (report.indexed == 0) {
      std::cerr << "newsdex-index: no article could be indexed\n";
      return kExitFailed;
    }
    return report.skipped > 0 ? kExitSkipped : kExitOk;
  } catch (const newsdex::Error& e) {
    std::cerr << "newsdex-index: " << e.what() << "\n";
    return kExitFailed;
  }
}
