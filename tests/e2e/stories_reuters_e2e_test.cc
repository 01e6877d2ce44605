// End-to-end over Reuters-21578 with the seed articles: stories are the same for any --jobs,
// and the seed event's story gains no Reuters article. Slow (two builds of the corpus).
#include <gtest/gtest.h>

#include <xapian.h>

#include <map>
#include <set>
#include <string>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

const std::string kCorpus =
    std::string(NEWSDEX_SOURCE_DIR) + "/corpora/reuters21578/reuters21578.jsonl.gz";
const std::string kSeeds = std::string(NEWSDEX_SOURCE_DIR) + "/corpora/seeds";
constexpr unsigned kStorySlot = 5;  // schema::kStorySlot

// Docid -> story value, for every document.
std::map<Xapian::docid, std::string> story_values(const std::filesystem::path& db) {
  Xapian::Database database(db.string());
  std::map<Xapian::docid, std::string> out;
  for (auto it = database.valuestream_begin(kStorySlot); it != database.valuestream_end(kStorySlot);
       ++it)
    out[it.get_docid()] = *it;
  EXPECT_EQ(out.size(), database.get_doccount()) << "every article has a story";
  return out;
}

TEST(StoriesReuters, OneJobAndTwoJobsGiveTheSameStoriesAndTheSeedsStayAmongThemselves) {
  TempDir dir;
  for (const std::string jobs : {"1", "2"}) {
    const auto run = run_command(
        NEWSDEX_INDEX_BIN,
        {"--quiet", "--jobs", jobs, "--db", (dir.path() / jobs).string(), kCorpus, kSeeds});
    ASSERT_EQ(run.exit_code, 0) << run.err;
  }
  const auto one = story_values(dir.path() / "1");
  const auto two = story_values(dir.path() / "2");
  EXPECT_EQ(one, two);
  std::map<std::string, std::size_t> sizes;
  for (const auto& [docid, story] : one) ++sizes[story];
  std::size_t in_stories = 0;
  for (const auto& [story, size] : sizes)
    if (size > 1) in_stories += size;
  // Reuters has its repeats, corrections and follow-ups; most articles are a story of their own.
  EXPECT_GT(in_stories, 1000u);
  EXPECT_LT(in_stories, one.size() / 2);

  const auto q = query_json(dir.path() / "2", "", {"--story-of", "seed-001"});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_EQ(ids(q), (std::set<std::string>{"seed-000", "seed-001", "seed-002"}));
  const auto collapsed =
      query_json(dir.path() / "2", "cyberattack Albania", {"--collapse", "story", "--limit", "3"});
  ASSERT_FALSE(collapsed.hits.empty());
  EXPECT_EQ(collapsed.hits[0].also.size(), 2u);
  EXPECT_EQ(collapsed.hits[0].story_size, 3u);
}

}  // namespace
}  // namespace newsdex::test
