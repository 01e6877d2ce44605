#include "newsdex/searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <vector>

#include <xapian.h>

#include "newsdex/analyzer.h"
#include "newsdex/doc_length_table.h"
#include "newsdex/error.h"
#include "newsdex/record_compression.h"
#include "newsdex/schema.h"
#include "newsdex/stored_article.h"
#include "newsdex/utf8.h"
#include "parser/query_builder.h"
#include "parser/query_parser.h"
#include "searcher/recency_posting_source.h"
#include "searcher/snippet_builder.h"
#include "searcher/spelling_suggester.h"
#include "searcher/term_prefix_match_spy.h"

namespace newsdex {
namespace {

// A search that keeps losing the race with the indexer's commits gives up after this many tries.
constexpr int kReopenAttempts = 5;

// More-like-this: terms taken from the model article.
constexpr Xapian::termcount kSimilarTerms = 25;

Xapian::Database open_database(const std::string& path) {
  Xapian::Database db;
  try {
    db = Xapian::Database(path);
  } catch (const Xapian::DatabaseNotFoundError&) {
    throw DatabaseError("no newsdex database at " + path);
  } catch (const Xapian::DatabaseOpeningError& e) {
    throw DatabaseError("cannot open database " + path + ": " + e.get_msg());
  } catch (const Xapian::Error& e) {
    throw DatabaseError("cannot open database " + path + ": " + e.get_description());
  }
  const auto version = db.get_metadata(std::string(schema::kSchemaVersionKey));
  if (version != std::to_string(schema::kSchemaVersion)) {
    throw DatabaseError(version.empty()
                            ? schema::missing_schema_version_message(path, db.get_doccount() == 0)
                            : "database " + path + " has schema version " + version +
                                  ", this newsdex reads version " +
                                  std::to_string(schema::kSchemaVersion) + ": re-index it");
  }
  return db;
}

std::set<std::string, std::less<>> keyword_fields(const Xapian::Database& db) {
  std::set<std::string, std::less<>> fields;
  const auto list = db.get_metadata(std::string(schema::kKeywordFieldsKey));
  for (std::size_t start = 0; start < list.size();) {
    auto comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) fields.insert(list.substr(start, comma - start));
    start = comma + 1;
  }
  return fields;
}

// Keeps unprefixed word terms of some substance for more-like-this.
class WordTermDecider : public Xapian::ExpandDecider {
 public:
  bool operator()(const std::string& term) const override {
    if (term.size() < 3) return false;
    const auto c = static_cast<unsigned char>(term[0]);
    if (c >= 'A' && c <= 'Z') return false;  // prefixed: fields and filters
    return !std::all_of(term.begin(), term.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  }
};

// How a facet name maps onto the index: a value slot (optionally cut to a prefix length, for
// date.year/month/day) or a term prefix.
struct FacetSource {
  std::string name;
  std::optional<Xapian::valueno> slot;
  std::size_t value_length = 0;  // 0: whole value
  std::string term_prefix;
};

FacetSource facet_source(const std::string& name,
                         const std::set<std::string, std::less<>>& keyword_fields) {
  if (name == "outlet") return {name, schema::kOutletSlot, 0, {}};
  if (name == "date.year") return {name, schema::kDateSlot, 4, {}};
  if (name == "date.month") return {name, schema::kDateSlot, 7, {}};
  if (name == "date.day" || name == "date") return {name, schema::kDateSlot, 10, {}};
  if (keyword_fields.count(name)) {
    std::string prefix(schema::kKeywordPrefix);
    prefix += name + ":";
    return {name, std::nullopt, 0, prefix};
  }
  std::string known = "outlet, date.year, date.month, date.day";
  for (const auto& f : keyword_fields) known += ", " + f;
  throw Error("unknown facet '" + name + "'; facets are " + known);
}

Facet top_counts(const std::string& name, const std::map<std::string, Xapian::doccount>& counts,
                 std::size_t limit) {
  Facet facet{name, {}};
  for (const auto& [value, count] : counts) facet.counts.push_back({value, count});
  std::sort(facet.counts.begin(), facet.counts.end(), [](const auto& a, const auto& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (facet.counts.size() > limit) facet.counts.resize(limit);
  return facet;
}

}  // namespace

class Searcher::Impl {
 public:
  explicit Impl(const std::string& path) : db_(open_database(path)), folder_("none") {}

  SearchResult search(const SearchRequest& as_given) {
    const auto started = std::chrono::steady_clock::now();
    // Invalid UTF-8 in the query is repaired to U+FFFD before lexing, as article text is, so
    // that a stray byte is one unknown character (and results echo valid text).
    std::optional<SearchRequest> repaired;
    std::size_t bad_sequences = 0;
    if (!is_valid_utf8(as_given.query)) {
      repaired.emplace(as_given);
      bad_sequences = repair_utf8(repaired->query);
    }
    const SearchRequest& request = repaired ? *repaired : as_given;
    for (int attempt = 1;; ++attempt) {
      try {
        // Inside the try: reopening can itself meet the next commit (DatabaseModifiedError),
        // which then counts as one more attempt instead of escaping as a Xapian exception.
        if (attempt > 1) db_.reopen();
        SearchResult result = run(request);
        result.took_us =
            static_cast<std::uint64_t>(std::chrono::duration_cast<std::chrono::microseconds>(
                                           std::chrono::steady_clock::now() - started)
                                           .count());
        return result;
      } catch (const QuerySyntaxError& e) {
        if (bad_sequences == 0) throw;
        throw QuerySyntaxError(std::string(e.what()) + " (the query had " +
                                   std::to_string(bad_sequences) +
                                   " invalid UTF-8 sequence(s), read as U+FFFD)",
                               e.position());
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == kReopenAttempts) throw DatabaseError("database keeps changing; try again");
      } catch (const Xapian::Error& e) {
        throw DatabaseError("search failed: " + e.get_description());
      }
    }
  }

  std::uint64_t document_count() const { return db_.get_doccount(); }

 private:
  SearchResult run(const SearchRequest& request) {
    if (request.similar_to.empty() &&
        request.query.find_first_not_of(" \t\r\n") == std::string::npos)
      throw QuerySyntaxError("the query is empty", 0);
    if (request.bm25.k1 < 0 || request.bm25.b < 0 || request.bm25.b > 1)
      throw Error("BM25 parameters must satisfy k1 >= 0 and 0 <= b <= 1");
    const auto fields = keyword_fields(db_);

    Analyzer& analyzer = analyzer_for(request.language);
    BuiltQuery built;
    const RankedTermQueries ranked(db_, request.bm25, length_table());
    QueryBuilder builder(db_, analyzer, folder_, fields, {request.match_all, request.title_weight},
                         ranked);
    if (!request.query.empty()) built = builder.build(QueryParser().parse(request.query));
    Xapian::Query query = built.query;
    if (!request.similar_to.empty()) {
      const Xapian::Query similar = similar_query(request.similar_to, builder, built.ranked_terms);
      query = query.empty() ? similar : Xapian::Query(Xapian::Query::OP_FILTER, similar, query);
    }

    std::optional<RecencyPostingSource> recency;
    if (request.recency_halflife_days > 0) {
      const double newest =
          RecencyPostingSource::day_number(db_.get_value_upper_bound(schema::kDateSlot));
      if (newest >= 0) {
        recency.emplace(schema::kDateSlot, newest, request.recency_halflife_days,
                        request.recency_weight);
        query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(&*recency));
      }
    }

    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    const Xapian::BM25Weight weight(request.bm25.k1, 0, 1, request.bm25.b, 0.5);
    enquire.set_weighting_scheme(weight);
    switch (request.sort) {
      case SortOrder::kRelevance:
        break;
      case SortOrder::kDateAscending:
        enquire.set_sort_by_value_then_relevance(schema::kDateSlot, false);
        break;
      case SortOrder::kDateDescending:
        enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
        break;
    }
    if (!request.collapse.empty()) {
      if (request.collapse != "outlet")
        throw Error("--collapse supports 'outlet', not '" + request.collapse + "'");
      enquire.set_collapse_key(schema::kOutletSlot, 1);
    }

    // Facet spies: one per slot (date.year and date.month share one), one per keyword field.
    std::vector<FacetSource> sources;
    std::map<Xapian::valueno, std::unique_ptr<Xapian::ValueCountMatchSpy>> value_spies;
    std::map<std::string, std::unique_ptr<TermPrefixMatchSpy>> term_spies;
    for (const auto& name : request.facets) {
      sources.push_back(facet_source(name, fields));
      const auto& src = sources.back();
      if (src.slot) {
        auto& spy = value_spies[*src.slot];
        if (!spy) {
          spy = std::make_unique<Xapian::ValueCountMatchSpy>(*src.slot);
          enquire.add_matchspy(spy.get());
        }
      } else {
        auto& spy = term_spies[src.term_prefix];
        if (!spy) {
          spy = std::make_unique<TermPrefixMatchSpy>(src.term_prefix);
          enquire.add_matchspy(spy.get());
        }
      }
    }
    const bool count_all = request.exact_total || !request.facets.empty();
    const Xapian::doccount check_at_least =
        count_all ? db_.get_doccount()
                  : static_cast<Xapian::doccount>(request.offset + request.limit);
    const Xapian::MSet mset =
        enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                         static_cast<Xapian::doccount>(request.limit), check_at_least);

    SearchResult result;
    result.query = request.query;
    result.total = mset.get_matches_estimated();
    result.total_lower = mset.get_matches_lower_bound();
    result.total_upper = mset.get_matches_upper_bound();
    if (!request.collapse.empty()) {
      result.total = mset.get_uncollapsed_matches_estimated();
      result.total_lower = mset.get_uncollapsed_matches_lower_bound();
      result.total_upper = mset.get_uncollapsed_matches_upper_bound();
    }

    for (const auto& src : sources) {
      std::map<std::string, Xapian::doccount> counts;
      if (src.slot) {
        const auto& spy = *value_spies.at(*src.slot);
        for (auto it = spy.values_begin(); it != spy.values_end(); ++it) {
          std::string value = *it;
          if (src.value_length && value.size() > src.value_length) value.resize(src.value_length);
          counts[value] += it.get_termfreq();
        }
      } else {
        counts = term_spies.at(src.term_prefix)->counts();
      }
      result.facets.push_back(top_counts(src.name, counts, request.facet_limit));
    }

    const SnippetBuilder::Style style{request.highlight_open, request.highlight_close,
                                      request.snippet_escape_html};
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const Xapian::Document doc = it.get_document();
      StoredRecord record = decode_stored_record(
          records_.decompress(doc.get_value(schema::kStoredRecordSlot)), request.snippet_words > 0);
      Article& article = record.article;
      SearchHit hit;
      hit.rank =
          request.offset + static_cast<std::size_t>(it.get_rank() - mset.get_firstitem()) + 1;
      hit.score = it.get_weight();
      if (request.snippet_words > 0)
        hit.snippet = snippet(*it, record, built.ranked_terms, request.snippet_words, style);
      if (request.explain) hit.explanation = explain(article.id, hit.score, built, request, weight);
      hit.id = std::move(article.id);
      hit.title = std::move(article.title);
      hit.outlet = std::move(article.outlet);
      hit.date = std::move(article.date);
      hit.url = std::move(article.url);
      result.hits.push_back(std::move(hit));
    }
    if (!built.unknown_words.empty() || result.total_upper == 0)
      result.suggestion = suggest(request.query, analyzer);
    return result;
  }

  // The passage of the body (or, when only the title matches, of the title) around the ranked
  // terms, located from the positions the index holds for them in this document.
  std::string snippet(Xapian::docid docid, const StoredRecord& record,
                      const std::set<std::string, std::less<>>& terms, std::size_t window_words,
                      const SnippetBuilder::Style& style) {
    const WordMap& words = record.words;
    std::vector<TermMatch> in_title, in_body;
    std::uint32_t term_number = 0;
    for (const auto& term : terms) {
      for (auto p = db_.positionlist_begin(docid, term); p != db_.positionlist_end(docid, term);
           ++p) {
        const Xapian::termpos position = *p;
        if (position >= words.body_first_position) {
          in_body.push_back({position - words.body_first_position, term_number});
        } else if (position >= 1) {
          in_title.push_back({position - 1, term_number});
        }
      }
      ++term_number;
    }
    if (in_body.empty() && !in_title.empty())
      return SnippetBuilder::build(record.article.title, words.title, std::move(in_title),
                                   window_words, style);
    if (words.body.empty())
      return SnippetBuilder::build(record.article.title, words.title, {}, window_words, style);
    return SnippetBuilder::build(record.article.body, words.body, std::move(in_body), window_words,
                                 style);
  }

  // Each ranked term's weight for this document, from a one-term query with the same
  // statistics and weighting, filtered to the document by its id term (filters add no weight):
  // BM25 sums per-term parts, so these add up to the score.
  std::vector<TermContribution> explain(const std::string& id, double score,
                                        const BuiltQuery& built, const SearchRequest& request,
                                        const Xapian::Weight& weight) {
    std::vector<TermContribution> parts;
    double explained = 0;
    const Xapian::Query only(schema::id_term(id));
    for (const auto& term : built.ranked_terms) {
      std::string title_term(schema::kTitlePrefix);
      title_term += term;
      const Xapian::Query one(Xapian::Query::OP_OR, Xapian::Query(term),
                              Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                            Xapian::Query(title_term), request.title_weight));
      Xapian::Enquire e(db_);
      e.set_weighting_scheme(weight);
      e.set_query(Xapian::Query(Xapian::Query::OP_FILTER, one, only));
      const auto m = e.get_mset(0, 1);
      if (m.empty()) continue;
      parts.push_back({term, m.begin().get_weight()});
      explained += parts.back().weight;
    }
    std::sort(parts.begin(), parts.end(),
              [](const auto& a, const auto& b) { return a.weight > b.weight; });
    if (std::abs(score - explained) > 1e-9) parts.push_back({"(other)", score - explained});
    return parts;
  }

  Xapian::Query similar_query(const std::string& id, const QueryBuilder& builder,
                              std::set<std::string, std::less<>>& terms) {
    const std::string id_term = schema::id_term(id);
    auto posting = db_.postlist_begin(id_term);
    if (posting == db_.postlist_end(id_term)) throw Error("no article with id '" + id + "'");
    Xapian::RSet rset;
    rset.add_document(*posting);
    Xapian::Enquire enquire(db_);
    const WordTermDecider decider;
    // Negative expand weights are kept: in a small index every shared term weighs below zero.
    const Xapian::ESet eset = enquire.get_eset(kSimilarTerms, rset, 0, &decider, -1e9);
    std::vector<Xapian::Query> parts;
    for (auto it = eset.begin(); it != eset.end(); ++it) {
      parts.push_back(builder.ranked_term(*it));
      terms.insert(*it);
    }
    if (parts.empty()) throw Error("article '" + id + "' has no words to compare");
    return Xapian::Query(Xapian::Query::OP_AND_NOT,
                         Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()),
                         Xapian::Query(id_term));
  }

  // The query with each unknown or rare word replaced by its closest frequent indexed word.
  std::string suggest(const std::string& query, Analyzer& analyzer) {
    const SpellingSuggester suggester(db_);
    std::string corrected;
    std::size_t cursor = 0;
    bool changed = false;
    analyzer.analyze(query, 1, [&](const AnalyzedTerm& t) {
      if (t.joined) return;
      const std::string replacement = suggester.suggest(std::string(t.term));
      if (replacement.empty()) return;
      corrected.append(query, cursor, t.begin - cursor);
      corrected += replacement;
      cursor = t.end;
      changed = true;
    });
    if (!changed) return {};
    corrected.append(query, cursor);
    return corrected;
  }

  // The document length table of the revision open now, reloaded when it changes; null when the
  // database has none that matches (then Xapian's own lengths are used).
  std::shared_ptr<const DocLengthTable> length_table() {
    if (db_.size() != 1) return nullptr;  // a table describes one database's docids
    const std::string state = DocLengthTable::state_of(db_);
    if (state != length_state_) {
      auto table = DocLengthTable::load(db_);
      lengths_ = table ? std::make_shared<const DocLengthTable>(std::move(*table)) : nullptr;
      length_state_ = state;
    }
    return lengths_;
  }

  // One analyzer per query language, made on first use.
  Analyzer& analyzer_for(const std::string& language) {
    auto it = analyzers_.find(language);
    if (it == analyzers_.end()) it = analyzers_.emplace(language, Analyzer(language)).first;
    return it->second;
  }

  Xapian::Database db_;
  std::map<std::string, Analyzer> analyzers_;
  Analyzer folder_;  // no stemming: wildcard prefixes
  RecordDecompressor records_;
  std::shared_ptr<const DocLengthTable> lengths_;
  std::string length_state_;  // the revision it was loaded for
};

Searcher::Searcher(const std::string& db_path) : impl_(std::make_unique<Impl>(db_path)) {}
Searcher::~Searcher() = default;
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;

SearchResult Searcher::search(const SearchRequest& request) {
  return impl_->search(request);
}

std::uint64_t Searcher::document_count() const {
  return impl_->document_count();
}

}  // namespace newsdex
