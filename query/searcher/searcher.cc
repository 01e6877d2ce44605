#include "newsdex/searcher.h"

#include <set>
#include <vector>

#include <xapian.h>

#include "newsdex/analyzer.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "newsdex/stored_article.h"
#include "searcher/snippet_builder.h"

namespace newsdex {
namespace {

// Lucene's and most IR literature's BM25 defaults, instead of Xapian's k1 = 1, b = 0.5.
constexpr double kBm25K1 = 1.2;
constexpr double kBm25B = 0.75;

// Ranks beyond this are estimated rather than counted.
constexpr Xapian::doccount kCheckAtLeast = 1000;

// A search that keeps losing the race with the indexer's commits gives up after this many tries.
constexpr int kReopenAttempts = 5;

Xapian::Database open_database(const std::string& path) {
  Xapian::Database db;
  try {
    db = Xapian::Database(path, Xapian::DB_BACKEND_GLASS);
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
                            ? "database " + path + " was not built by newsdex"
                            : "database " + path + " has schema version " + version +
                                  ", this newsdex reads version " +
                                  std::to_string(schema::kSchemaVersion) + ": re-index it");
  }
  return db;
}

}  // namespace

class Searcher::Impl {
 public:
  explicit Impl(const std::string& path) : db_(open_database(path)), analyzer_("english") {}

  SearchResult search(const SearchRequest& request) {
    std::vector<std::string> terms;
    analyzer_.analyze(request.query, 1, [&](const AnalyzedTerm& t) { terms.emplace_back(t.term); });
    if (terms.empty()) throw QuerySyntaxError("the query has no searchable word", 0);
    const std::set<std::string, std::less<>> unique(terms.begin(), terms.end());
    const Xapian::Query query(request.match_all ? Xapian::Query::OP_AND : Xapian::Query::OP_OR,
                              unique.begin(), unique.end());

    for (int attempt = 1;; ++attempt) {
      try {
        return run(request, query, unique);
      } catch (const Xapian::DatabaseModifiedError&) {
        if (attempt == kReopenAttempts) throw DatabaseError("database keeps changing; try again");
        db_.reopen();
      } catch (const Xapian::Error& e) {
        throw DatabaseError("search failed: " + e.get_description());
      }
    }
  }

  std::uint64_t document_count() const { return db_.get_doccount(); }

 private:
  SearchResult run(const SearchRequest& request, const Xapian::Query& query,
                   const std::set<std::string, std::less<>>& terms) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight(kBm25K1, 0, 1, kBm25B, 0.5));
    const auto limit = static_cast<Xapian::doccount>(request.limit);
    const auto offset = static_cast<Xapian::doccount>(request.offset);
    const Xapian::MSet mset = enquire.get_mset(offset, limit, kCheckAtLeast);

    SearchResult result;
    result.query = request.query;
    result.total = mset.get_matches_estimated();
    result.total_lower = mset.get_matches_lower_bound();
    result.total_upper = mset.get_matches_upper_bound();
    SnippetBuilder snippets(analyzer_);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Article article = decode_stored_article(it.get_document().get_data());
      SearchHit hit;
      hit.rank =
          request.offset + static_cast<std::size_t>(it.get_rank() - mset.get_firstitem()) + 1;
      hit.score = it.get_weight();
      hit.snippet = snippets.build(article.body, terms, request.snippet_words,
                                   request.highlight_open, request.highlight_close);
      hit.id = std::move(article.id);
      hit.title = std::move(article.title);
      hit.outlet = std::move(article.outlet);
      hit.date = std::move(article.date);
      hit.url = std::move(article.url);
      result.hits.push_back(std::move(hit));
    }
    return result;
  }

  Xapian::Database db_;
  Analyzer analyzer_;
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
