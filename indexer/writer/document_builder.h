#pragma once

#include <map>
#include <string>
#include <string_view>

#include <xapian.h>

#include "newsdex/analyzer.h"
#include "newsdex/article.h"
#include "newsdex/record_compression.h"
#include "newsdex/story_signature.h"
#include "newsdex/word_map.h"
#include "writer/spelling_words.h"

namespace newsdex {

// Builds the Xapian document for an article following common/schema: title and body terms with
// positions, title terms again under the title prefix, boolean filter terms for id, outlet, date
// and language, the date and outlet values, and the stored fields (compressed, in their value
// slot). Not thread-safe (it owns analyzers); use one per thread.
class DocumentBuilder {
 public:
  // `story_features`: collect each article's story features (story_features()).
  explicit DocumentBuilder(std::string default_language, bool story_features = true);

  // `stored` is encode_stored_article(article) and `content_hash` its hash (computed by the
  // caller, which needs them first to skip unchanged articles).
  Xapian::Document build(const Article& article, std::string_view stored,
                         const std::string& content_hash);

  // Words of the last built article too long to index (schema::kMaxTermBytes): left out.
  std::size_t overlong_words() const { return overlong_words_; }

  // The last built article's distinct surface words, for the word count table (the
  // words "did you mean" suggests): valid until the next build.
  const std::vector<std::string_view>& spelling_words() { return spelling_.distinct(); }

  // The last built article's content terms, for story assignment: valid until the next build.
  const StoryFeatures& story_features() const { return story_; }

 private:
  Analyzer& analyzer_for(const std::string& language);
  // A title word counts `times` 2, a body word 1 (StoryFeatures).
  void note_story_term(const Analyzer& analyzer, const AnalyzedTerm& t, unsigned times);
  void finish_story_features();

  std::string default_language_;
  std::map<std::string, Analyzer, std::less<>> analyzers_;
  std::string term_buffer_;
  RecordCompressor record_compressor_;
  std::size_t overlong_words_ = 0;
  WordMap words_;  // reused from article to article
  SpellingWords spelling_;
  bool collect_story_features_;
  std::vector<std::uint32_t> story_hashes_;  // one per counted occurrence, reused
  StoryFeatures story_;
};

// The warning for an article with `count` words too long to index.
std::string overlong_words_warning(std::size_t count);

}  // namespace newsdex
