#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <xapian.h>

#include "writer/spelling_counts.h"
#include "writer/story_assigner.h"

#include "newsdex/article.h"
#include "newsdex/index_job.h"

namespace newsdex {

class DocumentBuilder;

// Builds a new database on N threads. Articles arrive in input order and are numbered: an
// article's document id is its number, in every run and for every N, so a build with one job
// and a build with four give the same documents under the same ids. The stream is cut into
// chunks of consecutive ids; each chunk becomes a small Glass shard of its own, filled by one of
// the worker threads. Small shards are the speed lever: Xapian's cost per posting grows with
// the size of its in-memory buffer, so many small buffers are much cheaper than one big one.
// finish() merges the shards with one Xapian compaction, keeping the ids; when there are more
// shards than Options::merge_fan_in, consecutive ones are first merged in groups (tiers).
//
// Nothing here touches the target database: the caller swaps the merged result in, which is
// what makes a build safe to kill at any moment.
class ShardedBuilder {
 public:
  struct Options {
    std::filesystem::path work_dir;  // created; removed with everything in it by the destructor
    std::size_t jobs = 1;
    std::string default_language = "english";
    // Articles that state no language are detected (LanguageDetector), on the workers.
    bool detect_language = true;
    std::size_t chunk_articles = 1000;
    std::size_t chunk_text_bytes = 16u << 20;
    // The most shards open at once while merging (more are merged in groups first, `jobs`
    // groups at a time, sharing this budget); 0: as many as half the process's open-file limit
    // allows, at least 8 and at most 256.
    std::size_t merge_fan_in = 0;
    StoryOptions stories;
  };

  explicit ShardedBuilder(Options options);
  ~ShardedBuilder();
  ShardedBuilder(const ShardedBuilder&) = delete;
  ShardedBuilder& operator=(const ShardedBuilder&) = delete;

  // Queues an article (blocking while the workers are behind) and returns its document id.
  // Rethrows a worker's failure.
  Xapian::docid add(Article article, std::string stored, std::string content_hash);
  // The article with this id was replaced by a later one of the same run: it is left out of
  // the result.
  void supersede(Xapian::docid docid) { superseded_.push_back(docid); }
  // Articles queued so far.
  std::size_t added() const { return next_docid_ - 1; }
  // Articles queued and not yet in a shard: the workers can be thousands behind the reader.
  std::size_t pending() const { return added() - built_.load(std::memory_order_relaxed); }
  std::size_t jobs() const { return options_.jobs; }
  // Warnings the workers found while building (words too long to index), since the last call.
  std::vector<InputProblem> take_problems();
  // Queues what is pending and waits until every shard is built. Rethrows a worker's failure.
  void finish_building();
  // finish_building(), then merges every shard into a new database inside the work folder;
  // returns its path (move it away before this object goes). Throws DatabaseError.
  std::filesystem::path finish();

 private:
  struct Item {
    Article article;
    std::string stored;
    std::string content_hash;
  };
  struct Chunk {
    Xapian::docid first_docid = 0;
    std::vector<Item> items;
  };
  struct Shard {
    Xapian::docid first_docid = 0;
    std::filesystem::path path;
  };

  void flush_chunk();
  void work();
  void build_shard(Chunk& chunk, DocumentBuilder& builder, SpellingCounts& spelling);
  void stop_workers();
  void rethrow_failure();
  std::vector<Shard> merge_tier(std::vector<Shard> shards, std::size_t tier);
  // Puts the planned story values into the level-0 shards (sorted by first docid).
  void write_story_values(const std::vector<Shard>& shards,
                          const StoryAssigner::StoryChanges& stories);

  Options options_;
  Xapian::docid next_docid_ = 1;
  Chunk pending_;
  std::size_t pending_bytes_ = 0;
  std::vector<Xapian::docid> superseded_;

  std::mutex mutex_;
  std::condition_variable queue_changed_;
  std::deque<Chunk> queue_;
  bool closing_ = false;
  std::exception_ptr failure_;
  std::vector<InputProblem> problems_;
  SpellingCounts spelling_;  // the workers' counts, merged as each one ends (guarded by mutex_)
  StoryAssigner stories_;    // the workers' articles, assigned after the merge (guarded by mutex_)
  std::vector<Shard> shards_;
  std::vector<std::jthread> workers_;
  std::atomic<std::size_t> built_ = 0;
};

}  // namespace newsdex
