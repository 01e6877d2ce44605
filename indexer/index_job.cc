#include "newsdex/index_job.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <unordered_map>

#include "extract/html_extractor.h"
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

// Bytes of a file's head that decide whether it is text.
constexpr std::size_t kSniffBytes = 8192;

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
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = "cannot open file (permission denied?)";
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

}  // namespace

IndexReport run_index_job(const IndexOptions& options, const ProblemSink& on_problem) {
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

  const auto inputs = walk_inputs(options.inputs, options.format, report_problem);
  SidecarMetadata sidecars;
  if (options.use_sidecars)
    for (const auto& sidecar : inputs.sidecars) sidecars.load(sidecar, report_problem);

  IndexWriter writer(options.db_path);
  DocumentBuilder builder(options.default_language);
  std::size_t since_commit = 0;
  // Ids indexed by this run, so a repeated id is reported (the last one wins).
  std::unordered_map<std::string, std::string> origin_of_id;

  const auto index_article = [&](Article&& article) {
    if (!finalize(article, options.date_order, report_problem)) return;
    auto [seen, first] = origin_of_id.try_emplace(article.id, article.origin);
    if (!first) {
      report_problem({article.origin,
                      "duplicate id \"" + article.id + "\" (also at " + seen->second +
                          "): this one replaces it",
                      ProblemKind::kWarning});
      seen->second = article.origin;
    }
    for (const auto& keyword : article.keywords) writer.note_keyword_field(keyword.name);
    writer.upsert(schema::id_term(article.id), builder.build(article));
    ++report.indexed;
    if (++since_commit >= options.commit_every) {
      writer.commit();
      since_commit = 0;
    }
  };

  JsonFieldMap field_map(options.field_map.begin(), options.field_map.end());
  JsonLinesExtractor jsonl(std::move(field_map), options.max_bytes);
  for (const auto& input : inputs.articles) {
    const std::string name = input.path.string();
    if (input.format == InputFormat::kJsonLines) {
      report.bytes_read += jsonl.read(name, index_article, report_problem);
      continue;
    }
    std::string error;
    auto text = read_document(input.path, options.max_bytes, error);
    if (!text) {
      report_problem({name, error, ProblemKind::kSkipped});
      continue;
    }
    report.bytes_read += text->size();
    const std::size_t repaired = repair_utf8(*text);
    Article article;
    try {
      article = input.format == InputFormat::kHtml ? extract_html(*text)
                                                   : extract_page_text(*text, options.date_order);
    } catch (const InputError& e) {
      report_problem({name, e.what(), ProblemKind::kSkipped});
      continue;
    }
    article.origin = name;
    if (repaired > 0)
      report_problem(
          {name, "replaced " + std::to_string(repaired) + " invalid UTF-8 sequence(s) with U+FFFD",
           ProblemKind::kRepaired});
    sidecars.apply(input.path, article);
    index_article(std::move(article));
  }
  writer.commit();
  report.documents_in_db = writer.document_count();
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return report;
}

}  // namespace newsdex
