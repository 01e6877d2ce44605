#include "corpus_model.h"

#include <simdjson.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <map>
#include <random>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

namespace newsdex::gen {
namespace {

// Made-up words are drawn from a Zipf tail this many times longer than the trained vocabulary.
constexpr double kTailSpan = 50.0;
// Chance that a word follows its predecessor's bigram distribution instead of the unigram one.
constexpr double kBigramProbability = 0.5;
// Chance that a word is drawn from the article's topic: the words of one training article,
// chosen per generated article. News words cluster by story; without this, vocabulary grows
// too fast at first (Heaps' K too high).
constexpr double kTopicProbability = 0.3;

std::string read_all(const std::filesystem::path& path) {
  gzFile file = gzopen(path.c_str(), "rb");  // reads plain files as they are
  if (!file) throw std::runtime_error("cannot open " + path.string());
  std::string data;
  char buffer[1 << 16];
  int n = 0;
  while ((n = gzread(file, buffer, sizeof buffer)) > 0)
    data.append(buffer, static_cast<std::size_t>(n));
  gzclose(file);
  return data;
}

// Lower-case runs of ASCII letters and digits: the word notion of the statistics, simple on
// purpose so that training and measurement of generated text agree.
template <typename Sink>
void for_each_word(std::string_view text, Sink&& sink) {
  std::string word;
  for (char c : text) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) {
      word.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    } else if (!word.empty()) {
      sink(word);
      word.clear();
    }
  }
  if (!word.empty()) sink(word);
}

// Least squares slope and intercept of y on x.
std::pair<double, double> fit_line(const std::vector<double>& x, const std::vector<double>& y) {
  const double n = static_cast<double>(x.size());
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sx += x[i];
    sy += y[i];
    sxx += x[i] * x[i];
    sxy += x[i] * y[i];
  }
  const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return {slope, (sy - slope * sx) / n};
}

double uniform(std::mt19937_64& rng) {
  return static_cast<double>(rng() >> 11) * 0x1.0p-53;
}

std::size_t pick(const std::vector<std::uint64_t>& cumulative, std::mt19937_64& rng) {
  const auto target =
      static_cast<std::uint64_t>(uniform(rng) * static_cast<double>(cumulative.back()));
  return static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), target) -
                                  cumulative.begin());
}

// A pronounceable made-up word for a tail rank, the same for the same rank.
std::string made_up_word(std::uint64_t rank) {
  static constexpr std::string_view kOnsets[] = {"b", "d", "f", "g", "k", "l",  "m",  "n",  "p",
                                                 "r", "s", "t", "v", "z", "br", "tr", "st", "gr"};
  static constexpr std::string_view kVowels[] = {"a", "e", "i", "o", "u", "ai", "ou"};
  std::string w;
  std::uint64_t r = rank;
  do {
    w += kOnsets[r % std::size(kOnsets)];
    r /= std::size(kOnsets);
    w += kVowels[r % std::size(kVowels)];
    r /= std::size(kVowels);
  } while (r > 0);
  return w + "q";  // English words do not end in q: no clash with the trained vocabulary
}

std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

std::vector<std::string> outlet_names() {
  static constexpr std::string_view kPlaces[] = {"Northern", "Capital", "Harbour", "Metro",
                                                 "Valley",   "Coastal", "Global",  "Union",
                                                 "Central",  "Eastern", "Western", "Highland"};
  static constexpr std::string_view kPapers[] = {"Herald", "Times", "Post"};
  std::vector<std::string> names;
  for (auto paper : kPapers)
    for (auto place : kPlaces)
      names.push_back("The " + std::string(place) + " " + std::string(paper));
  return names;  // 36 outlets
}

}  // namespace

// Draws the words of one text at a time from a trained model: within-article repetition
// (burstiness), made-up words from the Zipf tail, bigram continuations, unigram draws.
class TextSampler {
 public:
  TextSampler(const CorpusModel& model, std::uint64_t seed) : m_(model), rng_(seed) {
    rank_.reserve(m_.words_.size());
    for (std::uint32_t r = 0; r < m_.words_.size(); ++r) rank_.emplace(m_.words_[r], r);
    const double vocabulary = static_cast<double>(m_.words_.size());
    s_ = std::max(1.05, m_.laws_.zipf_exponent);
    tail_lo_ = std::pow(vocabulary, 1 - s_);
    tail_hi_ = std::pow(vocabulary * kTailSpan, 1 - s_);
  }

  std::mt19937_64& rng() { return rng_; }

  // Picks the training article whose words stand for the next article's topic.
  void new_topic() {
    if (m_.body_starts_.size() < 2) return;
    const auto k = rng_() % (m_.body_starts_.size() - 1);
    topic_begin_ = m_.body_starts_[k];
    topic_end_ = m_.body_starts_[k + 1];
  }

  // The words of one text; `title` texts are Title Cased, bodies get sentences.
  std::vector<std::string> words(std::uint32_t length) {
    std::vector<std::string> out;
    out.reserve(length);
    std::int64_t previous = -1;
    for (std::uint32_t i = 0; i < length; ++i) {
      std::string w;
      if (topic_end_ > topic_begin_ && uniform(rng_) < kTopicProbability) {
        w = m_.words_[m_.body_words_[topic_begin_ + rng_() % (topic_end_ - topic_begin_)]];
      } else if (!out.empty() && uniform(rng_) < m_.repeat_probability_) {
        w = out[rng_() % out.size()];
      } else if (uniform(rng_) < m_.tail_probability_) {
        // Inverse transform sampling of a Zipf(s) rank in (V, V * kTailSpan].
        const double u = uniform(rng_);
        w = made_up_word(static_cast<std::uint64_t>(
            std::pow(tail_lo_ + u * (tail_hi_ - tail_lo_), 1 / (1 - s_))));
      } else if (previous >= 0 && uniform(rng_) < kBigramProbability &&
                 !m_.successors_[static_cast<std::size_t>(previous)].words.empty()) {
        const auto& next = m_.successors_[static_cast<std::size_t>(previous)];
        w = m_.words_[next.words[pick(next.cumulative, rng_)]];
      } else {
        w = m_.words_[pick(m_.word_cumulative_, rng_)];
      }
      const auto it = rank_.find(w);
      previous = it == rank_.end() ? -1 : static_cast<std::int64_t>(it->second);
      out.push_back(std::move(w));
    }
    return out;
  }

  std::string text(std::uint32_t length, bool title) {
    std::string result;
    std::uint32_t sentence_left = 0;
    for (std::string& w : words(length)) {
      const bool sentence_start = !title && sentence_left == 0;
      if (sentence_start) sentence_left = 8 + static_cast<std::uint32_t>(rng_() % 21);
      if ((title || sentence_start) && w[0] >= 'a' && w[0] <= 'z') w[0] -= 32;
      if (!result.empty()) result += ' ';
      result += w;
      if (!title && --sentence_left == 0) result += '.';
    }
    if (!title && !result.empty() && result.back() != '.') result += '.';
    return result;
  }

 private:
  const CorpusModel& m_;
  std::mt19937_64 rng_;
  std::unordered_map<std::string_view, std::uint32_t> rank_;
  double s_, tail_lo_, tail_hi_;
  std::size_t topic_begin_ = 0, topic_end_ = 0;
};

namespace {

// Share of tokens that repeat a word already used earlier in the same text.
double repeat_rate(const std::vector<std::vector<std::string>>& texts) {
  std::size_t repeats = 0, total = 0;
  for (const auto& t : texts) {
    std::unordered_set<std::string_view> seen;
    for (const auto& w : t) repeats += !seen.insert(w).second;
    total += t.size();
  }
  return total ? static_cast<double>(repeats) / static_cast<double>(total) : 0;
}

}  // namespace

VocabularyLaws fit_laws(const std::vector<std::uint32_t>& tokens) {
  VocabularyLaws laws;
  if (tokens.size() < 1000) return laws;
  std::unordered_map<std::uint32_t, std::uint64_t> counts;
  std::vector<double> log_n, log_v;
  std::unordered_set<std::uint32_t> seen;
  double next_sample = 1000;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    ++counts[tokens[i]];
    seen.insert(tokens[i]);
    if (static_cast<double>(i + 1) >= next_sample) {
      log_n.push_back(std::log(static_cast<double>(i + 1)));
      log_v.push_back(std::log(static_cast<double>(seen.size())));
      next_sample *= 1.25;
    }
  }
  const auto [beta, log_k] = fit_line(log_n, log_v);
  laws.heaps_beta = beta;
  laws.heaps_k = std::exp(log_k);
  std::vector<std::uint64_t> freq;
  for (const auto& [w, c] : counts) freq.push_back(c);
  std::sort(freq.rbegin(), freq.rend());
  std::vector<double> log_r, log_f;
  for (std::size_t r = 10; r <= std::min<std::size_t>(1000, freq.size()); ++r) {
    log_r.push_back(std::log(static_cast<double>(r)));
    log_f.push_back(std::log(static_cast<double>(freq[r - 1])));
  }
  laws.zipf_exponent = -fit_line(log_r, log_f).first;
  return laws;
}

CorpusModel CorpusModel::train(const std::filesystem::path& path) {
  const std::string data = read_all(path);
  CorpusModel m;
  std::unordered_map<std::string, std::uint32_t> ids;
  std::vector<std::uint64_t> counts;
  std::vector<std::uint32_t> tokens;
  std::unordered_map<std::uint64_t, std::uint64_t> bigrams;
  std::map<std::string, std::map<std::string, std::uint64_t>> field_values;
  std::map<std::string, std::vector<std::uint32_t>> field_per_article;
  auto id_of = [&](const std::string& w) {
    auto [it, added] = ids.emplace(w, static_cast<std::uint32_t>(counts.size()));
    if (added) counts.push_back(0);
    return it->second;
  };

  simdjson::dom::parser parser;
  std::istringstream lines(data);
  std::string line;
  std::size_t articles = 0;
  std::uint64_t train_repeats = 0;
  while (std::getline(lines, line)) {
    simdjson::dom::object obj;
    if (parser.parse(line).get(obj)) continue;
    ++articles;
    std::uint32_t title_words = 0, body_words = 0;
    for (auto [key, value] : obj) {
      if (key == "title" || key == "body") {
        std::string_view text;
        if (value.get(text)) continue;
        std::int64_t previous = -1;
        const bool is_title = key == "title";  // lambdas cannot capture structured bindings
        for_each_word(text, [&](const std::string& w) {
          const auto id = id_of(w);
          ++counts[id];
          if (is_title) {
            ++title_words;
            return;
          }
          ++body_words;
          tokens.push_back(id);
          if (previous >= 0) ++bigrams[(static_cast<std::uint64_t>(previous) << 32) | id];
          previous = id;
        });
      } else if (simdjson::dom::array items; !value.get(items)) {
        std::uint32_t n = 0;
        for (simdjson::dom::element v : items) {
          std::string_view s;
          if (v.get(s)) continue;
          ++field_values[std::string(key)][std::string(s)];
          ++n;
        }
        field_per_article[std::string(key)].push_back(n);
      }
    }
    if (body_words) {
      m.body_starts_.push_back(tokens.size() - body_words);
      m.body_lengths_.push_back(body_words);
      std::unordered_set<std::uint32_t> in_article(tokens.end() - body_words, tokens.end());
      train_repeats += body_words - in_article.size();
    }
    if (title_words) m.title_lengths_.push_back(title_words);
  }
  if (articles == 0 || tokens.empty()) throw std::runtime_error("no article in " + path.string());
  m.laws_ = fit_laws(tokens);

  // Words by descending frequency; ids remapped to ranks.
  std::vector<std::uint32_t> order(counts.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::string> by_id(counts.size());
  for (const auto& [w, id] : ids) by_id[id] = w;
  std::sort(order.begin(), order.end(), [&](auto a, auto b) {
    return counts[a] != counts[b] ? counts[a] > counts[b] : by_id[a] < by_id[b];
  });
  std::vector<std::uint32_t> rank_of(counts.size());
  std::uint64_t total = 0, hapaxes = 0;
  for (std::uint32_t r = 0; r < order.size(); ++r) {
    rank_of[order[r]] = r;
    m.words_.push_back(by_id[order[r]]);
    total += counts[order[r]];
    m.word_cumulative_.push_back(total);
    hapaxes += counts[order[r]] == 1;
  }
  m.body_starts_.push_back(tokens.size());
  m.body_words_.reserve(tokens.size());
  for (const auto id : tokens) m.body_words_.push_back(rank_of[id]);
  m.successors_.resize(m.words_.size());
  std::vector<std::pair<std::uint64_t, std::uint64_t>> sorted_bigrams(bigrams.begin(),
                                                                      bigrams.end());
  std::sort(sorted_bigrams.begin(), sorted_bigrams.end());
  for (const auto& [key, count] : sorted_bigrams) {
    auto& s = m.successors_[rank_of[key >> 32]];
    s.words.push_back(rank_of[key & 0xffffffffu]);
    s.cumulative.push_back((s.cumulative.empty() ? 0 : s.cumulative.back()) + count);
  }
  for (auto& [name, values] : field_values) {
    Field f{name, {}, {}, field_per_article[name]};
    std::uint64_t sum = 0;
    for (const auto& [value, count] : values) {
      f.values.push_back(value);
      f.cumulative.push_back(sum += count);
    }
    m.fields_.push_back(std::move(f));
  }

  // Real text is bursty: words recur within an article more than independent draws make them.
  // Measure the repeat rate independent draws give (r0) and repeat words with the probability
  // that lifts it to the training corpus's (rate = rho + (1 - rho) r0).
  const double trained_rate =
      static_cast<double>(train_repeats) / static_cast<double>(tokens.size());
  {
    TextSampler sampler(m, 0x5eed);
    std::vector<std::vector<std::string>> sample;
    for (std::size_t i = 0; i < 400; ++i) {
      sampler.new_topic();
      sample.push_back(sampler.words(m.body_lengths_[sampler.rng()() % m.body_lengths_.size()]));
    }
    const double r0 = repeat_rate(sample);
    m.repeat_probability_ = std::clamp((trained_rate - r0) / (1 - r0), 0.0, 0.9);
  }
  // Independent draws of the remaining (1 - rho) N tokens miss the rarest trained words; the
  // made-up tail stands in for as many, so that vocabulary size at the training corpus's size
  // matches it, and keeps growing beyond it.
  const double share = (1 - kTopicProbability) * (1 - m.repeat_probability_);
  const double draws = static_cast<double>(tokens.size()) * share;
  double missed = 0;
  for (std::size_t r = 0; r < m.words_.size(); ++r) {
    const auto c = m.word_cumulative_[r] - (r ? m.word_cumulative_[r - 1] : 0);
    missed += std::exp(-static_cast<double>(c) * share);
  }
  m.tail_probability_ = missed / draws;
  return m;
}

void CorpusModel::generate(std::size_t count, std::uint64_t seed, std::ostream& out) const {
  TextSampler sampler(*this, seed);
  auto& rng = sampler.rng();
  const auto outlets = outlet_names();
  // Outlet popularity is skewed as real outlets are: Zipf with exponent 1.1.
  std::vector<std::uint64_t> outlet_cumulative;
  double acc = 0;
  for (std::size_t i = 0; i < outlets.size(); ++i) {
    acc += 1e6 / std::pow(static_cast<double>(i + 1), 1.1);
    outlet_cumulative.push_back(static_cast<std::uint64_t>(acc));
  }
  for (std::size_t n = 0; n < count; ++n) {
    const auto body_length = body_lengths_[rng() % body_lengths_.size()];
    const auto title_length =
        title_lengths_.empty() ? 6 : title_lengths_[rng() % title_lengths_.size()];
    sampler.new_topic();
    const std::string title = sampler.text(title_length, true);
    const std::string body = sampler.text(body_length, false);
    // Dates spread over 2015-2024, with a time of day.
    const auto day = static_cast<int>(rng() % 3653);
    const std::time_t t = 1420070400 + static_cast<std::time_t>(day) * 86400 +
                          static_cast<std::time_t>(rng() % 86400);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    out << "{\"id\":\"gen-" << seed << "-" << n
        << "\",\"outlet\":" << json_string(outlets[pick(outlet_cumulative, rng)]) << ",\"date\":\""
        << date << "\",\"title\":" << json_string(title) << ",\"body\":" << json_string(body);
    for (const auto& f : fields_) {
      const auto values = f.per_article.empty() ? 0 : f.per_article[rng() % f.per_article.size()];
      out << ",\"" << f.name << "\":[";
      std::unordered_set<std::size_t> used;
      for (std::uint32_t k = 0; k < values; ++k) {
        const auto v = pick(f.cumulative, rng);
        if (!used.insert(v).second) continue;
        out << (used.size() > 1 ? "," : "") << json_string(f.values[v]);
      }
      out << "]";
    }
    out << "}\n";
  }
}

}  // namespace newsdex::gen
