#include "newsdex/index_job.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <optional>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "extract/html_extractor.h"
#include "extract/jsonl_extractor.h"
#include "extract/language_detector.h"
#include "extract/page_text_extractor.h"
#include "newsdex/date_parser.h"
#include "newsdex/error.h"
#include "newsdex/hashing.h"
#include "newsdex/language.h"
#include "newsdex/schema.h"
#include "newsdex/shard_map.h"
#include "newsdex/stored_article.h"
#include "newsdex/utf8.h"
#include "sources/input_walker.h"
#include "sources/sidecar.h"
#include "writer/document_builder.h"
#include "writer/index_writer.h"
#include "writer/part_splitter.h"
#include "writer/sharded_builder.h"

namespace newsdex {
namespace {

using ProblemSink = std::function<void(const InputProblem&)>;

// Bytes of a file's head that decide whether it is text.
constexpr std::size_t kSniffBytes = 8192;

// Xapian's uncommitted postings take about this many bytes of memory per byte of article text
// (measured on Reuters: see docs/index-format.md); the memory budget divides by it.
constexpr std::size_t kBufferBytesPerTextByte = 12;

// Articles per shard of a parallel build: Xapian's cost per posting grows with its buffer, and
// shards of 250 to 1000 articles were the fastest measured (docs/index-format.md).
constexpr std::size_t kShardArticles = 1000;

// Reads a page or HTML file whole, refusing what is too large, empty or binary.
std::optional<std::string> read_document(const std::filesystem::path& path, std::size_t max_bytes,
                                         std::string& error) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) {
    error = "cannot read file: " + ec.message();
    return std::nullopt;
  }
  if (size > max_bytes) {
    error = "file of " + std::to_string(size) + " bytes is over --max-bytes (" +
            std::to_string(max_bytes) + ")";
    return std::nullopt;
  }
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::string("cannot open file: ") + (errno ? std::strerror(errno) : "unknown reason");
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    error = "read error";
    return std::nullopt;
  }
  std::string text = std::move(buffer).str();
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    error = "empty file";
    return std::nullopt;
  }
  // Text has no NUL bytes and few control characters; images and archives have many.
  const std::string_view head(text.data(), std::min(text.size(), kSniffBytes));
  std::size_t control = 0;
  for (unsigned char c : head) {
    if (c == 0) {
      control = head.size();
      break;
    }
    control += c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
  }
  if (control * 10 > head.size()) {
    error = "binary file, not text";
    return std::nullopt;
  }
  return text;
}

// What every format needs before indexing: valid UTF-8, an ISO date, an id.
// Returns false (after reporting) when the article must be skipped.
bool finalize(Article& article, NumericDateOrder date_order, const ProblemSink& report) {
  std::size_t repaired = 0;
  for (std::string* field : {&article.id, &article.url, &article.title, &article.outlet,
                             &article.date, &article.author, &article.language, &article.body})
    repaired += repair_utf8(*field);
  for (auto& keyword : article.keywords)
    for (auto& value : keyword.values) repaired += repair_utf8(value);
  if (repaired > 0)
    report({article.origin,
            "replaced " + std::to_string(repaired) + " invalid UTF-8 sequence(s) with U+FFFD",
            ProblemKind::kRepaired});
  if (article.title.empty() && article.body.empty()) {
    if (article.id.empty()) {
      report({article.origin, "article has no id, title or text", ProblemKind::kSkipped});
      return false;
    }
    report({article.origin, "article has neither title nor text; indexed for its metadata",
            ProblemKind::kWarning});
  }
  if (!article.date.empty()) {
    if (auto date = parse_date(article.date, date_order)) {
      article.date = date->iso();
    } else {
      report({article.origin, "unparseable date \"" + article.date + "\"; indexed without a date",
              ProblemKind::kWarning});
      article.date.clear();
    }
  }
  if (article.id.empty() && !article.url.empty()) article.id = article.url;
  if (article.id.empty()) {
    article.id = "h";
    article.id +=
        Fnv1a64().add(article.outlet).add(article.title).add(article.date).add(article.body).hex();
  }
  return true;
}

// The language an article states, as its code (language_code), so that "French", "fr" and
// "fr-FR" are one language in filters and facets; empty when it states none (or none known):
// then its language is detected (LanguageDetector::unstated_language), by the thread that
// builds its document.
void normalize_stated_language(Article& article, const IndexOptions& options,
                               const ProblemSink& report) {
  if (article.language.empty()) return;
  if (std::string code = language_code(article.language); !code.empty()) {
    article.language = std::move(code);
    return;
  }
  report({article.origin,
          "unknown language \"" + article.language + "\"; " +
              (options.detect_language ? "detected, or taken as " : "taken as ") +
              options.default_language,
          ProblemKind::kWarning});
  article.language.clear();
}

// A new (or empty) database is built in parallel shards and swapped in at the end; an existing
// one is updated in place, so that adding a few articles costs time for those articles only.
// Standard input is always indexed in place: a stream may never end, and its articles should
// become searchable commit by commit.
std::optional<ShardedBuilder> make_sharded_builder(const IndexOptions& options,
                                                   const WalkedInputs& inputs,
                                                   const IndexWriter& writer) {
  // Scratch space beside the database, so that the final swap is a rename. The writer's lock
  // is held, so a leftover work folder is from a killed run: ShardedBuilder clears it, and an
  // update in place (a run killed after its swap, before removing the folder) removes it.
  const auto target = std::filesystem::absolute(options.db_path);
  const auto work_dir = target.parent_path() / (target.filename().string() + ".build");
  const auto in_place = [&]() {
    std::error_code ignored;
    std::filesystem::remove_all(work_dir, ignored);
    return std::nullopt;
  };
  if (writer.document_count() > 0) return in_place();
  for (const auto& input : inputs.articles)
    if (input.path == "-") return in_place();
  const std::size_t jobs =
      options.jobs > 0 ? options.jobs : std::max(1u, std::thread::hardware_concurrency());
  ShardedBuilder::Options sharded;
  sharded.work_dir = work_dir;
  sharded.jobs = jobs;
  sharded.default_language = options.default_language;
  sharded.detect_language = options.detect_language;
  sharded.stories = options.stories;
  sharded.stories.threads = jobs;
  sharded.chunk_articles = std::min(options.commit_every, kShardArticles);
  // Per job: one chunk in Xapian's buffer and two waiting in the queue.
  sharded.chunk_text_bytes =
      std::max<std::size_t>(1, options.memory_budget / ((kBufferBytesPerTextByte + 4) * jobs));
  return std::optional<ShardedBuilder>(std::in_place, std::move(sharded));
}

// One database: built new, or updated in place.
IndexReport run_database_job(const IndexOptions& options, const ProblemSink& on_problem,
                             const IndexHooks& hooks) {
  const auto started = std::chrono::steady_clock::now();
  IndexReport report;
  const ProblemSink report_problem = [&](const InputProblem& p) {
    switch (p.kind) {
      case ProblemKind::kSkipped:
        ++report.skipped;
        break;
      case ProblemKind::kRepaired:
        ++report.repaired;
        break;
      case ProblemKind::kWarning:
        ++report.warnings;
        break;
    }
    if (on_problem) on_problem(p);
  };
  const auto stop_requested = [&]() { return hooks.should_stop && hooks.should_stop(); };
  // Taking one part's share of an input that every part reads (IndexOptions::only_part): what
  // is wrong with the input itself is reported by the part told to, what is wrong with an
  // article by the article's part.
  const bool report_input = !options.only_part || options.only_part->report_input_problems;
  const ProblemSink report_input_problem =
      report_input ? report_problem : ProblemSink([](const InputProblem&) {});

  const auto inputs = walk_inputs(options.inputs, options.format, report_input_problem);
  SidecarMetadata sidecars;
  if (options.use_sidecars)
    for (const auto& sidecar : inputs.sidecars) sidecars.load(sidecar, report_input_problem);

  IndexProgress progress;
  for (const auto& input : inputs.articles) {
    std::error_code ec;
    if (input.path != "-") progress.bytes_total += std::filesystem::file_size(input.path, ec);
  }
  std::size_t bytes_before_file = 0;
  std::size_t offset_in_file = 0;

  IndexWriter writer(options.db_path, options.stories);
  report.reclaimed_bytes = writer.reclaimed_bytes();
  auto sharded = make_sharded_builder(options, inputs, writer);
  const auto report_progress = [&]() {
    if (!hooks.on_progress) return;
    progress.articles = report.indexed + report.unchanged;
    progress.articles_pending = sharded ? sharded->pending() : 0;
    progress.bytes_done = bytes_before_file + offset_in_file;
    progress.bytes_text = report.bytes_read;
    progress.seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    hooks.on_progress(progress);
  };
  for (const auto& id : options.delete_ids) {
    if (options.only_part && part_of(id, options.only_part->count) != options.only_part->index)
      continue;  // another part's
    if (writer.remove(schema::id_term(id))) {
      ++report.deleted;
    } else {
      report_problem({"--delete " + id, "no article with this id", ProblemKind::kWarning});
    }
  }

  DocumentBuilder builder(options.default_language, options.stories.enabled);
  std::size_t since_commit = 0;
  std::size_t buffered_bytes = 0;
  const auto commit = [&]() {
    writer.commit();
    ++report.commits;
    since_commit = 0;
    buffered_bytes = 0;
  };
  // Ids indexed by this run, so a repeated id is reported (the last one wins); in a sharded
  // build also where each went and with what content, to skip or supersede a repeat.
  struct SeenArticle {
    std::string origin;
    Xapian::docid docid = 0;
    std::string content_hash;
  };
  std::unordered_map<std::string, SeenArticle> seen_ids;

  const auto index_article = [&](Article&& article) {
    if (stop_requested()) return;
    // What finalize() finds is the article's (its part reports it), unless it is skipped.
    std::vector<InputProblem> held;
    const ProblemSink hold = [&](const InputProblem& p) { held.push_back(p); };
    if (!finalize(article, options.date_order, hold)) {
      for (const auto& p : held) report_input_problem(p);
      return;
    }
    if (options.only_part &&
        part_of(article.id, options.only_part->count) != options.only_part->index) {
      ++report.other_parts;
      return;
    }
    for (const auto& p : held) report_problem(p);
    normalize_stated_language(article, options, report_problem);
    auto [seen, first_time] = seen_ids.try_emplace(article.id);
    if (!first_time) {
      report_problem({article.origin,
                      "duplicate id \"" + article.id + "\" (also at " + seen->second.origin +
                          "): this one replaces it",
                      ProblemKind::kWarning});
    }
    seen->second.origin = article.origin;
    for (const auto& keyword : article.keywords) writer.note_keyword_field(keyword.name);
    std::string stored = encode_stored_article(article);
    // The terms depend on the default language, detection and the schema (analysis rules) too:
    // a change of any re-indexes. An unstated language is detected after hashing (on the
    // workers of a sharded build): it follows from the text, which the hash covers.
    const std::string hash = Fnv1a64()
                                 .add(stored)
                                 .add(options.default_language)
                                 .add(options.detect_language ? "detect" : "")
                                 .add(std::to_string(schema::kSchemaVersion))
                                 .hex();
    if (sharded) {
      if (!first_time && seen->second.content_hash == hash) {
        ++report.unchanged;
        report_progress();
        return;
      }
      if (first_time) {
        ++report.added;
      } else {
        sharded->supersede(seen->second.docid);
        ++report.replaced;
      }
      seen->second.docid = sharded->add(std::move(article), std::move(stored), hash);
      seen->second.content_hash = hash;
      for (const auto& problem : sharded->take_problems()) report_problem(problem);
      ++report.indexed;
      report_progress();
      return;
    }
    const std::string id_term = schema::id_term(article.id);
    if (writer.is_unchanged(id_term, hash)) {
      ++report.unchanged;
      report_progress();
      return;
    }
    const std::size_t text_bytes = article.title.size() + article.body.size();
    if (article.language.empty()) {
      article.language = LanguageDetector::unstated_language(
          article.title, article.body, options.detect_language, options.default_language);
      stored = encode_stored_article(article);
    }
    const Xapian::Document document = builder.build(article, stored, hash);
    const auto outcome =
        writer.upsert(id_term, document, builder.spelling_words(), builder.story_features(),
                      {0, article.id, article.outlet, article.date, article.title});
    if (builder.overlong_words() > 0)
      report_problem({article.origin, overlong_words_warning(builder.overlong_words()),
                      ProblemKind::kWarning});
    ++(outcome == IndexWriter::Outcome::kAdded ? report.added : report.replaced);
    ++report.indexed;
    buffered_bytes += text_bytes * kBufferBytesPerTextByte;
    if (++since_commit >= options.commit_every || buffered_bytes >= options.memory_budget) commit();
    report_progress();
  };

  JsonFieldMap field_map(options.field_map.begin(), options.field_map.end());
  JsonLinesExtractor jsonl(std::move(field_map), options.max_bytes);
  for (const auto& input : inputs.articles) {
    if (stop_requested()) break;
    const std::string name = input.path.string();
    std::error_code ec;
    const std::size_t file_size = name == "-" ? 0 : std::filesystem::file_size(input.path, ec);
    offset_in_file = 0;
    if (input.format == InputFormat::kJsonLines) {
      report.bytes_read +=
          jsonl.read(name, index_article, report_input_problem, &offset_in_file, hooks.should_stop);
      bytes_before_file += file_size;
      offset_in_file = 0;
      continue;
    }
    std::string error;
    auto text = read_document(input.path, options.max_bytes, error);
    bytes_before_file += file_size;
    if (!text) {
      report_input_problem({name, error, ProblemKind::kSkipped});
      continue;
    }
    report.bytes_read += text->size();
    const std::size_t repaired = repair_utf8(*text);
    Article article;
    try {
      article = input.format == InputFormat::kHtml ? extract_html(*text)
                                                   : extract_page_text(*text, options.date_order);
    } catch (const InputError& e) {
      report_input_problem({name, e.what(), ProblemKind::kSkipped});
      continue;
    }
    article.origin = name;
    if (repaired > 0)
      report_input_problem(
          {name, "replaced " + std::to_string(repaired) + " invalid UTF-8 sequence(s) with U+FFFD",
           ProblemKind::kRepaired});
    sidecars.apply(input.path, article);
    index_article(std::move(article));
  }
  if (sharded) {
    report.build_jobs = sharded->jobs();
    if (sharded->added() > 0) {
      // The last chunks are still being built when the input ends: that is build time.
      sharded->finish_building();
      for (const auto& problem : sharded->take_problems()) report_problem(problem);
      const auto merge_started = std::chrono::steady_clock::now();
      writer.replace_with(sharded->finish());
      report.merge_seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - merge_started).count();
      ++report.commits;
    }
    sharded.reset();
  } else {
    commit();
  }
  report.interrupted = stop_requested();
  report.documents_in_db = writer.document_count();
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

// The local parts a parts folder's map lists, in order: part-0 ... part-(N-1), as a build in
// parts writes them (a map naming other databases is searched, not indexed into).
std::vector<std::filesystem::path> parts_of_folder(const ShardMap& map) {
  std::vector<std::filesystem::path> parts;
  for (const auto& entry : map.entries()) {
    const std::filesystem::path path(entry.path);
    if (entry.kind != ShardMapEntry::Kind::kLocal ||
        path.filename() != part_folder_name(parts.size()) ||
        path.parent_path() != map.file().parent_path().lexically_normal())
      throw DatabaseError("shard map " + map.file().string() +
                          " is not a folder of parts built by newsdex-index --parts ('" +
                          entry.line + "'): index into each of its databases instead");
    parts.push_back(path);
  }
  return parts;
}

void add_up(IndexReport& total, const IndexReport& part) {
  total.indexed += part.indexed;
  total.added += part.added;
  total.replaced += part.replaced;
  total.unchanged += part.unchanged;
  total.deleted += part.deleted;
  total.commits += part.commits;
  total.interrupted = total.interrupted || part.interrupted;
  total.reclaimed_bytes += part.reclaimed_bytes;
  total.documents_in_db += part.documents_in_db;
  total.part_sizes.push_back(part.documents_in_db);
}

// Adding to a folder of parts: each part takes its own articles from the whole input (read
// once per part: the parts commit on their own, and a stopped run stops before the next).
IndexReport update_parts(const IndexOptions& options,
                         const std::vector<std::filesystem::path>& parts,
                         const ProblemSink& on_problem, const IndexHooks& hooks) {
  const auto started = std::chrono::steady_clock::now();
  IndexReport total;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    if (hooks.should_stop && hooks.should_stop()) {
      total.interrupted = true;
      break;
    }
    IndexOptions part = options;
    part.db_path = parts[k].string();
    part.parts = 0;
    // The input's own problems are the same for every part: the first reports them.
    part.only_part = IndexOptions::PartFilter{k, parts.size(), k == 0};
    const IndexReport report = run_database_job(part, on_problem, hooks);
    if (k == 0) total.bytes_read = report.bytes_read;
    total.skipped += report.skipped;
    total.repaired += report.repaired;
    total.warnings += report.warnings;
    add_up(total, report);
  }
  total.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return total;
}

// A new database in parts: built whole (so that stories span the parts), then split. The
// whole build lives in a hidden folder beside the parts until the split is done: a stopped
// build is resumed by running the same command again.
IndexReport build_parts(const IndexOptions& options, const ProblemSink& on_problem,
                        const IndexHooks& hooks) {
  const auto started = std::chrono::steady_clock::now();
  const std::filesystem::path folder(options.db_path);
  std::error_code ec;
  std::filesystem::create_directories(folder, ec);
  if (ec) throw DatabaseError("cannot create " + folder.string() + ": " + ec.message());
  const auto whole = folder / ".whole-build";
  IndexOptions build = options;
  build.db_path = whole.string();
  build.parts = 0;
  IndexReport report = run_database_job(build, on_problem, hooks);
  if (report.interrupted) return report;
  const auto split_started = std::chrono::steady_clock::now();
  try {
    report.part_sizes = split_into_parts(whole, folder, options.parts);
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot split " + whole.string() + " into parts: " + e.get_description());
  }
  std::filesystem::remove_all(whole, ec);
  report.split_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - split_started).count();
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace

IndexReport run_index_job(const IndexOptions& options, const ProblemSink& on_problem,
                          const IndexHooks& hooks) {
  if (options.parts > 1 && options.only_part)
    throw Error("--parts builds every part; --part K/N indexes into one part's database");
  // A folder of parts holds its map as XAPIANDB; a file given as --db is refused below.
  std::error_code ec;
  if (std::filesystem::is_directory(options.db_path, ec) &&
      std::filesystem::exists(std::filesystem::path(options.db_path) / "XAPIANDB", ec)) {
    const auto map = ShardMap::read(options.db_path);
    const auto parts = parts_of_folder(map.value());
    if (options.parts > 1 && options.parts != parts.size())
      throw Error(options.db_path + " has " + std::to_string(parts.size()) +
                  " parts; it cannot be given another number (--parts " +
                  std::to_string(options.parts) + ")");
    return update_parts(options, parts, on_problem, hooks);
  }
  if (options.parts > 1) {
    const std::filesystem::path folder(options.db_path);
    const bool fresh = !std::filesystem::exists(folder, ec) ||
                       std::filesystem::is_empty(folder, ec) ||
                       std::filesystem::exists(folder / ".whole-build", ec);
    if (!fresh)
      throw Error(
          options.db_path +
          " holds a database already: --parts builds a new database (re-index into a new folder)");
    return build_parts(options, on_problem, hooks);
  }
  return run_database_job(options, on_problem, hooks);
}

}  // namespace newsdex
