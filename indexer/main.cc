// newsdex-index: builds or updates a newsdex database from article files.
//
// Exit status: 0 every article indexed; 3 indexed, but some inputs were skipped;
// 1 nothing could be indexed (or the database could not be opened); 2 usage error;
// 128 + signal number when SIGINT/SIGTERM stopped the run (after committing what was indexed).
#include <sys/resource.h>
#include <unistd.h>

#include <xapian.h>

#include <boost/program_options.hpp>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <iostream>
#include <set>

#include "newsdex/analyzer.h"
#include "newsdex/error.h"
#include "newsdex/index_job.h"
#include "newsdex/index_maintenance.h"
#include "progress_printer.h"
#include "versions.h"

namespace po = boost::program_options;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitSkipped = 3;

void write_json_string(std::ostream& out, std::string_view s) {
  out << '"';
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out << '\\' << c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out << buf;
    } else {
      out << c;
    }
  }
  out << '"';
}

// The one piece of global state: a signal handler can reach nothing else. It only records the
// signal; the run polls it between articles and stops after a commit.
volatile std::sig_atomic_t g_stop_signal = 0;

extern "C" void on_stop_signal(int signal) {
  g_stop_signal = signal;
}

void install_stop_handlers() {
  struct sigaction action {};
  action.sa_handler = on_stop_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

// A new database is merged from its shards in one compaction when the open-file limit allows
// (three files a shard): the soft limit, often 1024, goes up to the hard one. Best effort: a
// lower limit only means merging in groups first.
void raise_open_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// Xapian 1.4 can throw again from its cleanup while a failed commit unwinds (seen on a full
// disk), which ends in std::terminate. Say what failed instead of aborting: the database is at
// its last commit (commits are atomic), and the next run gives back the failed commit's blocks.
[[noreturn]] void report_fatal_error() {
  std::string what = "unknown error";
  if (const auto current = std::current_exception()) {
    try {
      std::rethrow_exception(current);
    } catch (const Xapian::Error& e) {
      what = e.get_description();
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
  }
  const bool disk_full = what.find(std::strerror(ENOSPC)) != std::string::npos;
  std::fprintf(stderr,
               "newsdex-index: %s: %s\n"
               "newsdex-index: the database is as its last commit left it; %s and run the same "
               "command again\n",
               disk_full ? "the disk is full" : "the database library failed while writing",
               what.c_str(), disk_full ? "free disk space" : "fix the cause");
  std::_Exit(kExitFailed);
}

int print_stats(const std::string& db_path) {
  const auto stats = newsdex::index_stats(db_path);
  std::printf("articles        %llu\n", static_cast<unsigned long long>(stats.articles));
  std::printf("distinct terms  %llu\n", static_cast<unsigned long long>(stats.distinct_terms));
  std::printf("indexed words   %llu\n", static_cast<unsigned long long>(stats.total_words));
  std::printf("size on disk    %.1f MB (%.0f bytes/article)\n",
              static_cast<double>(stats.bytes_on_disk) / 1e6,
              stats.articles
                  ? static_cast<double>(stats.bytes_on_disk) / static_cast<double>(stats.articles)
                  : 0.0);
  std::printf("dates           %s .. %s\n",
              stats.first_date.empty() ? "(none)" : stats.first_date.c_str(),
              stats.last_date.empty() ? "(none)" : stats.last_date.c_str());
  std::printf("outlets         %zu%s\n", stats.outlets.size(),
              stats.outlets.size() >= 50 ? "+ (the 50 largest below)" : "");
  for (const auto& [outlet, count] : stats.outlets)
    std::printf("  %8llu  %s\n", static_cast<unsigned long long>(count), outlet.c_str());
  std::string fields;
  for (const auto& f : stats.keyword_fields) fields += (fields.empty() ? "" : ", ") + f;
  std::printf("keyword fields  %s\n", fields.empty() ? "(none)" : fields.c_str());
  return kExitOk;
}

const char* kind_name(newsdex::ProblemKind kind) {
  switch (kind) {
    case newsdex::ProblemKind::kSkipped:
      return "skipped";
    case newsdex::ProblemKind::kRepaired:
      return "repaired";
    case newsdex::ProblemKind::kWarning:
      return "warning";
  }
  return "?";
}

}  // namespace

int main(int argc, char** argv) {
  std::set_terminate(report_fatal_error);
  newsdex::IndexOptions options;
  std::string format, date_order, report_path, delete_from, only_part;
  std::vector<std::string> maps;
  std::size_t memory_mib = 512;
  double progress_seconds = 5;
  po::options_description visible(
      "Usage: newsdex-index --db PATH INPUT...\n\n"
      "Indexes news articles into a newsdex database. INPUT is a file, a folder (walked\n"
      "recursively) or - (standard input, JSON Lines). Formats, by extension or content:\n"
      "scraped article pages (.txt), JSON Lines (.jsonl, .ndjson, and gzip'd .jsonl.gz), web\n"
      "pages (.html, .htm). Sidecar files named *.meta.jsonl beside page files\n"
      "({\"file\": NAME, \"outlet\": …, \"date\": …, \"title\": …, \"url\": …}) override what\n"
      "is found in the text. See docs/ingestion.md.\n\n"
      "Also: newsdex-index --db PATH --delete ID... | --delete-from FILE | --compact | --stats\n\n"
      "Exit status: 0 all indexed, 3 indexed with items skipped, 1 nothing indexed or\n"
      "database error, 2 usage error, 128+N stopped by signal N (SIGINT, SIGTERM) after a\n"
      "commit: re-running the same command finishes the job.\n\nOptions");
  visible.add_options()("help,h", "show this help")(
      "version", "print the version of newsdex-index and of the libraries it runs on")(
      "db", po::value(&options.db_path)->required(), "database folder (created when missing)")(
      "format", po::value(&format), "read every input as txt, jsonl or html")(
      "map", po::value(&maps)->composing(),
      "FIELD=NAME: read article field FIELD (id, url, title, outlet, date, author, language, "
      "body) from JSON key NAME; repeatable")(
      "max-bytes", po::value(&options.max_bytes)->default_value(16u << 20),
      "skip page/HTML files and JSON lines larger than this")(
      "date-order", po::value(&date_order),
      "dmy or mdy: how to read numeric dates such as 8/9/2022 (default: not as dates)")(
      "report", po::value(&report_path), "write every skipped or repaired item as a JSON line")(
      "delete", po::value(&options.delete_ids)->multitoken(), "delete the articles with these ids")(
      "delete-from", po::value(&delete_from),
      "delete the articles whose ids a file lists, one a line")(
      "compact", "compact the database in place (safely: a copy, then an atomic swap)")(
      "stats", "print article count, terms, size, date range, outlets and keyword fields")(
      "memory", po::value(&memory_mib)->default_value(512),
      "commit when uncommitted postings are estimated to pass this many MiB")(
      "no-sidecar", "ignore *.meta.jsonl sidecar files")(
      "language", po::value(&options.default_language)->default_value("english"),
      "language of articles that state none and whose language is not detected with "
      "confidence")("no-detect-language",
                    "do not detect languages: articles that state none are in --language")(
      "batch", po::value(&options.commit_every)->default_value(10000),
      "articles per commit when adding to an existing database; shard size (at most 1000) "
      "when building a new one")(
      "jobs,j", po::value(&options.jobs)->default_value(0),
      "threads building a new database, each filling its own shards, merged at the end "
      "(0: one per core)")(
      "story-threshold", po::value(&options.stories.threshold)->default_value(0.45, "0.45"),
      "keyword similarity (0..1) at which two articles are one story (docs/stories.md); "
      "above 1: every article is a story of its own")(
      "story-window", po::value(&options.stories.window_days)->default_value(3),
      "days (0..30) a story's articles may lie apart")(
      "parts", po::value(&options.parts)->default_value(0),
      "build a new database in N parts: --db becomes a folder of part databases and the "
      "shard map XAPIANDB listing them, to serve from several machines (docs/scaling.md); "
      "adding to it later puts each article in its part")(
      "part", po::value(&only_part),
      "K/N: index only the articles of part K of N (by id), into this part's own database: "
      "the machine holding one part takes its share of a feed")(
      "no-stories",
      "put no article in a story with others (faster; articles added later "
      "cannot join the ones indexed so)")(
      "progress-every", po::value(&progress_seconds)->default_value(5),
      "seconds between progress log lines when stdout is not a terminal")("quiet,q",
                                                                          "print only problems");
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
    if (vm.count("version")) {
      std::cout << newsdex::indexer_version_line() << "\n";
      return kExitOk;
    }
    po::notify(vm);
    const bool maintenance = vm.count("compact") || vm.count("stats");
    const bool deleting = !options.delete_ids.empty() || !delete_from.empty();
    if (options.inputs.empty() && !maintenance && !deleting) throw po::error("no INPUT given");
    if (maintenance && (!options.inputs.empty() || deleting))
      throw po::error("--compact and --stats take no INPUT, --delete or --delete-from");
    if (memory_mib == 0) throw po::error("--memory must be at least 1 (MiB)");
    if (!newsdex::Analyzer::is_known_language(options.default_language))
      throw po::error("--language: unknown language '" + options.default_language +
                      "'; languages are: " + newsdex::Analyzer::known_languages());
    if (progress_seconds <= 0) throw po::error("--progress-every must be positive");
    options.memory_budget = memory_mib << 20;
    if (options.commit_every == 0) throw po::error("--batch must be at least 1");
    options.stories.enabled = vm.count("no-stories") == 0;
    if (options.parts > 64) throw po::error("--parts must be from 2 to 64");
    if (!only_part.empty()) {
      const auto slash = only_part.find('/');
      std::size_t k = 0, n = 0;
      const char* text = only_part.data();
      const char* end = text + only_part.size();
      const bool ok = slash != std::string::npos &&
                      std::from_chars(text, text + slash, k).ptr == text + slash &&
                      std::from_chars(text + slash + 1, end, n).ptr == end && n >= 1 && k < n;
      if (!ok) throw po::error("--part takes K/N with 0 <= K < N, not '" + only_part + "'");
      options.only_part = newsdex::IndexOptions::PartFilter{k, n};
    }
    if (!(options.stories.threshold >= 0))
      throw po::error("--story-threshold must be a number from 0 to 1 (above 1: no stories)");
    if (options.stories.window_days < 0 || options.stories.window_days > 30)
      throw po::error("--story-window must be from 0 to 30 days");
    if (format == "txt")
      options.format = newsdex::InputFormat::kPageText;
    else if (format == "jsonl")
      options.format = newsdex::InputFormat::kJsonLines;
    else if (format == "html")
      options.format = newsdex::InputFormat::kHtml;
    else if (!format.empty())
      throw po::error("--format must be txt, jsonl or html");
    if (date_order == "dmy")
      options.date_order = newsdex::NumericDateOrder::kDayMonth;
    else if (date_order == "mdy")
      options.date_order = newsdex::NumericDateOrder::kMonthDay;
    else if (!date_order.empty())
      throw po::error("--date-order must be dmy or mdy");
    for (const auto& m : maps) {
      const auto eq = m.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == m.size())
        throw po::error("--map takes FIELD=NAME, not '" + m + "'");
      const auto field = m.substr(0, eq);
      static const std::set<std::string> kFields = {"id",   "url",    "title",    "outlet",
                                                    "date", "author", "language", "body"};
      if (!kFields.count(field))
        throw po::error("--map: '" + field +
                        "' is not an article field (id, url, title, outlet, date, author, "
                        "language, body)");
      options.field_map[field] = m.substr(eq + 1);
    }
  } catch (const po::error& e) {
    std::cerr << "newsdex-index: " << e.what() << "\nTry 'newsdex-index --help'.\n";
    return kExitUsage;
  }
  options.use_sidecars = vm.count("no-sidecar") == 0;
  options.detect_language = vm.count("no-detect-language") == 0;
  const bool quiet = vm.count("quiet") > 0;

  try {
    if (vm.count("stats")) return print_stats(options.db_path);
    if (vm.count("compact")) {
      newsdex::compact_index(options.db_path);
      if (!quiet) std::printf("compacted %s\n", options.db_path.c_str());
      return kExitOk;
    }
  } catch (const newsdex::Error& e) {
    std::cerr << "newsdex-index: " << e.what() << "\n";
    return kExitFailed;
  }
  if (!delete_from.empty()) {
    std::ifstream in(delete_from);
    if (!in) {
      std::cerr << "newsdex-index: cannot read " << delete_from << "\n";
      return kExitUsage;
    }
    for (std::string line; std::getline(in, line);) {
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
      if (!line.empty()) options.delete_ids.push_back(line);
    }
  }

  std::ofstream report_file;
  if (!report_path.empty()) {
    report_file.open(report_path, std::ios::trunc);
    if (!report_file) {
      std::cerr << "newsdex-index: cannot write report " << report_path << "\n";
      return kExitUsage;
    }
  }

  newsdex::ProgressPrinter progress(
      quiet                   ? newsdex::ProgressPrinter::Mode::kOff
      : isatty(STDOUT_FILENO) ? newsdex::ProgressPrinter::Mode::kLiveLine
                              : newsdex::ProgressPrinter::Mode::kLogLines,
      std::cerr, std::chrono::milliseconds(static_cast<long>(progress_seconds * 1000)));
  newsdex::IndexHooks hooks;
  hooks.on_progress = [&](const newsdex::IndexProgress& p) { progress.update(p); };
  hooks.should_stop = [] { return g_stop_signal != 0; };
  install_stop_handlers();
  raise_open_file_limit();

  try {
    const auto report = newsdex::run_index_job(
        options,
        [&](const newsdex::InputProblem& p) {
          progress.finish();
          std::cerr << p.origin << ": " << kind_name(p.kind) << ": " << p.reason << "\n";
          if (report_file.is_open()) {
            report_file << "{\"origin\":";
            write_json_string(report_file, p.origin);
            report_file << ",\"action\":\"" << kind_name(p.kind) << "\",\"reason\":";
            write_json_string(report_file, p.reason);
            report_file << "}\n";
          }
        },
        hooks);
    progress.finish();
    if (!quiet) {
      std::printf(
          "indexed %zu %s (added %zu, replaced %zu), unchanged %zu, deleted %zu, "
          "skipped %zu, repaired %zu, warnings %zu, in %.2f s (%.1f MB/s; %zu in database)\n",
          report.indexed, report.indexed == 1 ? "article" : "articles", report.added,
          report.replaced, report.unchanged, report.deleted, report.skipped, report.repaired,
          report.warnings, report.seconds,
          report.seconds > 0 ? static_cast<double>(report.bytes_read) / 1e6 / report.seconds : 0,
          report.documents_in_db);
      if (report.reclaimed_bytes > 0)
        std::printf("gave back %.1f MB of table space an earlier failed commit had written\n",
                    static_cast<double>(report.reclaimed_bytes) / 1e6);
      if (report.build_jobs > 0)
        std::printf("built in shards on %zu threads; final merge %.2f s\n", report.build_jobs,
                    report.merge_seconds);
    }
    if (report.interrupted) {
      std::cerr << "newsdex-index: stopped by signal " << g_stop_signal
                << " after committing; run the same command again to finish\n";
      return 128 + g_stop_signal;
    }
    if (!quiet && report.other_parts > 0)
      std::printf("passed over %zu articles of other parts\n", report.other_parts);
    if (!quiet && !report.part_sizes.empty()) {
      std::printf("parts:");
      for (std::size_t k = 0; k < report.part_sizes.size(); ++k)
        std::printf(" part-%zu %zu", k, report.part_sizes[k]);
      std::printf(" articles");
      if (report.split_seconds > 0) std::printf("; split in %.2f s", report.split_seconds);
      std::printf("\n");
    }
    if (report.indexed == 0 && report.unchanged == 0 && report.deleted == 0 &&
        report.other_parts == 0) {
      std::cerr << "newsdex-index: no article could be indexed\n";
      return kExitFailed;
    }
    return report.skipped > 0 ? kExitSkipped : kExitOk;
  } catch (const newsdex::Error& e) {
    std::cerr << "newsdex-index: " << e.what() << "\n";
    return kExitFailed;
  }
}
