#include "writer/document_builder.h"

#include <algorithm>

#include "newsdex/date_parser.h"
#include "newsdex/language.h"
#include "newsdex/schema.h"
#include "newsdex/stored_article.h"
#include "newsdex/story_signature.h"

namespace newsdex {
namespace {

std::string prefixed(std::string_view prefix, std::string_view value) {
  std::string term;
  term.reserve(prefix.size() + value.size());
  term.append(prefix).append(value);
  return term;
}

// Words hold consecutive positions, so the spans list in position order. The joined form of a
// compound comes after its parts and spans them: its parts after the first join the previous.
void note_word(std::vector<WordSpan>& spans, const AnalyzedTerm& t) {
  if (!t.joined) {
    spans.push_back({t.begin, t.end, false});
    return;
  }
  for (auto it = spans.rbegin(); it != spans.rend() && it->begin > t.begin; ++it)
    it->joins_previous = true;
}

}  // namespace

void DocumentBuilder::note_story_term(const Analyzer& analyzer, const AnalyzedTerm& t,
                                      unsigned times) {
  if (t.joined || !collect_story_features_) return;  // a joined word's parts count already
  const bool number = !t.letters;
  if (!number && t.term.size() < 3) return;
  if (!number && analyzer.is_stopword(t.term)) return;
  const std::uint32_t hash = story_term_hash(t.term);
  for (unsigned i = 0; i < times; ++i) story_hashes_.push_back(hash);
}

void DocumentBuilder::finish_story_features() {
  std::sort(story_hashes_.begin(), story_hashes_.end());
  story_.terms.clear();
  for (const auto hash : story_hashes_) {
    if (!story_.terms.empty() && story_.terms.back().hash == hash) {
      ++story_.terms.back().count;
    } else {
      story_.terms.push_back({hash, 1});
    }
  }
}

std::string overlong_words_warning(std::size_t count) {
  return "left out " + std::to_string(count) + (count == 1 ? " word" : " words") + " longer than " +
         std::to_string(schema::kMaxTermBytes) +
         " bytes (too long to index; the stored text keeps it)";
}

DocumentBuilder::DocumentBuilder(std::string default_language, bool story_features)
    : default_language_(std::move(default_language)), collect_story_features_(story_features) {}

Analyzer& DocumentBuilder::analyzer_for(const std::string& language) {
  const std::string& key = language.empty() ? default_language_ : language;
  auto it = analyzers_.find(key);
  if (it == analyzers_.end()) it = analyzers_.emplace(key, Analyzer(key)).first;
  return it->second;
}

Xapian::Document DocumentBuilder::build(const Article& article, std::string_view stored,
                                        const std::string& content_hash) {
  Xapian::Document doc;
  Analyzer& analyzer = analyzer_for(article.language);
  const std::size_t overlong_before = analyzer.overlong_words();

  // The joined form of a hyphenated compound is the same word as its parts: it gets its
  // position (phrases and lookups find it) but no wdf, so it adds neither weight nor length and
  // a query for the concept counts the word once.
  words_.title.clear();
  words_.body.clear();
  spelling_.clear();
  story_hashes_.clear();
  const auto note_spelling = [&](const AnalyzedTerm& t) {
    if (t.letters && !t.joined && Analyzer::is_cased_word(t.folded)) spelling_.add(t.folded);
  };
  std::uint32_t next = analyzer.analyze(article.title, 1, [&](const AnalyzedTerm& t) {
    const Xapian::termcount wdf = t.joined ? 0 : 1;
    term_buffer_.assign(t.term);
    doc.add_posting(term_buffer_, t.position, wdf);
    term_buffer_.assign(schema::kTitlePrefix);
    term_buffer_.append(t.term);
    doc.add_posting(term_buffer_, t.position, wdf);
    note_word(words_.title, t);
    note_spelling(t);
    note_story_term(analyzer, t, 2);
  });
  words_.body_first_position = next + schema::kBodyPositionGap;
  analyzer.analyze(article.body, words_.body_first_position, [&](const AnalyzedTerm& t) {
    term_buffer_.assign(t.term);
    doc.add_posting(term_buffer_, t.position, t.joined ? 0 : 1);
    note_word(words_.body, t);
    note_spelling(t);
    note_story_term(analyzer, t, 1);
  });
  finish_story_features();
  overlong_words_ = analyzer.overlong_words() - overlong_before;

  doc.add_boolean_term(schema::id_term(article.id));
  if (!article.url.empty()) doc.add_boolean_term(schema::url_term(article.url));
  if (!article.author.empty()) doc.add_boolean_term(schema::author_term(article.author));
  if (!article.outlet.empty()) {
    doc.add_boolean_term(schema::outlet_term(article.outlet));
    doc.add_value(schema::kOutletSlot, article.outlet);
  }
  if (!article.date.empty()) {
    if (auto date = parse_date(article.date)) {
      const auto day = date->compact_day();
      doc.add_boolean_term(prefixed(schema::kDayPrefix, day));
      doc.add_boolean_term(prefixed(schema::kMonthPrefix, std::string_view(day).substr(0, 6)));
      doc.add_boolean_term(prefixed(schema::kYearPrefix, std::string_view(day).substr(0, 4)));
      doc.add_value(schema::kDateSlot, article.date);
    }
  }
  doc.add_boolean_term(
      prefixed(schema::kLanguagePrefix,
               language_code(article.language.empty() ? default_language_ : article.language)));
  for (const auto& keyword : article.keywords)
    for (const auto& value : keyword.values)
      if (!value.empty()) doc.add_boolean_term(schema::keyword_term(keyword.name, value));
  doc.add_value(schema::kContentHashSlot, content_hash);
  // Its own story until story assignment finds it another (StoryAssigner).
  doc.add_value(schema::kStorySlot, founding_story_id(article.id, content_hash));
  doc.add_value(schema::kBodyStartSlot, Xapian::sortable_serialise(words_.body_first_position));
  doc.add_value(schema::kStoredRecordSlot,
                record_compressor_.compress(encode_stored_record(stored, words_)));
  return doc;
}

}  // namespace newsdex
