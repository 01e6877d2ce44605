#pragma once

#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace newsdex::gen {

// Heaps' law V(n) = K * n^beta and Zipf's law f(r) ~ r^-s, as fitted on a token stream.
struct VocabularyLaws {
  double zipf_exponent = 0;  // s, fitted over ranks 10..1000 (the body of the distribution)
  double heaps_k = 0;
  double heaps_beta = 0;
};

// Fits both laws on a sequence of word ids (tokens in corpus order).
VocabularyLaws fit_laws(const std::vector<std::uint32_t>& tokens);

// A statistical model of a news corpus, trained from JSON Lines articles (title, body and
// string-array keyword fields such as topics and places): word frequencies (their Zipf curve
// extended beyond the training vocabulary with made-up words, so vocabulary keeps growing with
// corpus size as Heaps' law says), word bigrams (so phrases recur), and the distributions of
// article and title lengths and keyword values.
class CorpusModel {
 public:
  // Throws std::runtime_error when the corpus cannot be read or holds no article.
  static CorpusModel train(const std::filesystem::path& jsonl_or_gz);

  // Writes `count` articles as JSON Lines, deterministic for a seed.
  void generate(std::size_t count, std::uint64_t seed, std::ostream& out) const;

  const std::vector<std::string>& vocabulary() const { return words_; }
  const VocabularyLaws& laws() const { return laws_; }

 private:
  friend class TextSampler;
  struct Successors {
    std::vector<std::uint32_t> words;
    std::vector<std::uint64_t> cumulative;  // cumulative counts, for sampling
  };
  struct Field {
    std::string name;
    std::vector<std::string> values;
    std::vector<std::uint64_t> cumulative;
    std::vector<std::uint32_t> per_article;  // how many values articles carry
  };

  std::vector<std::string> words_;              // by descending frequency
  std::vector<std::uint64_t> word_cumulative_;  // cumulative counts over words_
  std::vector<Successors> successors_;          // bigrams, by word id
  std::vector<std::uint32_t> body_lengths_;
  // The trained bodies as word ranks, back to back; article k is [starts[k], starts[k + 1]).
  std::vector<std::uint32_t> body_words_;
  std::vector<std::size_t> body_starts_;
  std::vector<std::uint32_t> title_lengths_;
  std::vector<Field> fields_;
  double tail_probability_ = 0;    // chance a token is drawn past the trained vocabulary
  double repeat_probability_ = 0;  // chance a token repeats a word of the same article
  VocabularyLaws laws_;
};

}  // namespace newsdex::gen
