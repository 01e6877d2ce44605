#include "newsdex/story_signature.h"

#include <algorithm>
#include <cmath>

#include "newsdex/hashing.h"

namespace newsdex {

std::uint32_t story_term_hash(std::string_view term) {
  const std::uint64_t h = Fnv1a64().add(term).value();
  return static_cast<std::uint32_t>(h ^ (h >> 32));
}

StorySignature::StorySignature(
    const StoryFeatures& features,
    const std::function<std::uint64_t(std::uint32_t)>& document_frequency,
    std::uint64_t documents) {
  struct Weighted {
    std::uint32_t hash;
    double weight;
  };
  std::vector<Weighted> weighted;
  weighted.reserve(features.terms.size());
  // As if the archive had kPriorDocuments more articles holding none of the words: in a small
  // archive every word is rare, and the words an article repeats are what it is about (the
  // three reports of one event alone share their names, not their rare words).
  constexpr double kPriorDocuments = 1000;
  const double n = static_cast<double>(documents) + kPriorDocuments;
  for (const auto& term : features.terms) {
    const double df =
        static_cast<double>(std::max<std::uint64_t>(document_frequency(term.hash), 1));
    weighted.push_back({term.hash, (1 + std::log(static_cast<double>(std::max(term.count, 1u)))) *
                                       std::log(1 + n / df)});
  }
  const std::size_t kept = std::min(weighted.size(), kKeywords);
  std::partial_sort(weighted.begin(), weighted.begin() + kept, weighted.end(),
                    [](const Weighted& a, const Weighted& b) {
                      return a.weight != b.weight ? a.weight > b.weight : a.hash < b.hash;
                    });
  weighted.resize(kept);
  double norm = 0;
  for (const auto& w : weighted) norm += w.weight * w.weight;
  norm = std::sqrt(norm);
  if (norm == 0) return;
  for (const auto& w : weighted) {
    const auto q = static_cast<int>(std::lround(w.weight / norm * 255));
    keywords_.push_back({w.hash, static_cast<std::uint8_t>(std::clamp(q, 1, 255))});
  }
  std::sort(keywords_.begin(), keywords_.end(),
            [](const Keyword& a, const Keyword& b) { return a.hash < b.hash; });
}

double StorySignature::similarity(const StorySignature& other) const {
  std::uint64_t dot = 0, norm_a = 0, norm_b = 0;
  for (const auto& k : keywords_) norm_a += k.weight * k.weight;
  for (const auto& k : other.keywords_) norm_b += k.weight * k.weight;
  if (norm_a == 0 || norm_b == 0) return 0;
  auto a = keywords_.begin();
  auto b = other.keywords_.begin();
  while (a != keywords_.end() && b != other.keywords_.end()) {
    if (a->hash < b->hash) {
      ++a;
    } else if (b->hash < a->hash) {
      ++b;
    } else {
      dot += a->weight * b->weight;
      ++a;
      ++b;
    }
  }
  return static_cast<double>(dot) /
         std::sqrt(static_cast<double>(norm_a) * static_cast<double>(norm_b));
}

void StorySignature::encode(std::string& out) const {
  out.push_back(static_cast<char>(keywords_.size()));
  for (const auto& k : keywords_) {
    for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<char>(k.hash >> shift));
    out.push_back(static_cast<char>(k.weight));
  }
}

bool StorySignature::decode(std::string_view& in, StorySignature& signature) {
  if (in.empty()) return false;
  const std::size_t count = static_cast<unsigned char>(in[0]);
  if (in.size() < 1 + count * 5) return false;
  signature.keywords_.clear();
  for (std::size_t i = 0; i < count; ++i) {
    const auto* p = reinterpret_cast<const unsigned char*>(in.data()) + 1 + i * 5;
    const std::uint32_t hash = p[0] | (p[1] << 8) | (p[2] << 16) | (std::uint32_t{p[3]} << 24);
    signature.keywords_.push_back({hash, p[4]});
  }
  in.remove_prefix(1 + count * 5);
  return true;
}

std::string founding_story_id(std::string_view article_id, std::string_view content_hash) {
  return Fnv1a64().add("story").add(article_id).add(content_hash).hex();
}

}  // namespace newsdex
