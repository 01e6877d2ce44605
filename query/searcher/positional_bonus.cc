#include "searcher/positional_bonus.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace newsdex {
namespace {

// Positions read per word and document: enough for any article that matters, and a bound on
// what one pathological article (a word repeated 10,000 times) can cost.
constexpr std::size_t kMaxPositionsPerWord = 256;

// sum of 1 / d^2 over pairs (a in `a`, b in `b`) with 0 < |a - b| <= window; both sorted.
double pair_closeness(const std::vector<Xapian::termpos>& a, const std::vector<Xapian::termpos>& b,
                      Xapian::termpos window) {
  double sum = 0;
  std::size_t low = 0;
  for (const Xapian::termpos p : a) {
    while (low < b.size() && b[low] + window < p) ++low;
    for (std::size_t k = low; k < b.size() && b[k] <= p + window; ++k) {
      if (b[k] == p) continue;  // two words' forms at one position (a compound and its part)
      const double d = b[k] > p ? b[k] - p : p - b[k];
      sum += 1.0 / (d * d);
    }
  }
  return sum;
}

}  // namespace

PositionalBonus::PositionalBonus(const Xapian::Database& db,
                                 const std::vector<std::vector<WordForm>>& words,
                                 const Settings& settings,
                                 std::shared_ptr<const DocLengthTable> lengths,
                                 std::shared_ptr<const BodyStartTable> body_starts)
    : db_(db),
      settings_(settings),
      average_length_(std::max(db.get_avlength(), 1.0)),
      lengths_(std::move(lengths)),
      body_starts_(std::move(body_starts)) {
  if (!body_starts_) settings_.lead_weight = 0;
  // Past a million positions a window is the whole article; the bound keeps position sums
  // from wrapping around for a library caller's UINT_MAX.
  constexpr Xapian::termpos kWholeArticle = 1'000'000;
  settings_.lead_words = std::min(settings_.lead_words, kWholeArticle);
  settings_.proximity_window = std::min(settings_.proximity_window, kWholeArticle);
  if (settings_.lead_weight <= 0 && settings_.proximity_weight <= 0) return;
  const double n = db.get_doccount();
  for (const auto& forms : words) {
    Word word;
    Xapian::doccount frequency = 0;
    for (const auto& form : forms) {
      if (form.terms.empty() ||
          std::find(word.forms.begin(), word.forms.end(), form) != word.forms.end())
        continue;
      // A form in a row is in no more articles than its rarest part.
      Xapian::doccount f = db.get_termfreq(form.terms[0]);
      for (const auto& part : form.terms) f = std::min(f, db.get_termfreq(part));
      if (f == 0) continue;
      word.forms.push_back(form);
      frequency = std::max(frequency, f);
    }
    if (word.forms.empty()) continue;
    // Lucene's idf, which stays positive for words in most documents (BM25's classic one turns
    // negative past half of them).
    word.idf = std::log(1.0 + (n - frequency + 0.5) / (frequency + 0.5));
    words_.push_back(std::move(word));
  }
}

std::vector<std::string> PositionalBonus::terms() const {
  std::vector<std::string> terms;
  for (const auto& word : words_)
    for (const auto& form : word.forms)
      terms.insert(terms.end(), form.terms.begin(), form.terms.end());
  std::sort(terms.begin(), terms.end());
  terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
  return terms;
}

bool PositionalBonus::active() const {
  return (settings_.lead_weight > 0 && settings_.lead_words > 0 && !words_.empty()) ||
         (settings_.proximity_weight > 0 && settings_.proximity_window > 0 && words_.size() >= 2);
}

std::vector<PositionalBonus::Bonus> PositionalBonus::bonuses(
    const std::vector<Xapian::docid>& docids, PositionCache& cache) const {
  std::vector<Bonus> out(docids.size());
  if (!active()) return out;
  // In docid order: the position table is keyed by docid, so its blocks are read in order.
  std::vector<std::size_t> order(docids.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](auto a, auto b) { return docids[a] < docids[b]; });
  std::vector<std::vector<Xapian::termpos>> positions(words_.size());
  for (const std::size_t i : order) {
    const Xapian::termpos body_start =
        settings_.lead_weight > 0 ? body_starts_->start(docids[i]) : 0;
    out[i] = bonus(docids[i], body_start, cache, positions);
  }
  return out;
}

PositionalBonus::Bonus PositionalBonus::bonus(
    Xapian::docid docid, Xapian::termpos body_start, PositionCache& cache,
    std::vector<std::vector<Xapian::termpos>>& positions) const {
  const Bm25Parameters& bm25 = settings_.bm25;
  Bonus bonus;
  std::size_t present = 0;
  for (std::size_t w = 0; w < words_.size(); ++w) {
    auto& list = positions[w];
    list.clear();
    for (const auto& form : words_[w].forms) {
      const auto& terms = form.terms;
      // The parts before the last, each read once: an occurrence is where the last part is
      // and every earlier one stands right before it.
      std::vector<const std::vector<Xapian::termpos>*> before;
      for (std::size_t k = 0; k + 1 < terms.size(); ++k)
        before.push_back(&cache.positions(docid, terms[k]));
      for (const Xapian::termpos p : cache.positions(docid, terms.back())) {
        if (list.size() >= kMaxPositionsPerWord) break;
        bool in_a_row = p > form.shift && p >= terms.size();
        for (std::size_t k = 0; k < before.size() && in_a_row; ++k) {
          const auto back = static_cast<Xapian::termpos>(terms.size() - 1 - k);
          in_a_row = std::binary_search(before[k]->begin(), before[k]->end(), p - back);
        }
        if (in_a_row) list.push_back(p - form.shift);
      }
    }
    if (words_[w].forms.size() > 1) {
      std::sort(list.begin(), list.end());
      list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    if (list.empty()) continue;
    ++present;
    if (body_start > 0) {
      const auto lead_end = body_start + settings_.lead_words;
      const auto from = std::lower_bound(list.begin(), list.end(), body_start);
      const double tf = static_cast<double>(std::lower_bound(from, list.end(), lead_end) - from);
      if (tf > 0)
        bonus.lead += settings_.lead_weight * words_[w].idf * (bm25.k1 + 1) * tf / (bm25.k1 + tf);
    }
  }
  if (present < 2 || settings_.proximity_weight <= 0) return bonus;
  const double length = lengths_ ? lengths_->length(docid) : db_.get_doclength(docid);
  const double k = bm25.k1 * ((1 - bm25.b) + bm25.b * std::max(length, 1.0) / average_length_);
  for (std::size_t i = 0; i < words_.size(); ++i) {
    if (positions[i].empty()) continue;
    for (std::size_t j = i + 1; j < words_.size(); ++j) {
      if (positions[j].empty()) continue;
      const double acc = pair_closeness(positions[i], positions[j], settings_.proximity_window);
      if (acc > 0)
        bonus.proximity += settings_.proximity_weight * std::min(words_[i].idf, words_[j].idf) *
                           (bm25.k1 + 1) * acc / (k + acc);
    }
  }
  return bonus;
}

}  // namespace newsdex
