// End-to-end: story assignment (docs/stories.md) through the real binaries. The seed articles
// are one event reported by three outlets; corpora/stories adds a fourth report a day later.
#include <gtest/gtest.h>

#include <xapian.h>

#include <fstream>
#include <map>
#include <set>
#include <string>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

const std::string kSeeds = std::string(NEWSDEX_SOURCE_DIR) + "/corpora/seeds";
const std::string kFourthReport =
    std::string(NEWSDEX_SOURCE_DIR) + "/corpora/stories/albania-fourth-report.jsonl";
constexpr unsigned kStorySlot = 5;  // schema::kStorySlot, read as an outside program would

void index(const std::filesystem::path& db, const std::vector<std::string>& inputs,
           const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args = {"--db", db.string()};
  args.insert(args.end(), extra.begin(), extra.end());
  args.insert(args.end(), inputs.begin(), inputs.end());
  const auto run = run_command(NEWSDEX_INDEX_BIN, args);
  ASSERT_EQ(run.exit_code, 0) << run.err;
}

// Article id -> story, from the hits of one query matching everything asked for.
std::map<std::string, std::string> stories(const std::filesystem::path& db,
                                           const std::string& query) {
  const auto q = query_json(db, query, {"--limit", "100"});
  EXPECT_EQ(q.exit_code, 0) << q.err;
  std::map<std::string, std::string> out;
  for (const auto& h : q.hits) out[h.id] = h.story;
  return out;
}

TEST(Stories, TheThreeSeedReportsAreOneStory) {
  TempDir dir;
  index(dir.path() / "db", {kSeeds});
  const auto q = query_json(dir.path() / "db", "cyberattack Albania");
  ASSERT_EQ(q.hits.size(), 3u);
  for (const auto& h : q.hits) {
    EXPECT_EQ(h.story.size(), 16u) << h.id;
    EXPECT_EQ(h.story, q.hits[0].story) << h.id;
    EXPECT_EQ(h.story_size, 3u) << h.id;
    EXPECT_TRUE(h.also.empty()) << "not collapsing: no other members listed";
  }
}

TEST(Stories, CollapsingByStoryGivesOneHitListingTheOtherOutlets) {
  TempDir dir;
  index(dir.path() / "db", {kSeeds});
  const auto q = query_json(dir.path() / "db", "cyberattack Albania", {"--collapse", "story"});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  ASSERT_EQ(q.hits.size(), 1u);
  const auto& hit = q.hits[0];
  std::set<std::string> outlets = {hit.outlet};
  for (const auto& m : hit.also) {
    outlets.insert(m.outlet);
    EXPECT_NE(m.id, hit.id);
    EXPECT_EQ(m.date.substr(0, 10), "2022-09-08");
    EXPECT_FALSE(m.title.empty());
  }
  EXPECT_EQ(hit.also.size(), 2u);
  EXPECT_EQ(outlets, (std::set<std::string>{"UrduPoint News", "AFP", "The Jerusalem Post"}));

  const auto text = run_command(NEWSDEX_QUERY_BIN, {"--db", (dir.path() / "db").string(),
                                                    "--collapse", "story", "cyberattack Albania"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  std::string others;
  for (const auto& m : hit.also) others += (others.empty() ? "" : ", ") + m.outlet;
  EXPECT_NE(text.out.find("also reported by " + others), std::string::npos) << text.out;
}

TEST(Stories, AFourthReportAddedLaterJoinsTheStory) {
  TempDir dir;
  const auto db = dir.path() / "db";
  index(db, {kSeeds});
  const auto before = stories(db, "cyberattack");
  index(db, {kFourthReport});  // an update in place, not a rebuild
  const auto after = stories(db, "cyberattack");
  ASSERT_EQ(after.size(), 4u);
  const std::string story = before.at("seed-000");
  for (const auto& [id, s] : after) EXPECT_EQ(s, story) << id << ": the story keeps its id";
  const auto q = query_json(db, "", {"--story-of", "adriatic-2022-0909-01"});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  ASSERT_EQ(q.hits.size(), 4u);
  EXPECT_EQ(q.hits.back().id, "adriatic-2022-0909-01") << "listed by date: the latest last";
  for (const auto& h : q.hits) EXPECT_EQ(h.story_size, 4u);
}

TEST(Stories, StoryOfListsByDateAndStoryFilterMatchesTheSame) {
  TempDir dir;
  const auto db = dir.path() / "db";
  index(db, {kSeeds, kFourthReport});
  const auto listed = query_json(db, "", {"--story-of", "seed-002"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  ASSERT_EQ(listed.hits.size(), 4u);
  for (std::size_t i = 1; i < listed.hits.size(); ++i)
    EXPECT_LE(listed.hits[i - 1].date, listed.hits[i].date);
  const auto filtered = query_json(db, "story:" + listed.hits[0].story + " Tirana");
  ASSERT_EQ(filtered.exit_code, 0) << filtered.err;
  EXPECT_EQ(ids(filtered), ids(listed));
  const auto narrowed = query_json(db, "Durres", {"--story-of", "seed-002"});
  EXPECT_EQ(ids(narrowed), (std::set<std::string>{"seed-002", "adriatic-2022-0909-01"}));

  const auto facets = query_json(db, "NATO", {"--facets", "story"});
  ASSERT_EQ(facets.exit_code, 0) << facets.err;
  EXPECT_EQ(facets.facets.at("story"),
            (std::map<std::string, std::uint64_t>{{listed.hits[0].story, 4}}));

  const auto missing =
      run_command(NEWSDEX_QUERY_BIN, {"--db", db.string(), "--story-of", "no-such-article"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("no article with id 'no-such-article'"), std::string::npos)
      << missing.err;
  const auto bad =
      run_command(NEWSDEX_QUERY_BIN, {"--db", db.string(), "--syntax", "strict", "story:albania"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("story takes a story id of 16 hex digits"), std::string::npos) << bad.err;
}

TEST(Stories, CollapsedPagesHoldOneHitPerStoryAndPageOnward) {
  TempDir dir;
  const auto others = dir.path() / "others.jsonl";
  {
    std::ofstream out(others);
    out << R"({"id": "o1", "date": "2022-09-08", "title": "Albania wins football match", "body": "Albania beat Iceland two goals to one in Tirana on Thursday."})"
        << "\n"
        << R"({"id": "o2", "date": "2022-09-02", "title": "Albania tourism grows", "body": "Hotels on the Albanian coast reported record bookings this summer."})"
        << "\n";
  }
  index(dir.path() / "db", {kSeeds, kFourthReport, others.string()});
  const auto all = query_json(dir.path() / "db", "Albania", {"--collapse", "story"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(all.total, 6u) << "totals count articles, not stories";
  ASSERT_EQ(all.hits.size(), 3u);
  std::set<std::string> stories;
  for (const auto& h : all.hits) stories.insert(h.story);
  EXPECT_EQ(stories.size(), 3u);
  std::vector<std::string> paged;
  for (const std::string offset : {"0", "1", "2", "3"}) {
    const auto page = query_json(dir.path() / "db", "Albania",
                                 {"--collapse", "story", "--limit", "1", "--offset", offset});
    ASSERT_EQ(page.exit_code, 0) << page.err;
    for (const auto& h : page.hits) paged.push_back(h.id);
  }
  std::vector<std::string> whole;
  for (const auto& h : all.hits) whole.push_back(h.id);
  EXPECT_EQ(paged, whole);
}

TEST(Stories, DeletingAnArticleKeepsTheRestOfItsStory) {
  TempDir dir;
  const auto db = dir.path() / "db";
  index(db, {kSeeds});
  const auto before = stories(db, "cyberattack");
  index(db, {}, {"--delete", "seed-000"});
  const auto q = query_json(db, "cyberattack");
  ASSERT_EQ(q.hits.size(), 2u);
  for (const auto& h : q.hits) {
    EXPECT_EQ(h.story, before.at("seed-000")) << h.id;
    EXPECT_EQ(h.story_size, 2u) << h.id;
  }
}

TEST(Stories, RerunningTheSameInputKeepsStoryIds) {
  TempDir dir;
  index(dir.path() / "a", {kSeeds, kFourthReport});
  index(dir.path() / "b", {kSeeds});
  index(dir.path() / "b", {kSeeds, kFourthReport});  // seeds unchanged, the fourth added
  index(dir.path() / "a", {kSeeds, kFourthReport});  // everything unchanged
  EXPECT_EQ(stories(dir.path() / "a", "cyberattack"), stories(dir.path() / "b", "cyberattack"));
}

TEST(Stories, AnArticleWithoutADateIsAStoryOfItsOwn) {
  TempDir dir;
  const auto input = dir.path() / "undated.jsonl";
  {
    std::ofstream out(input);
    out << R"({"id": "u1", "title": "NATO condemns cyberattack on Albania", "body": "NATO condemned the cyberattack on Albania that Tirana blamed on Iran."})"
        << "\n"
        << R"({"id": "u2", "title": "NATO condemns cyberattack on Albania", "body": "NATO condemned the cyberattack on Albania that Tirana blamed on Iran."})"
        << "\n";
  }
  index(dir.path() / "db", {input.string()});
  const auto q = query_json(dir.path() / "db", "Albania");
  ASSERT_EQ(q.hits.size(), 2u);
  EXPECT_NE(q.hits[0].story, q.hits[1].story) << "no date: no window to find its story in";
  for (const auto& h : q.hits) EXPECT_EQ(h.story_size, 1u);
}

}  // namespace
}  // namespace newsdex::test
