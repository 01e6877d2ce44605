#include "newsdex/index_job.h"

#include <chrono>
#include <fstream>
#include <sstream>

#include "extract/jsonl_extractor.h"
#include "extract/page_text_extractor.h"
#include "newsdex/date_parser.h"
#include "newsdex/error.h"
#include "newsdex/hashing.h"
#include "newsdex/schema.h"
#include "newsdex/utf8.h"
#include "sources/input_walker.h"
#include "sources/sidecar.h"
#include "writer/document_builder.h"
#include "writer/index_writer.h"

namespace newsdex {
namespace {

using ProblemSink = std::function<void(const InputProblem&)>;

std::optional<std::string> read_file(const std::filesystem::path& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open file";
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) {
    error = "read error";
    return std::nullopt;
  }
  return std::move(buffer).str();
}

// Everything every format needs before indexing: valid UTF-8, an ISO date, an id.
// Returns false (after reporting) when the article must be skipped.
bool finalize(Article& article, const ProblemSink& report) {
  std::size_t repaired = 0;
  for (std::string* field : {&article.id, &article.url, &article.title, &article.outlet,
                             &article.date, &article.author, &article.language, &article.body})
    repaired += repair_utf8(*field);
  if (repaired > 0)
    report({article.origin,
            "replaced " + std::to_string(repaired) + " invalid UTF-8 sequence(s) with U+FFFD",
            false});
  if (article.title.empty() && article.body.empty()) {
    report({article.origin, "article has neither title nor text", true});
    return false;
  }
  if (!article.date.empty()) {
    if (auto date = parse_date(article.date)) {
      article.date = date->iso();
    } else {
      report({article.origin, "unparseable date \"" + article.date + "\"; indexed without a date",
              false});
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

}  // namespace

IndexReport run_index_job(const IndexOptions& options, const ProblemSink& on_problem) {
  const auto started = std::chrono::steady_clock::now();
  IndexReport report;
  const ProblemSink report_problem = [&](const InputProblem& p) {
    (p.skipped ? report.skipped : report.warnings)++;
    if (on_problem) on_problem(p);
  };

  const auto inputs = walk_inputs(options.inputs, report_problem);
  SidecarMetadata sidecars;
  if (options.use_sidecars)
    for (const auto& sidecar : inputs.sidecars) sidecars.load(sidecar, report_problem);

  IndexWriter writer(options.db_path);
  DocumentBuilder builder(options.default_language);
  std::size_t since_commit = 0;

  const auto index_article = [&](Article&& article) {
    if (!finalize(article, report_problem)) return;
    for (const auto& keyword : article.keywords) writer.note_keyword_field(keyword.name);
    writer.upsert(schema::id_term(article.id), builder.build(article));
    ++report.indexed;
    if (++since_commit >= options.commit_every) {
      writer.commit();
      since_commit = 0;
    }
  };

  JsonLinesExtractor jsonl;
  for (const auto& input : inputs.articles) {
    switch (input.format) {
      case InputFormat::kJsonLines:
        jsonl.read(input.path, index_article, report_problem);
        break;
      case InputFormat::kPageText: {
        std::string error;
        auto text = read_file(input.path, error);
        if (!text) {
          report_problem({input.path.string(), error, true});
          break;
        }
        if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
          report_problem({input.path.string(), "empty file", true});
          break;
        }
        repair_utf8(*text);  // counted again (per field) by finalize
        Article article = extract_page_text(*text);
        article.origin = input.path.string();
        sidecars.apply(input.path, article);
        index_article(std::move(article));
        break;
      }
    }
  }
  writer.commit();
  report.documents_in_db = writer.document_count();
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace newsdex
