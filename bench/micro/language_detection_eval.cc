// Reproducible comparison of the two language detectors Debian packages: Google's CLD2
// (libcld2) and libexttextcat (the n-gram TextCat of LibreOffice). The indexer guesses the
// language only of articles that state none, and falls back to a default language when the
// detector is not confident; this program measures what each choice of detector and confidence
// threshold would cost: how often the answer is wrong (every word stemmed wrongly), how often
// there is no answer (English stemming), and how fast the detectors are.
//
//   newsdex_language_detection_eval --articles A.jsonl --short S.tsv
//       [--reuters R.jsonl[.gz]] [--reuters-limit 2000] [--textcat-conf fpdb.conf]
//
// The Markdown report goes to stdout, every misdetection to stderr.
//
// The row "CLD2, as newsdex-index uses it" calls the indexer's own newsdex::LanguageDetector
// (indexer/extract/language_detector.h) with each article's title and body (a short text is the
// body, with an empty title): the indexer's text (title + "\n" + body, cut to 4096 bytes) and its
// conditions (reliable, top language >= 80 %, >= 100 text bytes), not a copy of them.

// compact_lang_det.h uses FILE without including its header.
#include <cstdio>

#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <simdjson.h>
#include <textcat.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "extract/language_detector.h"

namespace {

namespace fs = std::filesystem;

struct Sample {
  std::string id;
  std::string expected;  // ISO 639-1
  std::string text;      // what the other rows detect: title + "\n" + body, or the short text
  std::string title;     // as the indexer gets them: a short text is a body without a title
  std::string body;
};

struct SampleSet {
  std::string name;
  std::vector<Sample> samples;
};

// --- Input -----------------------------------------------------------------------------------

struct GzCloser {
  void operator()(gzFile file) const { gzclose(file); }
};
using GzFile = std::unique_ptr<std::remove_pointer_t<gzFile>, GzCloser>;

// Calls `on_line` for each line (without its newline) of a plain or gzip'd file, up to `limit`
// lines (0: all). zlib reads an uncompressed file as is, so one reader serves both.
template <typename OnLine>
void for_each_line(const fs::path& path, std::size_t limit, OnLine on_line) {
  GzFile file(gzopen(path.c_str(), "rb"));
  if (!file) throw std::runtime_error("cannot open " + path.string());
  gzbuffer(file.get(), 1 << 17);
  std::array<char, 1 << 16> chunk{};
  std::string line;
  std::size_t count = 0;
  bool eof = false;
  while (!eof && (limit == 0 || count < limit)) {
    line.clear();
    // gzgets stops at the buffer's end too: keep appending until the newline.
    for (;;) {
      if (!gzgets(file.get(), chunk.data(), static_cast<int>(chunk.size()))) {
        eof = true;
        break;
      }
      line.append(chunk.data());
      if (!line.empty() && line.back() == '\n') break;
    }
    if (eof && line.empty()) break;
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    if (line.empty()) continue;
    on_line(line);
    ++count;
  }
}

std::string string_field(simdjson::dom::element object, std::string_view key) {
  std::string_view value;
  if (object[key].get_string().get(value) != simdjson::SUCCESS) return {};
  return std::string(value);
}

// JSON Lines articles: {"id","title","body","language"}; `language` empty means `fixed_language`.
SampleSet load_jsonl(std::string name, const fs::path& path, std::size_t limit,
                     std::string_view fixed_language) {
  SampleSet set{std::move(name), {}};
  simdjson::dom::parser parser;
  std::size_t line_no = 0;
  for_each_line(path, limit, [&](const std::string& line) {
    ++line_no;
    simdjson::dom::element doc;
    if (auto error = parser.parse(line).get(doc)) {
      std::fprintf(stderr, "%s:%zu: skipped, %s\n", path.c_str(), line_no,
                   simdjson::error_message(error));
      return;
    }
    Sample sample;
    sample.id = string_field(doc, "id");
    if (sample.id.empty()) sample.id = set.name + "-" + std::to_string(line_no);
    sample.expected =
        fixed_language.empty() ? string_field(doc, "language") : std::string(fixed_language);
    sample.title = string_field(doc, "title");
    sample.body = string_field(doc, "body");
    sample.text = sample.title + "\n" + sample.body;
    if (sample.expected.empty()) {
      std::fprintf(stderr, "%s:%zu: skipped, no language\n", path.c_str(), line_no);
      return;
    }
    set.samples.push_back(std::move(sample));
  });
  return set;
}

// `LANG<TAB>TEXT` lines.
SampleSet load_tsv(std::string name, const fs::path& path) {
  SampleSet set{std::move(name), {}};
  std::size_t line_no = 0;
  for_each_line(path, 0, [&](const std::string& line) {
    ++line_no;
    const auto tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) {
      std::fprintf(stderr, "%s:%zu: skipped, no LANG<TAB>TEXT\n", path.c_str(), line_no);
      return;
    }
    Sample sample;
    sample.id = set.name + "-" + std::to_string(line_no);
    sample.expected = line.substr(0, tab);
    sample.text = line.substr(tab + 1);
    sample.body = sample.text;
    set.samples.push_back(std::move(sample));
  });
  return set;
}

// --- Detectors -------------------------------------------------------------------------------

struct Cld2Answer {
  std::string code;  // ISO 639-1, or empty for "un"
  bool reliable = false;
  int percent = 0;     // share of the text in the returned language
  bool top = false;    // the returned language is language3[0]
  int text_bytes = 0;  // CLD2's count of the letters it scored
};

Cld2Answer detect_cld2(std::string_view text) {
  CLD2::Language language3[3];
  int percent3[3];
  double normalized_score3[3];
  int text_bytes = 0;
  bool reliable = false;
  // The overload with hints and normalized scores; no hints, as the indexer has none either.
  const CLD2::Language language = CLD2::ExtDetectLanguageSummary(
      text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true, /*tld_hint=*/nullptr,
      CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE, language3, percent3, normalized_score3,
      &text_bytes, &reliable);
  Cld2Answer answer;
  answer.reliable = reliable;
  answer.top = language3[0] == language;
  answer.text_bytes = text_bytes;
  // The return value is the majority language and usually language3[0], but not always.
  for (int i = 0; i < 3; ++i)
    if (language3[i] == language) {
      answer.percent = percent3[i];
      break;
    }
  std::string code = CLD2::LanguageCode(language);
  if (code == "zh-Hant") code = "zh";
  if (code != "un") answer.code = std::move(code);
  return answer;
}

struct TextcatDeleter {
  void operator()(void* handle) const { textcat_Done(handle); }
};
using TextcatHandle = std::unique_ptr<void, TextcatDeleter>;

TextcatHandle open_textcat(const fs::path& conf) {
  // textcat_Init resolves the fingerprint files against the working directory;
  // special_textcat_Init takes their directory, so the program runs from anywhere.
  auto dir = conf.parent_path().string();
  if (!dir.empty() && dir.back() != '/') dir.push_back('/');
  TextcatHandle handle(special_textcat_Init(conf.c_str(), dir.c_str()));
  if (!handle) throw std::runtime_error("textcat cannot load " + conf.string());
  return handle;
}

struct TextcatAnswer {
  std::string code;  // ISO 639-1 (or the fingerprint's own code), empty for SHORT/UNKNOWN
  int candidates = 0;
  std::string raw;  // first candidate as named in the conf file, or SHORT/UNKNOWN
};

// fpdb.conf names the categories `language-COUNTRY-encoding` ("en--utf8", "zh-CN-utf8",
// "az-cyrillic-utf8", "haw-utf8"): the language is the part before the first '-'.
std::string textcat_code(std::string_view name) {
  const std::string language(name.substr(0, name.find('-')));
  // Serbian in Latin script is filed under the withdrawn "sh" (Serbo-Croatian); the
  // Paraguayan Guarani fingerprint under ISO 639-3 "gug", whose macrolanguage is "gn".
  static const std::map<std::string, std::string, std::less<>> renames = {{"sh", "sr"},
                                                                          {"gug", "gn"}};
  const auto it = renames.find(language);
  return it == renames.end() ? language : it->second;
}

TextcatAnswer detect_textcat(void* handle, std::string_view text) {
  // The result lives in the handle's buffer until the next call.
  const std::string_view result = textcat_Classify(handle, text.data(), text.size());
  TextcatAnswer answer;
  if (result.empty() || result.front() != '[') {
    answer.raw = std::string(result);
    return answer;
  }
  answer.candidates = static_cast<int>(std::count(result.begin(), result.end(), '['));
  const auto close = result.find(']');
  answer.raw = std::string(result.substr(1, close == std::string_view::npos ? close : close - 1));
  answer.code = textcat_code(answer.raw);
  return answer;
}

// --- Evaluation ------------------------------------------------------------------------------

// The text newsdex::LanguageDetector::detect hands CLD2, rebuilt here only to show the
// percent and text bytes behind its answer (the answer itself is the detector's own).
std::string indexer_text(std::string_view title, std::string_view body) {
  constexpr std::size_t kMax = newsdex::LanguageDetector::kMaxBytes;
  const auto utf8_prefix = [](std::string_view text, std::size_t max) {
    if (text.size() <= max) return text;
    std::size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    return text.substr(0, end);
  };
  std::string text(utf8_prefix(title, kMax));
  text.push_back('\n');
  text.append(utf8_prefix(body, kMax - std::min(kMax, text.size())));
  return text;
}

struct SampleResult {
  Cld2Answer cld2;
  TextcatAnswer textcat;
  std::string indexer;        // newsdex::LanguageDetector::detect(title, body), empty: fallback
  Cld2Answer indexer_detail;  // CLD2 on the indexer's text, for the report
};

// One way of answering: which samples are answered, and with which language.
struct Policy {
  std::string name;
  std::optional<int> cld2_threshold;  // CLD2 kept only if reliable && percent >= threshold
  bool cld2 = true;
  bool textcat_single_candidate = false;
  bool indexer = false;  // newsdex::LanguageDetector's answer
};

std::optional<std::string> answer_of(const Policy& policy, const SampleResult& r) {
  if (policy.indexer) {
    if (r.indexer.empty()) return std::nullopt;
    return r.indexer;
  }
  if (policy.cld2) {
    if (r.cld2.code.empty()) return std::nullopt;
    if (policy.cld2_threshold && (!r.cld2.reliable || r.cld2.percent < *policy.cld2_threshold))
      return std::nullopt;
    return r.cld2.code;
  }
  if (r.textcat.code.empty()) return std::nullopt;
  if (policy.textcat_single_candidate && r.textcat.candidates != 1) return std::nullopt;
  return r.textcat.code;
}

struct Tally {
  std::size_t samples = 0, answered = 0, correct = 0;
  std::size_t wrong() const { return answered - correct; }
  std::size_t unanswered() const { return samples - answered; }
};

Tally tally(const Policy& policy, std::span<const Sample> samples,
            std::span<const SampleResult> results) {
  Tally t;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    ++t.samples;
    const auto answer = answer_of(policy, results[i]);
    if (!answer) continue;
    ++t.answered;
    if (*answer == samples[i].expected) ++t.correct;
  }
  return t;
}

double percent(std::size_t part, std::size_t whole) {
  return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
}

// At most `max` bytes, cut on a UTF-8 character boundary, on one line.
std::string excerpt(std::string_view text, std::size_t max = 60) {
  std::size_t end = std::min(max, text.size());
  while (end > 0 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
    --end;
  std::string out(text.substr(0, end));
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\n' || c == '\t' || c == '\r'; }, ' ');
  return out;
}

std::vector<SampleResult> detect_all(void* textcat, std::span<const Sample> samples) {
  std::vector<SampleResult> results;
  results.reserve(samples.size());
  std::size_t disagreements = 0;
  for (const auto& s : samples) {
    SampleResult r{detect_cld2(s.text), detect_textcat(textcat, s.text),
                   newsdex::LanguageDetector::detect(s.title, s.body),
                   detect_cld2(indexer_text(s.title, s.body))};
    // The detector's conditions, checked on the rebuilt text: a disagreement means the
    // rebuilt text or the shown percent is not what the indexer used.
    const auto& d = r.indexer_detail;
    const bool confident = d.reliable && d.top && !d.code.empty() &&
                           d.percent >= newsdex::LanguageDetector::kMinPercent &&
                           d.text_bytes >= newsdex::LanguageDetector::kMinTextBytes;
    if (confident != !r.indexer.empty() || (confident && d.code != r.indexer)) {
      std::fprintf(stderr,
                   "warning: %s: LanguageDetector says \"%s\", its conditions on the rebuilt "
                   "text \"%s\" (reliable=%d top=%d pct=%d bytes=%d)\n",
                   s.id.c_str(), r.indexer.c_str(), confident ? d.code.c_str() : "",
                   d.reliable ? 1 : 0, d.top ? 1 : 0, d.percent, d.text_bytes);
      ++disagreements;
    }
    results.push_back(std::move(r));
  }
  if (disagreements > 0)
    std::fprintf(stderr,
                 "warning: %zu disagreements between LanguageDetector and its rebuilt text\n",
                 disagreements);
  return results;
}

void report_misdetections(const SampleSet& set, std::span<const SampleResult> results) {
  std::fprintf(stderr, "\n== %s: misdetections ==\n", set.name.c_str());
  std::size_t listed = 0;
  for (std::size_t i = 0; i < set.samples.size(); ++i) {
    const auto& s = set.samples[i];
    const auto& r = results[i];
    const std::string cld2 = r.cld2.code.empty() ? "un" : r.cld2.code;
    if (cld2 != s.expected) {
      std::fprintf(stderr, "cld2     %-24s expected %-3s got %-7s reliable=%d pct=%3d | %s\n",
                   s.id.c_str(), s.expected.c_str(), cld2.c_str(), r.cld2.reliable ? 1 : 0,
                   r.cld2.percent, excerpt(s.text).c_str());
      ++listed;
    }
    if (r.textcat.code != s.expected) {
      std::fprintf(stderr, "textcat  %-24s expected %-3s got %-7s cands=%d [%s] | %s\n",
                   s.id.c_str(), s.expected.c_str(),
                   r.textcat.code.empty() ? "-" : r.textcat.code.c_str(), r.textcat.candidates,
                   r.textcat.raw.c_str(), excerpt(s.text).c_str());
      ++listed;
    }
    // The indexer's row: wrong answers everywhere, fallbacks on the labelled non-English sets
    // (on Reuters a fallback is English, the right answer).
    const bool indexer_wrong = !r.indexer.empty() && r.indexer != s.expected;
    const bool indexer_fallback = r.indexer.empty() && set.name != "reuters";
    if (indexer_wrong || indexer_fallback) {
      const auto& d = r.indexer_detail;
      std::fprintf(stderr,
                   "newsdex  %-24s expected %-3s got %-7s reliable=%d pct=%3d bytes=%4d "
                   "(cld2 %s) | %s\n",
                   s.id.c_str(), s.expected.c_str(), indexer_wrong ? r.indexer.c_str() : "-",
                   d.reliable ? 1 : 0, d.percent, d.text_bytes,
                   d.code.empty() ? "un" : d.code.c_str(), excerpt(s.text).c_str());
      ++listed;
    }
  }
  if (listed == 0) std::fputs("(none)\n", stderr);
}

// Written after each timed pass so that the detect calls cannot be optimized away.
volatile std::size_t g_sink = 0;

template <typename Detect>
double median_seconds(std::span<const Sample> samples, int passes, Detect detect) {
  std::vector<double> seconds;
  for (int pass = 0; pass < passes; ++pass) {
    std::size_t sink = 0;
    const auto start = std::chrono::steady_clock::now();
    for (const auto& s : samples) sink += detect(s);
    const auto stop = std::chrono::steady_clock::now();
    g_sink = sink;
    seconds.push_back(std::chrono::duration<double>(stop - start).count());
  }
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}

[[noreturn]] void usage(const char* argv0) {
  std::fprintf(stderr,
               "usage: %s --articles FILE.jsonl --short FILE.tsv [--reuters FILE.jsonl[.gz]] "
               "[--reuters-limit N] [--textcat-conf FILE]\n",
               argv0);
  std::exit(2);
}

}  // namespace

int main(int argc, char** argv) {
  fs::path articles_path, short_path, reuters_path;
  fs::path textcat_conf = "/usr/share/libexttextcat/fpdb.conf";
  std::size_t reuters_limit = 2000;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (i + 1 >= argc) usage(argv[0]);
    if (arg == "--articles")
      articles_path = argv[++i];
    else if (arg == "--short")
      short_path = argv[++i];
    else if (arg == "--reuters")
      reuters_path = argv[++i];
    else if (arg == "--reuters-limit")
      reuters_limit = std::strtoull(argv[++i], nullptr, 10);
    else if (arg == "--textcat-conf")
      textcat_conf = argv[++i];
    else
      usage(argv[0]);
  }
  if (articles_path.empty() || short_path.empty()) usage(argv[0]);

  try {
    const TextcatHandle textcat = open_textcat(textcat_conf);
    std::vector<SampleSet> sets;
    sets.push_back(load_jsonl("articles", articles_path, 0, {}));
    sets.push_back(load_tsv("short", short_path));
    if (!reuters_path.empty())
      sets.push_back(load_jsonl("reuters", reuters_path, reuters_limit, "en"));

    for (const auto& set : sets)
      for (const auto& s : set.samples)
        if (!simdjson::validate_utf8(s.text.data(), s.text.size()))
          std::fprintf(stderr, "warning: %s is not valid UTF-8 (CLD2 expects it)\n", s.id.c_str());

    std::vector<std::vector<SampleResult>> results;
    for (const auto& set : sets) results.push_back(detect_all(textcat.get(), set.samples));

    const std::vector<Policy> policies = {
        {"CLD2, top answer", std::nullopt, true, false},
        {"CLD2, reliable, pct >= 0", 0, true, false},
        {"CLD2, reliable, pct >= 50", 50, true, false},
        {"CLD2, reliable, pct >= 80", 80, true, false},
        {"CLD2, reliable, pct >= 90", 90, true, false},
        {"CLD2, as newsdex-index uses it", std::nullopt, false, false, true},
        {"exttextcat, first candidate", std::nullopt, false, false},
        {"exttextcat, single candidate", std::nullopt, false, true},
    };

    std::printf("# Language detection: CLD2 %s vs libexttextcat %s\n\n",
                CLD2::DetectLanguageVersion(), textcat_Version());
    std::puts(
        "Accuracy = correct / samples. Answered accuracy = correct / answered. Fallback = "
        "unanswered / samples (the engine's default language). Wrong = answered with a wrong "
        "language.\n");
    std::puts(
        "| Set | Detector | Samples | Answered | Correct | Wrong | Accuracy % | Answered "
        "accuracy % | Fallback % | Wrong % |");
    std::puts("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (std::size_t k = 0; k < sets.size(); ++k)
      for (const auto& policy : policies) {
        const Tally t = tally(policy, sets[k].samples, results[k]);
        std::printf("| %s | %s | %zu | %zu | %zu | %zu | %.1f | %.1f | %.1f | %.1f |\n",
                    sets[k].name.c_str(), policy.name.c_str(), t.samples, t.answered, t.correct,
                    t.wrong(), percent(t.correct, t.samples), percent(t.correct, t.answered),
                    percent(t.unanswered(), t.samples), percent(t.wrong(), t.samples));
      }

    // Per language, for the labelled multilingual sets: where each detector fails.
    const auto policy_named = [&](std::string_view name) -> const Policy& {
      for (const auto& policy : policies)
        if (policy.name == name) return policy;
      throw std::logic_error("no policy " + std::string(name));
    };
    const Policy& top_policy = policy_named("CLD2, top answer");
    const Policy& p80_policy = policy_named("CLD2, reliable, pct >= 80");
    const Policy& indexer_policy = policy_named("CLD2, as newsdex-index uses it");
    const Policy& tc_policy = policy_named("exttextcat, first candidate");
    const Policy& tc1_policy = policy_named("exttextcat, single candidate");
    std::puts(
        "\n## Per language (correct / samples; for CLD2 at 80, CLD2 as newsdex-index uses it and "
        "exttextcat single: correct / answered)\n");
    std::puts(
        "| Set | Lang | Samples | CLD2 top | CLD2 >= 80 | CLD2, as newsdex-index uses it | "
        "exttextcat first | exttextcat single |");
    std::puts("|---|---|---:|---:|---:|---:|---:|---:|");
    for (std::size_t k = 0; k < sets.size(); ++k) {
      if (sets[k].name == "reuters") continue;
      std::map<std::string, std::pair<std::vector<Sample>, std::vector<SampleResult>>> by_lang;
      for (std::size_t i = 0; i < sets[k].samples.size(); ++i) {
        auto& [samples, res] = by_lang[sets[k].samples[i].expected];
        samples.push_back(sets[k].samples[i]);
        res.push_back(results[k][i]);
      }
      for (const auto& [lang, pair] : by_lang) {
        const auto& [samples, res] = pair;
        const Tally top = tally(top_policy, samples, res);
        const Tally t80 = tally(p80_policy, samples, res);
        const Tally ix = tally(indexer_policy, samples, res);
        const Tally tc = tally(tc_policy, samples, res);
        const Tally tc1 = tally(tc1_policy, samples, res);
        std::printf("| %s | %s | %zu | %zu/%zu | %zu/%zu | %zu/%zu | %zu/%zu | %zu/%zu |\n",
                    sets[k].name.c_str(), lang.c_str(), top.samples, top.correct, top.samples,
                    t80.correct, t80.answered, ix.correct, ix.answered, tc.correct, tc.samples,
                    tc1.correct, tc1.answered);
      }
    }

    for (std::size_t k = 0; k < sets.size(); ++k) report_misdetections(sets[k], results[k]);

    if (!reuters_path.empty()) {
      const auto& reuters = sets.back().samples;
      std::size_t bytes = 0;
      for (const auto& s : reuters) bytes += s.text.size();
      constexpr int kPasses = 3;
      const double cld2_s = median_seconds(
          reuters, kPasses, [](const Sample& s) { return detect_cld2(s.text).code.size(); });
      // Builds its own text of at most 4096 bytes from the title and body.
      const double indexer_s = median_seconds(reuters, kPasses, [](const Sample& s) {
        return newsdex::LanguageDetector::detect(s.title, s.body).size();
      });
      const double textcat_s =
          median_seconds(reuters, kPasses, [h = textcat.get()](const Sample& s) {
            // Only the classification is timed, not the mapping of its answer.
            return std::string_view(textcat_Classify(h, s.text.data(), s.text.size())).size();
          });
      std::printf(
          "\n## Speed on the Reuters sample (%zu articles, %.2f MB, title + \"\\n\" + body; "
          "detect calls only, median of %d passes)\n\n",
          reuters.size(), static_cast<double>(bytes) / 1e6, kPasses);
      std::puts(
          "MB/s counts the whole articles; the indexer's detector looks at no more than their "
          "first 4096 bytes.\n");
      std::puts("| Detector | Median time ms | MB/s | Articles/s |");
      std::puts("|---|---:|---:|---:|");
      for (const auto& [name, s] :
           {std::pair{"CLD2", cld2_s}, std::pair{"CLD2, as newsdex-index uses it", indexer_s},
            std::pair{"exttextcat", textcat_s}})
        std::printf("| %s | %.1f | %.1f | %.0f |\n", name, s * 1e3,
                    static_cast<double>(bytes) / 1e6 / s, static_cast<double>(reuters.size()) / s);

      // What the engine would do with these English articles, had they no stated language.
      std::puts("\n## Reuters (English): CLD2 answers other than English, by threshold\n");
      std::puts("| Policy | Non-English answers | Fallbacks | Examples (id: got, pct) |");
      std::puts("|---|---:|---:|---|");
      for (const auto& policy : policies) {
        if (!policy.cld2 && !policy.indexer) continue;
        std::size_t non_english = 0, fallbacks = 0;
        std::string examples;
        int shown = 0;
        for (std::size_t i = 0; i < reuters.size(); ++i) {
          const auto& r = results.back()[i];
          const auto answer = answer_of(policy, r);
          if (!answer) {
            ++fallbacks;
            continue;
          }
          if (*answer == "en") continue;
          ++non_english;
          if (shown++ < 5)
            examples += (examples.empty() ? "" : "; ") + reuters[i].id + ": " + *answer + ", " +
                        std::to_string(policy.indexer ? r.indexer_detail.percent : r.cld2.percent);
        }
        std::printf("| %s | %zu | %zu | %s |\n", policy.name.c_str(), non_english, fallbacks,
                    examples.c_str());
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  return 0;
}
