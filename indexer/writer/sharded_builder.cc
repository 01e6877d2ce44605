#include "writer/sharded_builder.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string_view>
#include <utility>

#include <sys/resource.h>

#include "extract/language_detector.h"
#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "newsdex/stored_article.h"
#include "newsdex/story_table.h"
#include "writer/document_builder.h"
#include "writer/write_failure.h"

namespace newsdex {
namespace {

namespace fs = std::filesystem;

// One compaction of every shard reads each posting once; merging groups first (tiers) reads it
// twice. Reuters ×5 (108 shards), two jobs: groups of 32 took 3.8 s to merge, one merge 2.9 s.
// Bounds: each open shard holds three files (postlist, termlist, position), and some memory
// for its cursors.
constexpr std::size_t kFilesPerShard = 3;
constexpr std::size_t kMinMergeFanIn = 8;
constexpr std::size_t kMaxMergeFanIn = 256;

// As many shards as half the open-file limit allows (the other half is for everything else),
// but at least kMinMergeFanIn.
std::size_t default_merge_fan_in() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
    return kMaxMergeFanIn;
  return std::clamp<std::size_t>(limit.rlim_cur / 2 / kFilesPerShard, kMinMergeFanIn,
                                 kMaxMergeFanIn);
}

// Chunks waiting for a worker, per worker: enough to keep workers busy while the reader parses,
// few enough to keep the memory they hold small.
constexpr std::size_t kQueuedChunksPerJob = 2;

std::string shard_name(std::size_t tier, Xapian::docid first) {
  char name[32];
  std::snprintf(name, sizeof name, "t%zu-%010u", tier, first);
  return name;
}

void compact_into(const std::vector<fs::path>& sources, const fs::path& output) {
  Xapian::Database combined;
  for (const auto& source : sources) combined.add_database(Xapian::Database(source.string()));
  // Ids are the articles' numbers already, and the shards hold consecutive ranges of them.
  combined.compact(output.string(), Xapian::DBCOMPACT_NO_RENUMBER);
}

// Marks a work folder as this builder's: only a folder holding it is ever emptied.
constexpr std::string_view kWorkDirMarker = "NEWSDEX_BUILD_IN_PROGRESS";

// Creates the work folder. One left by a killed build (it holds the marker) is cleared first;
// anything else at the path belongs to someone else and is left alone.
void claim_work_dir(const fs::path& dir) {
  std::error_code ec;
  if (fs::exists(fs::symlink_status(dir, ec))) {
    if (!fs::is_directory(fs::symlink_status(dir, ec)) || !fs::exists(dir / kWorkDirMarker, ec))
      throw DatabaseError(dir.string() +
                          " exists and was not made by newsdex (a new database is built in a "
                          "folder of that name): move it away and run again");
    fs::remove_all(dir, ec);
    if (ec) throw DatabaseError("cannot clear " + dir.string() + ": " + ec.message());
  }
  fs::create_directories(dir, ec);
  if (ec) throw DatabaseError("cannot create " + dir.string() + ": " + ec.message());
  std::ofstream marker(dir / kWorkDirMarker);
  marker << "scratch space of a newsdex-index build; removed when it ends\n";
  if (!marker) throw DatabaseError("cannot write in " + dir.string());
}

std::string build_failure(const std::string& what, const Xapian::Error& e) {
  std::string message = what + ": " + e.get_description();
  if (is_disk_full(e))
    message +=
        ". The disk is full: the new database was not built (its scratch space is "
        "removed). Free disk space and run the same command again.";
  return message;
}

}  // namespace

ShardedBuilder::ShardedBuilder(Options options)
    : options_(std::move(options)), stories_(options_.stories) {
  options_.jobs = std::max<std::size_t>(options_.jobs, 1);
  options_.chunk_articles = std::max<std::size_t>(options_.chunk_articles, 1);
  options_.merge_fan_in = options_.merge_fan_in ? std::max<std::size_t>(options_.merge_fan_in, 2)
                                                : default_merge_fan_in();
  claim_work_dir(options_.work_dir);
  for (std::size_t i = 0; i < options_.jobs; ++i) workers_.emplace_back([this] { work(); });
}

ShardedBuilder::~ShardedBuilder() {
  {
    // Unwinding after a failure: what is still queued would be built for nothing.
    std::lock_guard lock(mutex_);
    queue_.clear();
  }
  stop_workers();
  std::error_code ec;
  fs::remove_all(options_.work_dir, ec);
}

Xapian::docid ShardedBuilder::add(Article article, std::string stored, std::string content_hash) {
  rethrow_failure();
  if (pending_.items.empty()) pending_.first_docid = next_docid_;
  pending_bytes_ += article.title.size() + article.body.size() + stored.size();
  pending_.items.push_back({std::move(article), std::move(stored), std::move(content_hash)});
  if (pending_.items.size() >= options_.chunk_articles ||
      pending_bytes_ >= options_.chunk_text_bytes)
    flush_chunk();
  return next_docid_++;
}

void ShardedBuilder::flush_chunk() {
  if (pending_.items.empty()) return;
  std::unique_lock lock(mutex_);
  queue_changed_.wait(lock, [&] {
    return queue_.size() < kQueuedChunksPerJob * options_.jobs || failure_ != nullptr;
  });
  if (failure_) std::rethrow_exception(failure_);
  queue_.push_back(std::move(pending_));
  queue_changed_.notify_all();
  pending_ = Chunk{};
  pending_bytes_ = 0;
}

void ShardedBuilder::work() {
  try {
    // One builder per worker: its analyzers' stem caches keep the common words from chunk to
    // chunk. (With std::unordered_map as the cache this was 5% slower than a builder per
    // chunk; with StemCache it is 3% faster.)
    DocumentBuilder builder(options_.default_language, options_.stories.enabled);
    SpellingCounts spelling;
    for (;;) {
      Chunk chunk;
      {
        std::unique_lock lock(mutex_);
        queue_changed_.wait(lock, [&] { return !queue_.empty() || closing_; });
        if (queue_.empty()) {
          spelling_.merge(std::move(spelling));
          return;
        }
        chunk = std::move(queue_.front());
        queue_.pop_front();
        queue_changed_.notify_all();
      }
      build_shard(chunk, builder, spelling);
    }
  } catch (...) {
    std::lock_guard lock(mutex_);
    if (!failure_) failure_ = std::current_exception();
    queue_changed_.notify_all();
  }
}

void ShardedBuilder::build_shard(Chunk& chunk, DocumentBuilder& builder, SpellingCounts& spelling) {
  const fs::path path = options_.work_dir / shard_name(0, chunk.first_docid);
  struct StoryArticle {
    StoryTable::Member card;
    std::optional<int> day;
    std::string founding;
    StoryFeatures features;
  };
  std::vector<StoryArticle> story_articles;
  story_articles.reserve(chunk.items.size());
  try {
    // No fsync: a shard is scratch until the merged result is swapped in.
    Xapian::WritableDatabase shard(path.string(), Xapian::DB_CREATE_OR_OVERWRITE |
                                                      Xapian::DB_BACKEND_GLASS |
                                                      Xapian::DB_NO_SYNC);
    Xapian::docid docid = chunk.first_docid;
    for (auto& item : chunk.items) {
      if (item.article.language.empty()) {
        item.article.language = LanguageDetector::unstated_language(
            item.article.title, item.article.body, options_.detect_language,
            options_.default_language);
        item.stored = encode_stored_article(item.article);
      }
      const Xapian::Document document = builder.build(item.article, item.stored, item.content_hash);
      story_articles.push_back(
          {{docid, item.article.id, item.article.outlet, item.article.date, item.article.title},
           StoryTable::day_number(document.get_value(schema::kDateSlot)),
           document.get_value(schema::kStorySlot),
           builder.story_features()});
      shard.replace_document(docid++, document);
      spelling.add(builder.spelling_words());
      built_.fetch_add(1, std::memory_order_relaxed);
      if (builder.overlong_words() > 0) {
        std::lock_guard lock(mutex_);
        problems_.push_back({item.article.origin, overlong_words_warning(builder.overlong_words()),
                             ProblemKind::kWarning});
      }
      item = Item{};  // free the text as soon as it is in Xapian's buffer
    }
    shard.commit();
    shard.close();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(build_failure("cannot write shard " + path.string(), e));
  }
  std::lock_guard lock(mutex_);
  shards_.push_back({chunk.first_docid, path});
  if (options_.stories.enabled)
    for (auto& a : story_articles)
      stories_.add(std::move(a.card), a.day, std::move(a.founding), std::move(a.features));
}

std::vector<InputProblem> ShardedBuilder::take_problems() {
  std::lock_guard lock(mutex_);
  return std::exchange(problems_, {});
}

void ShardedBuilder::stop_workers() {
  {
    std::lock_guard lock(mutex_);
    closing_ = true;
    queue_changed_.notify_all();
  }
  for (auto& worker : workers_)
    if (worker.joinable()) worker.join();
}

void ShardedBuilder::rethrow_failure() {
  std::lock_guard lock(mutex_);
  if (failure_) std::rethrow_exception(failure_);
}

std::vector<ShardedBuilder::Shard> ShardedBuilder::merge_tier(std::vector<Shard> shards,
                                                              std::size_t tier) {
  // Groups merge `jobs` at a time; together they open at most merge_fan_in shards, the budget
  // of open files a single merge has.
  const std::size_t group_size = std::max<std::size_t>(options_.merge_fan_in / options_.jobs, 2);
  std::vector<Shard> merged((shards.size() + group_size - 1) / group_size);
  std::vector<std::exception_ptr> failures(merged.size());
  const auto merge_group = [&](std::size_t group) {
    try {
      const std::size_t begin = group * group_size;
      const std::size_t end = std::min(shards.size(), begin + group_size);
      std::vector<fs::path> sources;
      for (std::size_t i = begin; i < end; ++i) sources.push_back(shards[i].path);
      merged[group] = {shards[begin].first_docid,
                       options_.work_dir / shard_name(tier, shards[begin].first_docid)};
      compact_into(sources, merged[group].path);
      for (const auto& source : sources) fs::remove_all(source);
    } catch (...) {
      failures[group] = std::current_exception();
    }
  };
  for (std::size_t first = 0; first < merged.size(); first += options_.jobs) {
    std::vector<std::jthread> threads;
    for (std::size_t g = first; g < std::min(merged.size(), first + options_.jobs); ++g)
      threads.emplace_back(merge_group, g);
  }
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
  return merged;
}

void ShardedBuilder::write_story_values(const std::vector<Shard>& shards,
                                        const StoryAssigner::StoryChanges& stories) {
  // Each shard is small: rewriting values there touches few blocks, where the merged database
  // would rewrite most of its value chunks (a document's values are written together, the
  // stored record among them). Shards go to the threads in turn.
  std::vector<std::exception_ptr> failures(options_.jobs);
  {
    std::vector<std::jthread> threads;
    for (std::size_t t = 0; t < options_.jobs; ++t)
      threads.emplace_back([&, t] {
        try {
          for (std::size_t s = t; s < shards.size(); s += options_.jobs) {
            const Xapian::docid first = shards[s].first_docid;
            const Xapian::docid last =
                s + 1 < shards.size() ? shards[s + 1].first_docid - 1 : next_docid_ - 1;
            const auto from = stories.stories.lower_bound(first);
            if (from == stories.stories.end() || from->first > last) continue;
            Xapian::WritableDatabase shard(shards[s].path.string(),
                                           Xapian::DB_OPEN | Xapian::DB_NO_SYNC);
            StoryAssigner::write_values(shard, stories, first, last);
            shard.commit();
          }
        } catch (...) {
          failures[t] = std::current_exception();
        }
      });
  }
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
}

void ShardedBuilder::finish_building() {
  flush_chunk();
  stop_workers();
  rethrow_failure();
}

fs::path ShardedBuilder::finish() {
  const fs::path output = options_.work_dir / "merged";
  finish_building();
  std::vector<Shard> shards = std::move(shards_);
  std::sort(shards.begin(), shards.end(),
            [](const Shard& a, const Shard& b) { return a.first_docid < b.first_docid; });
  try {
    // The batch is the whole archive: its own term counts are the document frequencies.
    stories_.forget(superseded_);
    const auto stories = stories_.plan(nullptr, {}, added() - superseded_.size());
    write_story_values(shards, stories);
    for (std::size_t tier = 1; shards.size() > options_.merge_fan_in; ++tier)
      shards = merge_tier(std::move(shards), tier);
    std::vector<fs::path> sources;
    for (const auto& shard : shards) sources.push_back(shard.path);
    if (sources.empty()) {
      Xapian::WritableDatabase(output.string(), Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
    } else {
      compact_into(sources, output);
    }
    Xapian::WritableDatabase result(output.string(), Xapian::DB_OPEN);
    for (const auto docid : superseded_) result.delete_document(docid);
    StoryAssigner::write_tables(result, stories);
    spelling_.write_to(result);
    result.commit();
  } catch (const Xapian::Error& e) {
    throw DatabaseError(build_failure("cannot merge shards into " + output.string(), e));
  } catch (const fs::filesystem_error& e) {
    throw DatabaseError(std::string("cannot merge shards: ") + e.what());
  }
  return output;
}

}  // namespace newsdex
