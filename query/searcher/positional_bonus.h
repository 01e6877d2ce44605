#pragma once

#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "newsdex/doc_length_table.h"
#include "newsdex/search_request.h"
#include "parser/word_form.h"
#include "searcher/body_start_table.h"
#include "searcher/position_cache.h"

namespace newsdex {

// What a document earns, on top of its BM25 score, for where the query's words occur in it
// (docs/ranking.md):
//
// - Lead: each word's occurrences among the first lead_words positions of the body, scored as
//   a BM25 field without length normalisation, idf_i * (k1 + 1) * tf / (k1 + tf). News puts
//   what a story is about in its first sentence, and a reader's query (or a headline) names
//   that; the title has its own weight already.
// - Proximity, BM25TP (Rasolofo and Savoy, "Term proximity scoring for keyword-based retrieval
//   systems", ECIR 2003): for each pair of query words i < j, every pair of their occurrences
//   at distance d <= window adds 1 / d^2 to acc(i, j); the document gets
//   sum over pairs of min(idf_i, idf_j) * (k1 + 1) * acc / (K + acc),
//   K = k1 * ((1 - b) + b * length / average length),
//   saturating like a BM25 term, so a long article that repeats a phrase cannot run away with
//   it, and a pair of rare words counts for more than a pair with a common one.
//
// Both read the index's positions of one document, so they are meant for a few dozen top
// candidates (the Searcher re-ranks them), never for a whole posting list.
class PositionalBonus {
 public:
  struct Settings {
    Bm25Parameters bm25;
    double lead_weight = 0;
    Xapian::termpos lead_words = 0;
    double proximity_weight = 0;
    Xapian::termpos proximity_window = 0;
  };
  struct Bonus {
    double lead = 0;
    double proximity = 0;
    double total() const { return lead + proximity; }
  };

  // `words`: the query's plain positive words in order, each as the ways it is matched (its
  // forms: one term, or terms in a row, such as the parts of a hyphenated word, which count
  // at their last part's position as a joined compound does); words of no indexed form are
  // dropped. `lengths`, when given, supplies document
  // lengths (a table that matches the database); `body_starts` the body's first positions
  // (needed for a lead bonus: without it there is none).
  PositionalBonus(const Xapian::Database& db, const std::vector<std::vector<WordForm>>& words,
                  const Settings& settings, std::shared_ptr<const DocLengthTable> lengths,
                  std::shared_ptr<const BodyStartTable> body_starts);

  // Whether any document can earn a bonus: a lead weight and a word, or a proximity weight and
  // two words.
  bool active() const;

  // Every term whose positions bonuses() reads in a document.
  std::vector<std::string> terms() const;

  // The bonuses of `docids` (each earns its own), weights applied; positions are read through
  // `positions`, which keeps them for the snippets.
  std::vector<Bonus> bonuses(const std::vector<Xapian::docid>& docids,
                             PositionCache& positions) const;

 private:
  struct Word {
    std::vector<WordForm> forms;
    double idf = 0;
  };

  Bonus bonus(Xapian::docid docid, Xapian::termpos body_start, PositionCache& cache,
              std::vector<std::vector<Xapian::termpos>>& positions) const;

  const Xapian::Database& db_;
  std::vector<Word> words_;
  Settings settings_;
  double average_length_;
  std::shared_ptr<const DocLengthTable> lengths_;
  std::shared_ptr<const BodyStartTable> body_starts_;
};

}  // namespace newsdex
