#include "newsdex/searcher.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <unordered_set>
#include <vector>

#include <xapian.h>

#include "newsdex/analyzer.h"
#include "newsdex/doc_length_table.h"
#include "newsdex/error.h"
#include "newsdex/record_compression.h"
#include "newsdex/schema.h"
#include "newsdex/shard_map.h"
#include "newsdex/stored_article.h"
#include "newsdex/story_table.h"
#include "newsdex/utf8.h"
#include "newsdex/word_count_table.h"
#include "parser/query_builder.h"
#include "parser/query_parser.h"
#include "searcher/bm25_term_source.h"
#include "searcher/docid_range_source.h"
#include "searcher/facet_counter.h"
#include "searcher/parallel_reads.h"
#include "searcher/positional_bonus.h"
#include "searcher/recency_posting_source.h"
#include "searcher/search_workers.h"
#include "searcher/snippet_builder.h"
#include "searcher/spelling_suggester.h"
#include "searcher/story_key_table.h"

namespace newsdex {
namespace {

// The value slot Xapian collapses hits on, if any. Stories are collapsed here instead
// (StoryKeyTable).
std::optional<Xapian::valueno> collapse_slot(const SearchRequest& request) {
  if (request.collapse == Collapse::kOutlet) return schema::kOutletSlot;
  return std::nullopt;
}

constexpr std::size_t kMaxThreads = 8;

// Connections a search reads a shard map's remote documents and positions on at once (at
// least; more with more threads): the reads wait on the network, not on a core.
constexpr std::size_t kMinReadLanes = 4;

// A facet's in-memory table is built once the matches are at least this share of the database
// (1 in 8): building it costs about one value read a document, which counting the matches one
// by one would already cost.
constexpr std::size_t kFacetTableShare = 8;

// A search that keeps losing the race with the indexer's commits gives up after this many tries.
constexpr int kReopenAttempts = 12;

// More-like-this: terms taken from the model article.
constexpr Xapian::termcount kSimilarTerms = 25;

// Pseudo-relevance feedback leaves out words in more than this share of the archive (1 in 10,
// as Anserini's RM3 does): they say nothing about the topic and would only add noise.
constexpr double kMaxExpansionTermShare = 0.1;

void check_schema(const Xapian::Database& db, const std::string& path) {
  const auto version = db.get_metadata(std::string(schema::kSchemaVersionKey));
  if (version != std::to_string(schema::kSchemaVersion)) {
    throw DatabaseError(version.empty()
                            ? schema::missing_schema_version_message(path, db.get_doccount() == 0)
                            : "database " + path + " has schema version " + version +
                                  ", this newsdex reads version " +
                                  std::to_string(schema::kSchemaVersion) + ": re-index it");
  }
}

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
  check_schema(db, path);
  return db;
}

// A part that did not answer is tried again on the first search this long after.
constexpr auto kRetryMissingPartsAfter = std::chrono::seconds(30);

// The parts' word count tables as one (a word's counts summed): a build in parts keeps the
// build's table in its first part, and each part adds the counts of what is added to it.
std::vector<std::pair<std::string, std::uint32_t>> merged_word_counts(
    const std::vector<Xapian::Database>& parts) {
  std::map<std::string, std::uint32_t> merged;
  for (const auto& db : parts)
    for (auto& [word, count] : WordCountTable::read(db)) merged[std::move(word)] += count;
  return {std::make_move_iterator(merged.begin()), std::make_move_iterator(merged.end())};
}

void add_keyword_fields(const Xapian::Database& db, std::set<std::string, std::less<>>& fields) {
  const auto list = db.get_metadata(std::string(schema::kKeywordFieldsKey));
  for (std::size_t start = 0; start < list.size();) {
    auto comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (comma > start) fields.insert(list.substr(start, comma - start));
    start = comma + 1;
  }
}

// An empty language (or "auto"): the query is analyzed in every language of the archive.
bool is_auto_language(std::string_view language) {
  return language.empty() || language == "auto";
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

FacetSource facet_source(const FacetField& field,
                         const std::set<std::string, std::less<>>& keyword_fields) {
  const std::string name = field.name();
  switch (field.kind) {
    case FacetField::Kind::kOutlet:
      return {name, schema::kOutletSlot, 0, {}};
    case FacetField::Kind::kYear:
      return {name, schema::kDateSlot, 4, {}};
    case FacetField::Kind::kMonth:
      return {name, schema::kDateSlot, 7, {}};
    case FacetField::Kind::kDay:
      return {name, schema::kDateSlot, 10, {}};
    case FacetField::Kind::kLanguage:
      return {name, std::nullopt, 0, std::string(schema::kLanguagePrefix)};
    case FacetField::Kind::kStory:
      return {name, schema::kStorySlot, 0, {}};
    case FacetField::Kind::kKeyword:
      break;
  }
  if (keyword_fields.count(name)) {
    std::string prefix(schema::kKeywordPrefix);
    prefix += name + ":";
    return {name, std::nullopt, 0, prefix};
  }
  std::string known = "outlet, language, date.year, date.month, date.day, story";
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
  Impl(const std::string& path, const SearcherOptions& options)
      : path_(path),
        map_(ShardMap::read(path)),
        folder_("none"),
        options_(options),
        thread_count_(
            options.threads > 0
                ? options.threads
                : std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, kMaxThreads)) {
    db_ = open_all();
  }

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
    if (!missing_.empty() && started - missing_since_ >= kRetryMissingPartsAfter)
      handle_suspect_ = true;  // reconnects to every part
    for (int attempt = 1;; ++attempt) {
      try {
        // Inside the try: reopening can itself meet the next commit (DatabaseModifiedError),
        // which then counts as one more attempt instead of escaping as a Xapian exception.
        if (handle_suspect_)
          replace_handles();
        else if (attempt > 1)
          db_.reopen();
        SearchResult result = run(request);
        if (map_) {
          result.parts_total = map_->entries().size();
          result.parts_answered = parts_.size();
          result.missing_parts = missing_;
        }
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
      } catch (const Xapian::DatabaseCorruptError& e) {
        // A reader can meet a block the writer is reusing ("Expected block 0 to be level 1,
        // not 0" under the concurrency test), even at the newest revision, and the handle then
        // stays broken ("EOF reading block 1612120576" on every later search): retried on new
        // handles.
        read_failed(attempt, "database is damaged: " + e.get_description());
      } catch (const Xapian::DatabaseError& e) {
        read_failed(attempt, "search failed: " + e.get_description());
      } catch (const PartUnavailableError&) {
        throw;
      } catch (const DatabaseError& e) {
        // The same race shows as a stored record that fails its checksum (Glass does not
        // check values it reads against the revision).
        read_failed(attempt, e.what());
      } catch (const Xapian::NetworkError& e) {
        // A remote part is down or too slow (NetworkTimeoutError is one).
        if (!map_) throw DatabaseError("search failed: " + e.get_description());
        part_failed(e, attempt);
      } catch (const Xapian::Error& e) {
        throw DatabaseError("search failed: " + e.get_description());
      }
      // A writer committing in quick succession can overtake a search again and again: from
      // the third try on, give it a moment (1, 2, 3 ... ms).
      if (attempt > 1) std::this_thread::sleep_for(std::chrono::milliseconds(attempt - 1));
    }
  }

  std::uint64_t document_count() const { return db_.get_doccount(); }

 private:
  // A read of the database failed: the next try uses new handles. Even a new handle at the
  // newest revision can meet a block the writer is reusing, so only the last try gives up.
  void read_failed(int attempt, const std::string& message) {
    handle_suspect_ = true;
    if (attempt == kReopenAttempts)
      throw DatabaseError(message + " (" + std::to_string(kReopenAttempts) +
                          " tries; if no indexer is writing, check it with xapian-check)");
  }

  // New Xapian handles for the database and the part workers, and the caches read through
  // the old ones dropped.
  void replace_handles() {
    // Opening reads blocks too and can meet the same race (retried like a failed search);
    // the schema check still holds: the indexer may have swapped in a rebuilt database.
    db_ = open_all();
    workers_.reset();
    parallel_reads_.reset();
    cache_state_.clear();
    handle_suspect_ = false;
  }

  // The database, or for a shard map every part that answers, as one Xapian database (Xapian
  // interleaves the parts' docids and merges their statistics and rankings).
  Xapian::Database open_all() {
    if (!map_) return open_database(path_);
    parts_.clear();
    missing_.clear();
    Xapian::Database combined;
    for (const auto& entry : map_->entries()) {
      try {
        Xapian::Database part = open_part(entry);
        parts_.push_back({&entry, part});
        combined.add_database(part);
      } catch (const PartUnavailableError&) {
        if (!options_.allow_partial) throw;
        missing_.push_back(entry.line);
      }
    }
    if (parts_.empty())
      throw PartUnavailableError("no part of " + map_->file().string() + " answered",
                                 map_->entries().front().line);
    missing_since_ = std::chrono::steady_clock::now();
    return combined;
  }

  std::string part_name(const ShardMapEntry& entry) const {
    return "part '" + entry.line + "' of " + map_->file().string();
  }

  // One part of the map, checked to be a newsdex database of this schema (a part of another
  // schema is an error even with allow_partial: its answers would not be comparable).
  Xapian::Database open_part(const ShardMapEntry& entry) const {
    const std::string name = part_name(entry);
    const auto ms = [](double seconds) {
      return static_cast<useconds_t>(std::clamp(seconds, 0.001, 86400.0) * 1000);
    };
    Xapian::Database db;
    try {
      switch (entry.kind) {
        case ShardMapEntry::Kind::kLocal:
          db = Xapian::Database(entry.path);
          break;
        case ShardMapEntry::Kind::kRemoteTcp:
          db = Xapian::Remote::open(entry.host, entry.port, ms(options_.remote_timeout_seconds),
                                    ms(options_.connect_timeout_seconds));
          break;
        case ShardMapEntry::Kind::kRemoteProgram:
          db = Xapian::Remote::open(entry.program, entry.args, ms(options_.remote_timeout_seconds));
          break;
      }
    } catch (const Xapian::DatabaseNotFoundError&) {
      throw PartUnavailableError(name + ": no database at " + entry.path, entry.line);
    } catch (const Xapian::NetworkError& e) {
      throw PartUnavailableError(name + " cannot be reached: " + e.get_description(), entry.line);
    } catch (const Xapian::DatabaseOpeningError& e) {
      throw PartUnavailableError(name + " cannot be opened: " + e.get_msg(), entry.line);
    } catch (const Xapian::Error& e) {
      throw PartUnavailableError(name + " cannot be opened: " + e.get_description(), entry.line);
    }
    try {
      check_schema(db, name);
    } catch (const Xapian::NetworkError& e) {
      throw PartUnavailableError(name + " did not answer: " + e.get_description(), entry.line);
    }
    return db;
  }

  // A remote part failed during a search: the parts that no longer answer are found (a
  // keep-alive each), and either named in the error or, with allow_partial, left out of the
  // database the search is retried on.
  void part_failed(const Xapian::NetworkError& error, int attempt) {
    std::vector<Part> alive;
    std::vector<std::string> down;
    for (auto& part : parts_) {
      if (part.entry->kind == ShardMapEntry::Kind::kLocal) {
        alive.push_back(part);
        continue;
      }
      try {
        part.db.keep_alive();
        alive.push_back(part);
      } catch (const Xapian::Error&) {
        down.push_back(part.entry->line);
      }
    }
    if (!options_.allow_partial || attempt == kReopenAttempts) {
      const std::string line = down.empty() ? std::string("?") : down.front();
      const std::string who = down.empty() ? std::string("a part of ") + map_->file().string()
                                           : part_name(*find_entry(line));
      throw PartUnavailableError(
          who + " did not answer: " + error.get_description() +
              (options_.allow_partial ? "" : " (--allow-partial searches the other parts)"),
          line);
    }
    if (down.empty()) {
      handle_suspect_ = true;  // no part named itself: reconnect to all
      return;
    }
    if (alive.empty())
      throw PartUnavailableError("no part of " + map_->file().string() + " answered", down.front());
    parts_ = std::move(alive);
    for (auto& line : down) missing_.push_back(std::move(line));
    Xapian::Database combined;
    for (const auto& part : parts_) combined.add_database(part.db);
    db_ = combined;
    missing_since_ = std::chrono::steady_clock::now();
    cache_state_.clear();
    parallel_reads_.reset();
  }

  const ShardMapEntry* find_entry(const std::string& line) const {
    for (const auto& entry : map_->entries())
      if (entry.line == line) return &entry;
    return &map_->entries().front();
  }

  std::vector<Xapian::Database> part_handles() const {
    std::vector<Xapian::Database> handles;
    for (const auto& part : parts_) handles.push_back(part.db);
    return handles;
  }

  // The story's articles (those of every part, for a shard map).
  std::vector<StoryTable::Member> story_members(const std::string& story) const {
    if (!map_) return StoryTable::member_list(db_, story);
    std::vector<StoryTable::Member> members;
    for (const auto& part : parts_)
      for (auto& m : StoryTable::member_list(part.db, story)) members.push_back(std::move(m));
    return members;
  }

  std::size_t story_size(const std::string& story) const {
    if (!map_) return StoryTable::size(db_, story);
    return std::max<std::size_t>(1, story_members(story).size());
  }

  Xapian::Query story_filter(const std::string& story) const {
    return StoryTable::filter(story, story_members(story));
  }

  std::set<std::string, std::less<>> keyword_fields() const {
    std::set<std::string, std::less<>> fields;
    if (!map_) {
      add_keyword_fields(db_, fields);
    } else {
      for (const auto& part : parts_) add_keyword_fields(part.db, fields);
    }
    return fields;
  }

  // How Xapian collapses the matches, if it does: by outlet, and for a shard map by story too
  // (its parts' value streams are not read into a table): each story keeps its best
  // rerank_depth matches, so that the re-ranked head is the uncollapsed ranking's, and the
  // best of each story is kept after the re-ranking as on one database.
  std::optional<std::pair<Xapian::valueno, Xapian::doccount>> xapian_collapse(
      const SearchRequest& request) const {
    if (const auto slot = collapse_slot(request)) return std::pair{*slot, Xapian::doccount(1)};
    if (map_ && request.collapse == Collapse::kStory)
      return std::pair{
          Xapian::valueno(schema::kStorySlot),
          static_cast<Xapian::doccount>(std::max<std::size_t>(request.rerank_depth, 1))};
    return std::nullopt;
  }

  // A match as the ranking needs it: what the parts' rankings are merged by.
  struct MatchedDoc {
    Xapian::docid docid;
    double weight;
    std::string sort_key;          // the date value when sorting by date
    std::string collapse_key;      // the outlet when collapsing
    PositionalBonus::Bonus bonus;  // included in weight
  };

  // What a query is, worked out once per search and turned into Xapian queries as often as
  // there are parts to match (each needs its own posting sources).
  struct Plan {
    std::set<std::string, std::less<>> fields;
    Analyzer* analyzer = nullptr;            // the primary query language's
    std::vector<Analyzer*> other_languages;  // the archive's other languages (unpinned queries)
    std::optional<QueryNode> parsed;
    bool lenient = false;                    // parsed and built as search-box text
    std::optional<SyntaxNote> syntax_note;   // why strict parsing gave way to lenient
    std::vector<std::string> similar_terms;  // --similar: the model article's terms
    BuiltQuery built;                        // ranked terms, unknown words (and one query)
    // --expand: feedback terms and the factor each one's weight is scaled by.
    std::vector<std::pair<std::string, double>> expansion;
    std::vector<FacetSource> facets;
    double newest_day = -1;  // recency's reference day
    std::string story_of;    // --story-of: the article's story (empty: it has none)
  };

  // One part's matches: the first `count` of its ranking from `first` on, its totals and, with
  // facets, its counts over all its matches.
  struct PartResult {
    std::vector<MatchedDoc> docs;
    Xapian::doccount lower = 0, upper = 0, estimated = 0;
    // With facets: every matched docid, ascending.
    std::vector<Xapian::docid> matched;
    // With facets on a shard map: each facet's counts, counted by Xapian's own match spies
    // (whose results the remote parts send back).
    std::map<std::string, std::map<std::string, Xapian::doccount>> facet_counts;
  };

  SearchResult run(const SearchRequest& request) {
    if (request.similar_to.empty() && request.story_of.empty() &&
        request.query.find_first_not_of(" \t\r\n") == std::string::npos)
      throw QuerySyntaxError("the query is empty", 0);
    if (request.bm25.k1 < 0 || request.bm25.b < 0 || request.bm25.b > 1)
      throw Error("BM25 parameters must satisfy k1 >= 0 and 0 <= b <= 1");
    if (!is_auto_language(request.language) && !Analyzer::is_known_language(request.language))
      throw Error("unknown language '" + request.language +
                  "'; languages are: " + Analyzer::known_languages());

    refresh_revision_caches();
    documents_.clear();
    // With no length table that matches (written by another program), Xapian's own lengths.
    const RankedTermQueries ranked(db_, request.bm25, lengths_);
    Plan plan = plan_query(request, ranked);
    if (request.expand_documents > 0) plan.expansion = feedback_terms(plan, request, ranked);
    const bool count_all = request.exact_total || !request.facets.empty();
    const auto wanted = static_cast<Xapian::doccount>(request.offset + request.limit);
    // With positional bonuses, the best rerank_depth matches are re-ranked: the matchers
    // deliver at least that many, from the first on, and the page is cut after re-ranking.
    const bool by_relevance = request.sort == SortOrder::kRelevance;
    // With --similar the query only filters the similar articles: its words earn nothing.
    const bool bonus_words = by_relevance && request.similar_to.empty();
    const PositionalBonus positional(
        db_, bonus_words ? plan.built.positional_words : std::vector<std::vector<WordForm>>{},
        {request.bm25, request.lead_weight, request.lead_words, request.proximity_weight,
         request.proximity_window},
        lengths_,
        bonus_words && request.lead_weight > 0 && !plan.built.positional_words.empty()
            ? body_starts()
            : nullptr);
    const bool rerank = positional.active() && request.rerank_depth > 0;
    // Collapsing by story keeps the best match of each story of a longer ranking, and cuts
    // the page from what is left.
    const bool by_story = request.collapse == Collapse::kStory;
    const auto first = static_cast<Xapian::doccount>(rerank || by_story ? 0 : request.offset);
    const auto fetched = std::max<Xapian::doccount>(
        wanted, rerank ? static_cast<Xapian::doccount>(
                             std::min<std::size_t>(request.rerank_depth, db_.get_doccount()))
                       : 0);

    SearchResult result;
    result.query = request.query;
    result.syntax_note = plan.syntax_note;
    PartResult matched;
    const std::size_t parts = parts_for(plan, count_all);
    // Most stories have one article: ten more than the page is usually enough; when a few big
    // stories fill it, the matcher is asked again for as many more as they suggest. The page
    // needs `wanted` stories; the re-ranking works on the articles before they are collapsed.
    Xapian::doccount count = by_story ? fetched + 10 : fetched - first;
    PositionCache positions(db_);
    for (;;) {
      if (parts <= 1) {
        matched = match_part(db_, make_query(plan, request, ranked), request, plan, first, count,
                             count_all ? db_.get_doccount() : first + count);
      } else {
        matched = match_in_parts(parts, plan, request, ranked, count_all, first, first + count);
      }
      if (!by_story) break;
      const std::size_t ranked_matches = matched.docs.size();
      // Re-ranked first, so that a story's hit is its best-scoring article, bonuses included.
      if (rerank) {
        prefetch(matched.docs, request.rerank_depth, positional.terms(), positions);
        rerank_by_position(matched.docs, positional, request.rerank_depth, positions);
      }
      keep_best_of_each_story(matched.docs);
      if (matched.docs.size() >= wanted || ranked_matches < count || count >= db_.get_doccount())
        break;
      // As many more as the stories found so far say it takes, with a margin.
      const std::size_t found = std::max<std::size_t>(matched.docs.size(), 1);
      count = static_cast<Xapian::doccount>(std::min<std::uint64_t>(
          db_.get_doccount(),
          count * std::max<std::uint64_t>(2, (wanted * 3 + found - 1) / found / 2 + 1)));
    }
    if (rerank || by_story) {
      if (rerank && !by_story) {
        prefetch(matched.docs, request.rerank_depth, positional.terms(), positions);
        rerank_by_position(matched.docs, positional, request.rerank_depth, positions);
      }
      const std::size_t from = std::min<std::size_t>(request.offset, matched.docs.size());
      const std::size_t to = std::min<std::size_t>(wanted, matched.docs.size());
      matched.docs.erase(matched.docs.begin() + static_cast<std::ptrdiff_t>(std::max(from, to)),
                         matched.docs.end());
      matched.docs.erase(matched.docs.begin(),
                         matched.docs.begin() + static_cast<std::ptrdiff_t>(from));
    }
    result.total = matched.estimated;
    result.total_lower = matched.lower;
    result.total_upper = matched.upper;

    for (const auto& src : plan.facets)
      result.facets.push_back(top_counts(
          src.name, map_ ? matched.facet_counts[src.name] : count_facet(src, matched.matched),
          request.facet_limit));

    const SnippetBuilder::Style style{request.highlight_open, request.highlight_close,
                                      request.snippet_escape_html};
    prefetch(matched.docs, matched.docs.size(),
             request.snippet_words > 0 ? snippet_terms(plan.built) : std::vector<std::string>{},
             positions);
    std::size_t rank = request.offset;
    for (const auto& match : matched.docs) {
      const Xapian::Document doc = document(match.docid);
      StoredRecord record = decode_stored_record(
          records_.decompress(doc.get_value(schema::kStoredRecordSlot)), request.snippet_words > 0);
      Article& article = record.article;
      SearchHit hit;
      hit.rank = ++rank;
      hit.score = match.weight;
      if (request.snippet_words > 0)
        hit.snippet =
            snippet(match.docid, record, plan.built, request.snippet_words, style, positions);
      if (request.explain)
        hit.explanation = explain(match.docid, hit.score, match.bonus, plan, request);
      hit.id = std::move(article.id);
      hit.title = std::move(article.title);
      hit.title_from_text = article.title_from_text;
      hit.outlet = std::move(article.outlet);
      hit.date = std::move(article.date);
      hit.url = std::move(article.url);
      hit.language = std::move(article.language);  // a code, as the indexer stores it
      hit.story = doc.get_value(schema::kStorySlot);
      if (request.collapse == Collapse::kStory) {
        hit.also = other_members(hit.story, hit.id);  // one read of the members list
        hit.story_size = hit.also.size() + 1;
      } else {
        hit.story_size = story_size(hit.story);
      }
      result.hits.push_back(std::move(hit));
    }
    if (!plan.built.suggestible.empty()) result.suggestion = suggest(request.query, plan);
    return result;
  }

  Plan plan_query(const SearchRequest& request, const RankedTermQueries& ranked) {
    Plan plan;
    plan.fields = keyword_fields();
    if (is_auto_language(request.language)) {
      // Every language of the archive, the most common one first; English for an empty one.
      const auto& languages = archive_languages();
      plan.analyzer = &analyzer_for(languages.empty() ? "en" : languages.front().first);
      for (std::size_t l = 1; l < languages.size(); ++l)
        plan.other_languages.push_back(&analyzer_for(languages[l].first));
    } else {
      plan.analyzer = &analyzer_for(request.language);
    }
    if (!request.query.empty()) parse_and_build(request, ranked, plan);
    if (!request.story_of.empty()) plan.story_of = story_of_article(request.story_of);
    if (!request.similar_to.empty()) {
      plan.similar_terms = similar_terms(request.similar_to);
      plan.built.ranked_terms.insert(plan.similar_terms.begin(), plan.similar_terms.end());
      for (const auto& term : plan.similar_terms) plan.built.phrase_only_terms.erase(term);
    }
    for (const auto& field : request.facets)
      plan.facets.push_back(facet_source(field, plan.fields));
    if (request.recency_halflife_days > 0)
      plan.newest_day =
          RecencyPostingSource::day_number(db_.get_value_upper_bound(schema::kDateSlot));
    return plan;
  }

  void parse_and_build(const SearchRequest& request, const RankedTermQueries& ranked, Plan& plan) {
    auto attempt = [&](bool lenient) {
      plan.lenient = lenient;
      plan.parsed =
          lenient ? QueryParser().parse_lenient(request.query) : QueryParser().parse(request.query);
      QueryBuilder builder(db_, QueryLanguages(db_, *plan.analyzer, plan.other_languages), folder_,
                           plan.fields, {request.match_all, request.title_weight, lenient}, ranked);
      plan.built = builder.build(*plan.parsed);
    };
    if (request.syntax != QuerySyntax::kAuto) {
      attempt(request.syntax == QuerySyntax::kLenient);
      return;
    }
    try {
      attempt(false);
    } catch (const QuerySyntaxError& strict) {
      // Cost limits and queries of no word fail leniently too, with the same message.
      attempt(true);
      plan.syntax_note = SyntaxNote{strict.what(), strict.position()};
    }
  }

  // The whole Xapian query, with posting sources of its own.
  Xapian::Query make_query(const Plan& plan, const SearchRequest& request,
                           const RankedTermQueries& ranked) {
    QueryBuilder builder(db_, QueryLanguages(db_, *plan.analyzer, plan.other_languages), folder_,
                         plan.fields, {request.match_all, request.title_weight, plan.lenient},
                         ranked);
    Xapian::Query query;
    if (plan.parsed) query = builder.build(*plan.parsed).query;
    if (!request.similar_to.empty()) {
      const Xapian::Query similar = similar_query(request.similar_to, plan.similar_terms, builder);
      query = query.empty() ? similar : Xapian::Query(Xapian::Query::OP_FILTER, similar, query);
    }
    if (!request.story_of.empty()) {
      const Xapian::Query story = plan.story_of.empty()
                                      ? Xapian::Query(schema::id_term(request.story_of))
                                      : story_filter(plan.story_of);
      query = query.empty() ? Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, story, 0)
                            : Xapian::Query(Xapian::Query::OP_FILTER, query, story);
    }
    if (!plan.expansion.empty()) {
      // The feedback words reweight the query's matches and add none: a filter, a phrase or
      // --match all still decides what matches.
      std::vector<Xapian::Query> feedback;
      for (const auto& [term, factor] : plan.expansion)
        feedback.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, builder.ranked_term(term), factor);
      query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                            Xapian::Query(Xapian::Query::OP_OR, feedback.begin(), feedback.end()));
    }
    if (plan.newest_day >= 0 && map_) {
      // A remote part cannot load RecencyPostingSource: each date value of the archive is
      // mapped to the weight that class gives it (Xapian's ValueMapPostingSource is built in).
      auto recency = std::make_unique<Xapian::ValueMapPostingSource>(schema::kDateSlot);
      for (const auto& value : date_values())
        recency->add_mapping(value, RecencyPostingSource::weight_of(value, plan.newest_day,
                                                                    request.recency_halflife_days,
                                                                    request.recency_weight));
      query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                            Xapian::Query(recency.release()->release()));
    } else if (plan.newest_day >= 0) {
      query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                            Xapian::Query(std::make_unique<RecencyPostingSource>(
                                              schema::kDateSlot, plan.newest_day,
                                              request.recency_halflife_days, request.recency_weight)
                                              .release()
                                              ->release()));
    }
    return query;
  }

  // How many parts to match the query in: one unless it has enough postings to keep several
  // threads busy for longer than handing the work over costs.
  std::size_t parts_for(const Plan& plan, bool count_all) {
    // A shard map's parts are matched by Xapian, the remote ones at once on their servers.
    if (map_ || thread_count_ <= 1 || db_.get_doccount() < options_.min_documents_for_parts)
      return 1;
    std::uint64_t postings = 0;
    for (const auto& term : plan.built.ranked_terms) postings += db_.get_termfreq(term);
    // Filters alone rank nothing: the page is the first matches in docid order, found at once.
    if (plan.built.ranked_terms.empty() && !count_all) return 1;
    if (count_all) postings = std::max<std::uint64_t>(postings, db_.get_doccount());
    if (postings < options_.min_postings_for_parts) return 1;
    if (!workers_) workers_ = std::make_unique<SearchWorkers>(path_, thread_count_ - 1);
    if (!workers_->sync_to(db_.get_revision())) throw Xapian::DatabaseModifiedError("parts");
    return workers_->size() + 1;
  }

  // The query matched in `parts` docid ranges at once, each on its own thread and handle, with
  // the whole database's statistics: each part's top `wanted` together hold the whole top
  // `wanted`, with the same scores, and merge into exactly the ranking one matcher gives.
  PartResult match_in_parts(std::size_t parts, const Plan& plan, const SearchRequest& request,
                            const RankedTermQueries& ranked, bool count_all,
                            Xapian::doccount first_wanted, Xapian::doccount wanted) {
    const Xapian::docid last = db_.get_lastdocid();
    std::vector<Xapian::Query> queries;
    std::vector<Xapian::doccount> check_at_least;
    for (std::size_t p = 0; p < parts; ++p) {
      const Xapian::docid first = static_cast<Xapian::docid>(last * p / parts) + 1;
      const Xapian::docid end = static_cast<Xapian::docid>(last * (p + 1) / parts);
      queries.push_back(Xapian::Query(
          Xapian::Query::OP_FILTER, make_query(plan, request, ranked),
          Xapian::Query(std::make_unique<DocidRangeSource>(first, end).release()->release())));
      check_at_least.push_back(count_all ? end - first + 1 : wanted);
    }
    std::vector<PartResult> results(parts);
    std::vector<std::function<void(const Xapian::Database&)>> tasks;
    for (std::size_t p = 1; p < parts; ++p)
      tasks.push_back([&, p](const Xapian::Database& db) {
        results[p] = match_part(db, queries[p], request, plan, 0, wanted, check_at_least[p]);
      });
    workers_->run(tasks, [&] {
      results[0] = match_part(db_, queries[0], request, plan, 0, wanted, check_at_least[0]);
    });
    PartResult merged = merge_parts(std::move(results), request, first_wanted, wanted);
    // Each part's bounds hold for its range only loosely (a filter term's count is the whole
    // database's); the whole query's own bounds, which Xapian gives without matching, narrow
    // them, and make them exact where one matcher's would be.
    if (!count_all) {
      Xapian::Enquire whole(db_);
      whole.set_query(make_query(plan, request, ranked));
      if (const auto slot = collapse_slot(request)) whole.set_collapse_key(*slot, 1);
      const Xapian::MSet bounds = whole.get_mset(0, 0, Xapian::doccount(0));
      const bool collapsed = collapse_slot(request).has_value();
      merged.lower = std::max<Xapian::doccount>(
          merged.lower, collapsed ? bounds.get_uncollapsed_matches_lower_bound()
                                  : bounds.get_matches_lower_bound());
      merged.upper = std::min<Xapian::doccount>(
          merged.upper, collapsed ? bounds.get_uncollapsed_matches_upper_bound()
                                  : bounds.get_matches_upper_bound());
      merged.upper = std::max(merged.upper, merged.lower);
      merged.estimated = std::clamp(merged.estimated, merged.lower, merged.upper);
    }
    return merged;
  }

  // A facet's counts over the matches: from the facet's in-memory table when the matches are a
  // good share of the database (it is built then, and kept for this revision), else by reading
  // just the matches' values.
  std::map<std::string, Xapian::doccount> count_facet(const FacetSource& src,
                                                      const std::vector<Xapian::docid>& docids) {
    auto table = facet_tables_.find(src.name);
    if (table == facet_tables_.end() && docids.size() * kFacetTableShare >= db_.get_doccount()) {
      table = facet_tables_
                  .emplace(src.name, src.slot
                                         ? FacetTable::from_values(db_, *src.slot, src.value_length)
                                         : FacetTable::from_terms(db_, src.term_prefix))
                  .first;
    }
    if (table != facet_tables_.end()) return table->second.count(docids);
    return src.slot ? count_values(db_, *src.slot, src.value_length, docids)
                    : count_prefixed_terms(db_, src.term_prefix, docids);
  }

  // The parts' rankings merged as one matcher orders them: by sort key when sorting (then by
  // relevance), by weight, then by docid; with collapsing, the best match of each key only.
  static PartResult merge_parts(std::vector<PartResult> parts, const SearchRequest& request,
                                Xapian::doccount first_wanted, Xapian::doccount wanted) {
    PartResult merged;
    for (auto& part : parts) {
      merged.lower += part.lower;
      merged.upper += part.upper;
      merged.estimated += part.estimated;
      for (auto& doc : part.docs) merged.docs.push_back(std::move(doc));
      // Parts are docid ranges in order: their matches concatenate in order.
      merged.matched.insert(merged.matched.end(), part.matched.begin(), part.matched.end());
    }
    const bool by_date = request.sort != SortOrder::kRelevance;
    const bool descending = request.sort == SortOrder::kDateDescending;
    std::sort(merged.docs.begin(), merged.docs.end(),
              [&](const MatchedDoc& a, const MatchedDoc& b) {
                if (by_date && a.sort_key != b.sort_key)
                  return descending ? a.sort_key > b.sort_key : a.sort_key < b.sort_key;
                if (a.weight != b.weight) return a.weight > b.weight;
                return a.docid < b.docid;
              });
    if (collapse_slot(request)) {  // stories are collapsed after the merge
      std::set<std::string, std::less<>> seen;
      std::erase_if(merged.docs, [&](const MatchedDoc& d) {
        return !d.collapse_key.empty() && !seen.insert(d.collapse_key).second;
      });
    }
    const std::size_t first = std::min<std::size_t>(first_wanted, merged.docs.size());
    const std::size_t end = std::min<std::size_t>(wanted, merged.docs.size());
    merged.docs = std::vector<MatchedDoc>(
        merged.docs.begin() + static_cast<std::ptrdiff_t>(first),
        merged.docs.begin() + static_cast<std::ptrdiff_t>(std::max(first, end)));
    return merged;
  }

  PartResult match_part(const Xapian::Database& db, const Xapian::Query& query,
                        const SearchRequest& request, const Plan& plan, Xapian::doccount first,
                        Xapian::doccount count, Xapian::doccount check_at_least) const {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(request.bm25.k1, 0, 1, request.bm25.b, 0.5));
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
    const auto collapse = xapian_collapse(request);
    if (collapse) enquire.set_collapse_key(collapse->first, collapse->second);
    // With facets, the matcher collects the docids of every match; counting comes after. A
    // shard map's remote parts cannot load MatchedDocids: Xapian's ValueCountMatchSpy counts
    // value facets there, and term facets are counted by a query each.
    MatchedDocids matched;
    std::vector<std::pair<const FacetSource*, std::unique_ptr<Xapian::ValueCountMatchSpy>>> spies;
    if (map_) {
      for (const auto& src : plan.facets) {
        if (!src.slot) continue;
        spies.emplace_back(&src, std::make_unique<Xapian::ValueCountMatchSpy>(*src.slot));
        enquire.add_matchspy(spies.back().second.get());
      }
    } else if (!plan.facets.empty()) {
      enquire.add_matchspy(&matched);
    }
    const Xapian::MSet mset = enquire.get_mset(first, count, check_at_least);
    PartResult part;
    const bool collapsed = collapse.has_value();
    part.estimated =
        collapsed ? mset.get_uncollapsed_matches_estimated() : mset.get_matches_estimated();
    part.lower =
        collapsed ? mset.get_uncollapsed_matches_lower_bound() : mset.get_matches_lower_bound();
    part.upper =
        collapsed ? mset.get_uncollapsed_matches_upper_bound() : mset.get_matches_upper_bound();
    if (collapsed && (map_ || request.exact_total || !plan.facets.empty())) {
      // Xapian's bounds on the uncollapsed matches stay loose even when it has seen every
      // match (4..20 for 4, against --exact-total's promise), and remote parts send back the
      // collapsed counts (3 for 2017): the same match without collapsing counts them. Not
      // for an estimate on one database: the second match costs a collapsed query about 20%.
      Xapian::Enquire uncollapsed(db);
      uncollapsed.set_query(query);
      uncollapsed.set_weighting_scheme(
          Xapian::BM25Weight(request.bm25.k1, 0, 1, request.bm25.b, 0.5));
      if (request.sort != SortOrder::kRelevance)
        uncollapsed.set_sort_by_value_then_relevance(schema::kDateSlot,
                                                     request.sort == SortOrder::kDateDescending);
      const Xapian::MSet counted = uncollapsed.get_mset(first, count, check_at_least);
      part.estimated = counted.get_matches_estimated();
      part.lower = counted.get_matches_lower_bound();
      part.upper = counted.get_matches_upper_bound();
    }
    for (auto it = mset.begin(); it != mset.end(); ++it)
      part.docs.push_back(
          {*it, it.get_weight(),
           request.sort == SortOrder::kRelevance ? std::string() : it.get_sort_key(),
           collapsed ? it.get_collapse_key() : std::string(), PositionalBonus::Bonus{}});
    if (map_) {
      for (const auto& [src, spy] : spies) {
        auto& counts = part.facet_counts[src->name];
        for (auto v = spy->values_begin(); v != spy->values_end(); ++v) {
          const std::string value = *v;
          counts[src->value_length ? value.substr(0, src->value_length) : value] +=
              v.get_termfreq();
        }
      }
      for (const auto& src : plan.facets)
        if (!src.slot) part.facet_counts[src.name] = count_terms(db, query, src.term_prefix);
    } else if (!plan.facets.empty()) {
      part.matched = matched.take();
    }
    return part;
  }

  // How many of the query's matches hold each term of `prefix` (a facet of terms on a shard
  // map: one exact count a term).
  static std::map<std::string, Xapian::doccount> count_terms(const Xapian::Database& db,
                                                             const Xapian::Query& query,
                                                             const std::string& prefix) {
    std::map<std::string, Xapian::doccount> counts;
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
      enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(*term)));
      const Xapian::MSet mset = enquire.get_mset(0, 0, db.get_doccount());
      if (mset.get_matches_estimated() > 0)
        counts[(*term).substr(prefix.size())] = mset.get_matches_estimated();
    }
    return counts;
  }

  // Every distinct date value of the archive (a shard map's recency ranking), read once per
  // revision.
  const std::vector<std::string>& date_values() {
    if (!date_values_) {
      Xapian::Enquire enquire(db_);
      enquire.set_query(Xapian::Query::MatchAll);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      Xapian::ValueCountMatchSpy spy(schema::kDateSlot);
      enquire.add_matchspy(&spy);
      enquire.get_mset(0, 0, db_.get_doccount());
      date_values_.emplace();
      for (auto v = spy.values_begin(); v != spy.values_end(); ++v) date_values_->push_back(*v);
    }
    return *date_values_;
  }

  // The terms whose positions a snippet reads (snippet() below).
  static std::vector<std::string> snippet_terms(const BuiltQuery& built) {
    std::vector<std::string> terms;
    for (const auto& term : built.ranked_terms)
      if (!built.phrase_only_terms.count(term)) terms.push_back(term);
    for (const auto& phrase : built.phrases)
      terms.insert(terms.end(), phrase.begin(), phrase.end());
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    return terms;
  }

  // A shard map with remote parts: the documents of the first `count` matches and the
  // positions of `terms` in them, read on several connections at once (ParallelReads) before
  // the re-ranking or the page reads them one by one.
  void prefetch(const std::vector<MatchedDoc>& docs, std::size_t count,
                const std::vector<std::string>& terms, PositionCache& positions) {
    if (!map_ || !has_remote_part()) return;
    std::vector<Xapian::docid> docids;
    for (std::size_t i = 0; i < std::min(count, docs.size()); ++i) docids.push_back(docs[i].docid);
    if (docids.empty()) return;
    if (!parallel_reads_) {
      std::vector<Xapian::Database> handles;
      for (std::size_t lane = 0; lane < std::max<std::size_t>(thread_count_, kMinReadLanes);
           ++lane) {
        Xapian::Database combined;
        for (const auto& part : parts_) combined.add_database(open_part(*part.entry));
        handles.push_back(combined);
      }
      parallel_reads_.emplace(std::move(handles));
    }
    parallel_reads_->fetch(docids, terms, documents_, positions);
  }

  bool has_remote_part() const {
    return std::any_of(parts_.begin(), parts_.end(),
                       [](const Part& p) { return p.entry->kind != ShardMapEntry::Kind::kLocal; });
  }

  // A match's document: read already by prefetch(), or now.
  Xapian::Document document(Xapian::docid docid) {
    if (const auto it = documents_.find(docid); it != documents_.end()) return it->second;
    return db_.get_document(docid);
  }

  // The passage of the body (or, when only the title matches, of the title) around the ranked
  // terms, located from the positions the index holds for them in this document.
  std::string snippet(Xapian::docid docid, const StoredRecord& record, const BuiltQuery& built,
                      std::size_t window_words, const SnippetBuilder::Style& style,
                      PositionCache& cache) {
    const WordMap& words = record.words;
    std::vector<TermMatch> in_title, in_body;
    auto add = [&](Xapian::termpos position, std::uint32_t term_number) {
      if (position >= words.body_first_position) {
        in_body.push_back({position - words.body_first_position, term_number});
      } else if (position >= 1) {
        in_title.push_back({position - 1, term_number});
      }
    };
    std::uint32_t term_number = 0;
    for (const auto& term : built.ranked_terms) {
      if (!built.phrase_only_terms.count(term))
        for (const Xapian::termpos p : cache.positions(docid, term)) add(p, term_number);
      ++term_number;
    }
    // A phrase is highlighted where its words follow one another, as the phrase matched.
    for (const auto& phrase : built.phrases) {
      std::vector<std::vector<Xapian::termpos>> positions;
      for (const auto& term : phrase) positions.push_back(cache.positions(docid, term));
      for (const Xapian::termpos start : positions[0]) {
        bool whole = true;
        for (std::size_t k = 1; k < phrase.size() && whole; ++k)
          whole = std::binary_search(positions[k].begin(), positions[k].end(),
                                     start + static_cast<Xapian::termpos>(k));
        if (!whole) continue;
        for (std::size_t k = 0; k < phrase.size(); ++k)
          add(start + static_cast<Xapian::termpos>(k), term_number + static_cast<std::uint32_t>(k));
      }
      term_number += static_cast<std::uint32_t>(phrase.size());
    }
    if (in_body.empty() && !in_title.empty())
      return SnippetBuilder::build(record.article.title, words.title, std::move(in_title),
                                   window_words, style);
    if (words.body.empty())
      return SnippetBuilder::build(record.article.title, words.title, {}, window_words, style);
    return SnippetBuilder::build(record.article.body, words.body, std::move(in_body), window_words,
                                 style);
  }

  // Each ranked term's weight for this document, computed as BM25Weight computes it from the
  // document's wdfs (one walk of its term list) and the collection's statistics, instead of a
  // query per term per hit: BM25 sums per-term parts, so these add up to the score.
  std::vector<TermContribution> explain(Xapian::docid docid, double score,
                                        const PositionalBonus::Bonus& bonus, const Plan& plan,
                                        const SearchRequest& request) {
    const BuiltQuery& built = plan.built;
    // Every term whose wdf is needed, sorted as the term list is.
    std::map<std::string, Xapian::termcount> wdfs;
    for (const auto& term : built.ranked_terms) {
      wdfs.emplace(term, 0);
      if (request.title_weight > 0) wdfs.emplace(std::string(schema::kTitlePrefix) + term, 0);
    }
    auto list = db_.termlist_begin(docid);
    for (auto& [term, wdf] : wdfs) {
      list.skip_to(term);
      if (list == db_.termlist_end(docid)) break;
      if (*list == term) wdf = list.get_wdf();
    }
    const Xapian::termcount length = db_.get_doclength(docid);
    auto stats_of = [&](const std::string& term) {
      Bm25TermStats stats;
      stats.collection_size = db_.get_doccount();
      stats.average_length = db_.get_avlength();
      stats.termfreq = db_.get_termfreq(term);
      return stats;
    };
    std::vector<TermContribution> parts;
    double explained = 0;
    for (const auto& term : built.ranked_terms) {
      const Xapian::termcount wdf = wdfs.at(term);
      double weight = bm25_document_part(request.bm25, stats_of(term), 1.0, wdf, length);
      Xapian::termcount title_wdf = 0;
      if (request.title_weight > 0) {
        const std::string title_term = std::string(schema::kTitlePrefix) + term;
        title_wdf = wdfs.at(title_term);
        weight += bm25_document_part(request.bm25, stats_of(title_term), request.title_weight,
                                     title_wdf, length);
      }
      if (wdf == 0 && title_wdf == 0) continue;  // not in this document
      parts.push_back({term, weight});
      explained += weight;
    }
    for (const auto& [name, weight] :
         {std::pair{"(lead)", bonus.lead}, std::pair{"(proximity)", bonus.proximity}}) {
      if (weight <= 0) continue;
      parts.push_back({name, weight});
      explained += weight;
    }
    std::sort(parts.begin(), parts.end(),
              [](const auto& a, const auto& b) { return a.weight > b.weight; });
    // What the terms' own BM25 does not account for: the feedback words of --expand, the
    // recency blend, the title parts of phrases.
    if (std::abs(score - explained) > 1e-9)
      parts.push_back(
          {plan.expansion.empty() ? "(other)" : "(expansion and other)", score - explained});
    return parts;
  }

  // The first `depth` matches (in ranking order) with their positional bonuses added, re-sorted
  // as the matcher orders them; the rest keep their order below them, which they stay in: a
  // bonus is never negative.
  static void rerank_by_position(std::vector<MatchedDoc>& docs, const PositionalBonus& positional,
                                 std::size_t depth, PositionCache& cache) {
    depth = std::min(depth, docs.size());
    std::vector<Xapian::docid> docids;
    for (std::size_t i = 0; i < depth; ++i) docids.push_back(docs[i].docid);
    const auto bonuses = positional.bonuses(docids, cache);
    for (std::size_t i = 0; i < depth; ++i) {
      docs[i].bonus = bonuses[i];
      docs[i].weight += bonuses[i].total();
    }
    std::stable_sort(docs.begin(), docs.begin() + static_cast<std::ptrdiff_t>(depth),
                     [](const MatchedDoc& a, const MatchedDoc& b) {
                       if (a.weight != b.weight) return a.weight > b.weight;
                       return a.docid < b.docid;
                     });
  }

  // RM3's relevance model of the query (Lavrenko and Croft; as Anserini builds it): over the
  // best expand_documents matches by BM25, each word's share of an article (wdf / length)
  // weighted by the article's share of their scores; the expand_terms largest, normalised to
  // sum 1, then scaled so that they weigh (1 - w) / w as much as the query's own words, w
  // being expand_original_weight.
  std::vector<std::pair<std::string, double>> feedback_terms(const Plan& plan,
                                                             const SearchRequest& request,
                                                             const RankedTermQueries& ranked) {
    if (!plan.parsed || plan.built.ranked_terms.empty() || request.expand_terms == 0) return {};
    if (!(request.expand_original_weight > 0 && request.expand_original_weight < 1))
      throw Error("the original query's weight in --expand must be above 0 and below 1");
    QueryBuilder builder(db_, QueryLanguages(db_, *plan.analyzer, plan.other_languages), folder_,
                         plan.fields, {request.match_all, request.title_weight, plan.lenient},
                         ranked);
    Xapian::Enquire enquire(db_);
    enquire.set_query(builder.build(*plan.parsed).query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(request.bm25.k1, 0, 1, request.bm25.b, 0.5));
    const Xapian::MSet top =
        enquire.get_mset(0, static_cast<Xapian::doccount>(request.expand_documents));
    double total = 0;
    for (auto it = top.begin(); it != top.end(); ++it) total += std::max(it.get_weight(), 0.0);
    if (total <= 0) return {};
    const WordTermDecider decider;
    std::map<std::string, double> model;
    for (auto it = top.begin(); it != top.end(); ++it) {
      const double share = std::max(it.get_weight(), 0.0) / total;
      const double length = lengths_ ? lengths_->length(*it) : db_.get_doclength(*it);
      if (share <= 0 || length <= 0) continue;
      for (auto t = db_.termlist_begin(*it); t != db_.termlist_end(*it); ++t) {
        const std::string term = *t;
        if (decider(term)) model[term] += share * t.get_wdf() / length;
      }
    }
    std::vector<std::pair<std::string, double>> terms(model.begin(), model.end());
    std::sort(terms.begin(), terms.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    const double max_frequency = kMaxExpansionTermShare * db_.get_doccount();
    std::vector<std::pair<std::string, double>> kept;
    double mass = 0;
    for (const auto& [term, p] : terms) {
      if (kept.size() == request.expand_terms) break;
      if (db_.get_termfreq(term) > max_frequency) continue;
      kept.emplace_back(term, p);
      mass += p;
    }
    // As Anserini weighs each of the query's words 1 / |q| before mixing.
    const double query_words = std::max<double>(
        1.0, static_cast<double>(plan.built.positional_words.size() + plan.built.phrases.size()));
    const double scale =
        (1 - request.expand_original_weight) / request.expand_original_weight * query_words / mass;
    for (auto& term : kept) term.second *= scale;
    return kept;
  }

  // The first (best) match of each story, in ranking order.
  void keep_best_of_each_story(std::vector<MatchedDoc>& docs) {
    if (map_) {  // Xapian collapsed on the story: the collapse key is the story
      std::unordered_set<std::string> seen_stories;
      std::erase_if(docs, [&](const MatchedDoc& d) {
        return !d.collapse_key.empty() && !seen_stories.insert(d.collapse_key).second;
      });
      return;
    }
    if (!story_keys_) story_keys_ = std::make_shared<const StoryKeyTable>(StoryKeyTable::load(db_));
    std::unordered_set<std::uint32_t> seen;
    std::erase_if(docs, [&](const MatchedDoc& d) {
      const std::uint32_t key = story_keys_->key(d.docid);
      return key != 0 && !seen.insert(key).second;
    });
  }

  // The story's articles other than `id`, by date (then id).
  std::vector<StoryMember> other_members(const std::string& story, const std::string& id) {
    std::vector<StoryMember> members;
    for (auto& m : story_members(story))
      if (m.id != id)
        members.push_back(
            {std::move(m.id), std::move(m.outlet), std::move(m.date), std::move(m.title)});
    std::sort(members.begin(), members.end(), [](const StoryMember& a, const StoryMember& b) {
      return a.date != b.date ? a.date < b.date : a.id < b.id;
    });
    return members;
  }

  // --story-of: the story of the article with this id (empty when it has no story value).
  std::string story_of_article(const std::string& id) {
    const std::string id_term = schema::id_term(id);
    auto posting = db_.postlist_begin(id_term);
    if (posting == db_.postlist_end(id_term))
      throw NotFoundError("no article with id '" + id + "'");
    return db_.get_document(*posting).get_value(schema::kStorySlot);
  }

  // The model article's most distinctive words, for --similar.
  std::vector<std::string> similar_terms(const std::string& id) {
    const std::string id_term = schema::id_term(id);
    auto posting = db_.postlist_begin(id_term);
    if (posting == db_.postlist_end(id_term))
      throw NotFoundError("no article with id '" + id + "'");
    Xapian::RSet rset;
    rset.add_document(*posting);
    Xapian::Enquire enquire(db_);
    const WordTermDecider decider;
    // Negative expand weights are kept: in a small index every shared term weighs below zero.
    // Exact frequencies: by default Xapian estimates a term's frequency in a database of
    // several parts from the part holding the model (a shard map chose other words).
    const Xapian::ESet eset =
        enquire.get_eset(kSimilarTerms, rset, Xapian::Enquire::USE_EXACT_TERMFREQ, &decider, -1e9);
    std::vector<std::string> terms;
    for (auto it = eset.begin(); it != eset.end(); ++it) terms.push_back(*it);
    if (terms.empty()) throw Error("article '" + id + "' has no words to compare");
    return terms;
  }

  Xapian::Query similar_query(const std::string& id, const std::vector<std::string>& terms,
                              const QueryBuilder& builder) {
    std::vector<Xapian::Query> parts;
    for (const auto& term : terms) parts.push_back(builder.ranked_term(term));
    return Xapian::Query(Xapian::Query::OP_AND_NOT,
                         Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end()),
                         Xapian::Query(schema::id_term(id)));
  }

  // The query with each unknown or rare word (BuiltQuery::suggestible: not field values, not
  // numbers, not words of scripts without case) replaced by its closest frequent word of the
  // archive.
  std::string suggest(const std::string& query, const Plan& plan) {
    // Built on the first suggestion a revision needs, kept until the database changes. A
    // damaged word table costs the suggestion, not the search.
    try {
      if (!suggester_) {
        if (map_)
          suggester_.emplace(merged_word_counts(part_handles()));
        else
          suggester_.emplace(db_);
      }
    } catch (const DatabaseError&) {
      return {};
    }
    SpellingSuggester& suggester = *suggester_;
    // A suggestion must still find something in some query language.
    const auto indexed = [&](const std::string& word) {
      if (db_.get_termfreq(plan.analyzer->stem_folded(word)) > 0) return true;
      for (Analyzer* other : plan.other_languages)
        if (db_.get_termfreq(other->stem_folded(word)) > 0) return true;
      return false;
    };
    std::string corrected;
    std::size_t cursor = 0;
    bool changed = false;
    plan.analyzer->analyze(query, 1, [&](const AnalyzedTerm& t) {
      if (t.joined || !t.letters) return;
      const std::string folded(t.folded);  // stem_folded() below reuses the buffer t points into
      if (!plan.built.suggestible.count(folded)) return;
      const std::size_t begin = t.begin, end = t.end;
      const std::string replacement = suggester.suggest(folded, indexed);
      if (replacement.empty()) return;
      corrected.append(query, cursor, begin - cursor);
      corrected += replacement;
      cursor = end;
      changed = true;
    });
    if (!changed) return {};
    corrected.append(query, cursor);
    return corrected;
  }

  // What is kept per revision of the database (the document length table, facet tables),
  // dropped and reloaded when a search sees a newer one.
  void refresh_revision_caches() {
    std::string state;
    if (map_) {
      // Xapian gives no revision of a database in parts: each part's counts stand for it.
      for (const auto& part : parts_)
        state += std::to_string(part.db.get_doccount()) + ':' +
                 std::to_string(part.db.get_lastdocid()) + ':' +
                 std::to_string(part.db.get_avlength()) + ' ';
    } else {
      state = DocLengthTable::state_of(db_);
    }
    if (state == cache_state_) return;
    cache_state_ = state;
    facet_tables_.clear();
    suggester_.reset();
    languages_.reset();
    lengths_ = nullptr;
    body_starts_ = nullptr;
    story_keys_ = nullptr;
    date_values_.reset();
    if (map_ || db_.size() != 1) return;  // a table describes one database's docids
    if (auto table = DocLengthTable::load(db_))
      lengths_ = std::make_shared<const DocLengthTable>(std::move(*table));
  }

  // The body start of every article, read by the first query that gives a lead bonus.
  std::shared_ptr<const BodyStartTable> body_starts() {
    if (!body_starts_)
      body_starts_ = std::make_shared<const BodyStartTable>(
          map_ ? BodyStartTable::per_document([this](Xapian::docid docid) {
            return document(docid).get_value(schema::kBodyStartSlot);
          })
               : BodyStartTable::load(db_));
    return body_starts_;
  }

  // The archive's languages (codes, as the language terms hold them) with their article
  // counts, most articles first.
  const std::vector<std::pair<std::string, Xapian::doccount>>& archive_languages() {
    if (languages_) return *languages_;
    languages_.emplace();
    const std::string prefix(schema::kLanguagePrefix);
    for (auto it = db_.allterms_begin(prefix); it != db_.allterms_end(prefix); ++it)
      languages_->emplace_back((*it).substr(prefix.size()), it.get_termfreq());
    std::stable_sort(languages_->begin(), languages_->end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    return *languages_;
  }

  // One analyzer per query language, made on first use.
  Analyzer& analyzer_for(const std::string& language) {
    auto it = analyzers_.find(language);
    if (it == analyzers_.end()) it = analyzers_.emplace(language, Analyzer(language)).first;
    return it->second;
  }

  // A part of a shard map that answered: its line and its own handle (for its metadata).
  struct Part {
    const ShardMapEntry* entry;
    Xapian::Database db;
  };

  std::string path_;
  std::optional<ShardMap> map_;       // set when path_ is a shard map
  std::vector<Part> parts_;           // the map's parts that answered, in its order
  std::vector<std::string> missing_;  // lines of the parts that did not (allow_partial)
  std::chrono::steady_clock::time_point missing_since_;
  Xapian::Database db_;
  std::map<std::string, Analyzer> analyzers_;
  Analyzer folder_;  // no stemming: wildcard prefixes
  RecordDecompressor records_;
  std::shared_ptr<const DocLengthTable> lengths_;
  std::shared_ptr<const BodyStartTable> body_starts_;  // loaded on first use
  std::shared_ptr<const StoryKeyTable> story_keys_;    // loaded by the first story collapse
  std::string cache_state_;                         // the revision it and the facet tables are for
  std::map<std::string, FacetTable> facet_tables_;  // by facet name
  std::optional<SpellingSuggester> suggester_;
  std::optional<std::vector<std::pair<std::string, Xapian::doccount>>> languages_;
  std::optional<std::vector<std::string>> date_values_;  // a shard map's recency, per revision
  std::optional<ParallelReads> parallel_reads_;  // a shard map's extra connections, on first use
  std::unordered_map<Xapian::docid, Xapian::Document> documents_;  // this search's, prefetched
  SearcherOptions options_;
  std::size_t thread_count_;
  std::unique_ptr<SearchWorkers> workers_;  // started by the first query worth matching in parts
  // A read failed: the handles may hold a block the writer has since reused.
  bool handle_suspect_ = false;
};

Searcher::Searcher(const std::string& db_path) : Searcher(db_path, SearcherOptions{}) {}
Searcher::Searcher(const std::string& db_path, const SearcherOptions& options)
    : impl_(std::make_unique<Impl>(db_path, options)) {}
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
