// Story signatures, the story table and the assigner on a scratch database with made-up
// features, where every similarity is known.
#include <gtest/gtest.h>

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "newsdex/article.h"
#include "newsdex/record_compression.h"
#include "newsdex/schema.h"
#include "newsdex/stored_article.h"
#include "newsdex/story_signature.h"
#include "newsdex/story_table.h"
#include "writer/story_assigner.h"

namespace newsdex {
namespace {

// Features of the given words, each counted `count` times.
StoryFeatures features(const std::vector<std::string>& words, unsigned count = 1) {
  StoryFeatures f;
  for (const auto& w : words) f.terms.push_back({story_term_hash(w), count});
  std::sort(f.terms.begin(), f.terms.end(),
            [](const auto& a, const auto& b) { return a.hash < b.hash; });
  return f;
}

std::vector<Xapian::docid> member_docids(const Xapian::Database& db, const std::string& story) {
  std::vector<Xapian::docid> docids;
  for (const auto& m : StoryTable::member_list(db, story)) docids.push_back(m.docid);
  return docids;
}

const auto kEveryWordOnce = [](std::uint32_t) -> std::uint64_t { return 1; };

TEST(StorySignature, SameWordsAreSimilarOtherWordsAreNot) {
  const StorySignature a(features({"nato", "albania", "cyberattack", "iran"}), kEveryWordOnce, 10);
  const StorySignature b(features({"nato", "albania", "cyberattack", "iran"}), kEveryWordOnce, 10);
  const StorySignature c(features({"cocoa", "bahia", "harvest", "rain"}), kEveryWordOnce, 10);
  const StorySignature half(features({"nato", "albania", "cocoa", "bahia"}), kEveryWordOnce, 10);
  EXPECT_DOUBLE_EQ(a.similarity(b), 1.0);
  EXPECT_DOUBLE_EQ(a.similarity(c), 0.0);
  EXPECT_NEAR(a.similarity(half), 0.5, 0.01);
  EXPECT_DOUBLE_EQ(StorySignature().similarity(a), 0.0);
}

TEST(StorySignature, KeepsTheRarestAndMostRepeatedWordsAndRoundTrips) {
  std::vector<std::string> words;
  for (int i = 0; i < 50; ++i) words.push_back("word" + std::to_string(i));
  StoryFeatures f = features(words);
  // "word7" is repeated, "word9" rare: both must be kept among the 50.
  for (auto& t : f.terms)
    if (t.hash == story_term_hash("word7")) t.count = 5;
  const auto frequency = [](std::uint32_t hash) -> std::uint64_t {
    return hash == story_term_hash("word9") ? 1 : 500;
  };
  const StorySignature s(f, frequency, 1000);
  ASSERT_EQ(s.keywords().size(), StorySignature::kKeywords);
  const auto has = [&](const std::string& w) {
    return std::any_of(s.keywords().begin(), s.keywords().end(),
                       [&](const auto& k) { return k.hash == story_term_hash(w); });
  };
  EXPECT_TRUE(has("word7"));
  EXPECT_TRUE(has("word9"));
  std::string bytes;
  s.encode(bytes);
  std::string_view in = bytes;
  StorySignature back;
  ASSERT_TRUE(StorySignature::decode(in, back));
  EXPECT_TRUE(in.empty());
  EXPECT_DOUBLE_EQ(back.similarity(s), 1.0);
  std::string_view cut = std::string_view(bytes).substr(0, bytes.size() - 1);
  EXPECT_FALSE(StorySignature::decode(cut, back));
}

TEST(StorySignature, FoundingIdsAreSixteenHexDigitsOfIdAndContent) {
  const auto id = founding_story_id("seed-000", "abc");
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id, founding_story_id("seed-000", "abc"));
  EXPECT_NE(id, founding_story_id("seed-000", "abd")) << "new content, new story";
  EXPECT_NE(id, founding_story_id("seed-001", "abc"));
}

TEST(StoryTable, MembersRoundTripWithTheirCards) {
  const auto path = std::filesystem::temp_directory_path() / "newsdex-story-members-test";
  std::filesystem::remove_all(path);
  {
    Xapian::WritableDatabase db(path.string(), Xapian::DB_CREATE_OR_OVERWRITE);
    const std::string long_title = std::string(199, 'x') + "\xc3\xa9tude";  // é across the cut
    StoryTable::write_members(
        db, "s1", {{3, "a", "AFP", "2022-09-08", "NATO"}, {70000, "b", "", "", long_title}});
    StoryTable::write_members(db, "s2", {{5, "c", "", "", ""}});  // one left: the key stays
    StoryTable::write_members(db, "s3", {});                      // none: no key
    const auto m = StoryTable::member_list(db, "s1");
    ASSERT_EQ(m.size(), 2u);
    EXPECT_EQ(m[0].docid, 3u);
    EXPECT_EQ(m[0].outlet, "AFP");
    EXPECT_EQ(m[1].docid, 70000u);
    EXPECT_EQ(m[1].title, std::string(199, 'x')) << "cut before the split character";
    EXPECT_EQ(StoryTable::size(db, "s1"), 2u);
    EXPECT_EQ(member_docids(db, "s1"), (std::vector<Xapian::docid>{3, 70000}));
    EXPECT_EQ(StoryTable::size(db, "s2"), 1u);
    EXPECT_EQ(StoryTable::member_list(db, "s2").size(), 1u);
    EXPECT_EQ(StoryTable::size(db, "s3"), 1u);
    EXPECT_TRUE(StoryTable::member_list(db, "s3").empty());
  }
  std::filesystem::remove_all(path);
}

TEST(StoryTable, DayNumbers) {
  EXPECT_EQ(StoryTable::day_number("1970-01-02"), 1);
  EXPECT_EQ(StoryTable::day_number("2022-09-08T16:18:00Z"), StoryTable::day_number("2022-09-08"));
  EXPECT_EQ(*StoryTable::day_number("2022-09-09") - *StoryTable::day_number("2022-09-08"), 1);
  EXPECT_EQ(*StoryTable::day_number("1987-03-01") - *StoryTable::day_number("1987-02-28"), 1);
  EXPECT_FALSE(StoryTable::day_number(""));
  EXPECT_FALSE(StoryTable::day_number("2022-13-01"));
  EXPECT_FALSE(StoryTable::day_number("2022-02-30"));
  EXPECT_FALSE(StoryTable::day_number("yesterday"));
}

class StoryAssignerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("newsdex-story-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
             "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(path_);
    db_ = Xapian::WritableDatabase(path_.string(), Xapian::DB_CREATE_OR_OVERWRITE);
  }
  void TearDown() override {
    db_.close();
    std::filesystem::remove_all(path_);
  }
  // Adds an article as the indexer writes it: its date and its founding story.
  Xapian::docid add(StoryAssigner& assigner, const std::string& id, const std::string& date,
                    const std::vector<std::string>& words) {
    Article article;
    article.id = id;
    article.outlet = "Outlet " + id;
    article.date = date;
    article.title = "Title of " + id;
    Xapian::Document doc;
    doc.add_boolean_term("Q" + id);
    doc.add_value(schema::kDateSlot, date);
    doc.add_value(schema::kStorySlot, founding_story_id(id, "h"));
    doc.add_value(schema::kStoredRecordSlot,
                  RecordCompressor().compress(encode_stored_article(article)));
    const Xapian::docid docid = db_.add_document(doc);
    assigner.add({docid, id, article.outlet, date, article.title}, StoryTable::day_number(date),
                 founding_story_id(id, "h"), features(words));
    return docid;
  }
  std::string story(Xapian::docid docid) {
    return db_.get_document(docid).get_value(schema::kStorySlot);
  }

  std::filesystem::path path_;
  Xapian::WritableDatabase db_;
};

const std::vector<std::string> kEvent = {"nato", "albania", "cyberattack", "iran", "tirana"};
const std::vector<std::string> kOther = {"cocoa", "bahia", "harvest", "rain", "brazil"};

TEST_F(StoryAssignerTest, SimilarArticlesWithinTheWindowShareAStory) {
  StoryAssigner assigner;
  const auto a = add(assigner, "a", "2022-09-08", kEvent);
  const auto b = add(assigner, "b", "2022-09-10", kEvent);
  const auto c = add(assigner, "c", "2022-09-08", kOther);
  const auto far = add(assigner, "far", "2022-09-20", kEvent);
  const auto outcome = assigner.assign(db_, kEveryWordOnce);
  EXPECT_EQ(outcome.articles, 4u);
  EXPECT_EQ(outcome.joined, 2u);
  EXPECT_EQ(story(a), story(b));
  EXPECT_EQ(story(a), founding_story_id("a", "h")) << "named after its earliest article";
  EXPECT_EQ(story(c), founding_story_id("c", "h"));
  EXPECT_EQ(story(far), founding_story_id("far", "h")) << "twelve days later: another story";
  EXPECT_EQ(StoryTable::size(db_, story(a)), 2u);
  EXPECT_EQ(member_docids(db_, story(a)), (std::vector<Xapian::docid>{a, b}));
  EXPECT_EQ(StoryTable::size(db_, story(c)), 1u);
}

TEST_F(StoryAssignerTest, AStorySpansNoMoreThanTheWindow) {
  StoryAssigner assigner;
  std::vector<Xapian::docid> daily;
  for (int day = 1; day <= 9; ++day)
    daily.push_back(
        add(assigner, "d" + std::to_string(day), "2022-09-0" + std::to_string(day), kEvent));
  assigner.assign(db_, kEveryWordOnce);
  std::set<std::string> distinct;
  for (const auto docid : daily) distinct.insert(story(docid));
  EXPECT_GE(distinct.size(), 3u) << "a daily report does not chain into one long story";
  for (const auto& s : distinct) EXPECT_LE(StoryTable::size(db_, s), 4u);
}

TEST_F(StoryAssignerTest, LaterArticlesJoinAndBridgeExistingStories) {
  {
    StoryAssigner first;
    add(first, "a", "2022-09-08", {"nato", "albania", "cyberattack", "rama"});
    add(first, "b", "2022-09-08", {"iran", "tehran", "embassy", "expelled"});
    first.assign(db_, kEveryWordOnce);
    ASSERT_NE(story(1), story(2));
  }
  // One article about both: the two stories become one, named after the earlier story.
  StoryAssigner second;
  const auto bridge =
      add(second, "c", "2022-09-09",
          {"nato", "albania", "cyberattack", "rama", "iran", "tehran", "embassy", "expelled"});
  second.assign(db_, kEveryWordOnce);
  EXPECT_EQ(story(bridge), story(1));
  EXPECT_EQ(story(2), story(1));
  EXPECT_EQ(StoryTable::size(db_, story(1)), 3u);
  // The archive's articles that were stories of their own got their cards from their records.
  const auto listed = StoryTable::member_list(db_, story(1));
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0].id, "a");
  EXPECT_EQ(listed[0].outlet, "Outlet a");
  EXPECT_EQ(listed[1].title, "Title of b");
  EXPECT_EQ(listed[2].date, "2022-09-09");
}

TEST_F(StoryAssignerTest, RemovingAnArticleKeepsTheOthersInTheirStory) {
  StoryAssigner assigner;
  const auto a = add(assigner, "a", "2022-09-08", kEvent);
  const auto b = add(assigner, "b", "2022-09-08", kEvent);
  const auto c = add(assigner, "c", "2022-09-09", kEvent);
  assigner.assign(db_, kEveryWordOnce);
  const std::string s = story(a);
  assigner.remove(db_, a);
  db_.delete_document(a);
  EXPECT_EQ(story(b), s);
  EXPECT_EQ(story(c), s);
  EXPECT_EQ(member_docids(db_, s), (std::vector<Xapian::docid>{b, c}));
  EXPECT_EQ(StoryTable::day(db_, *StoryTable::day_number("2022-09-08")).size(), 1u);
  // A new copy of the first article finds the story again through the others' signatures.
  StoryAssigner later;
  const auto again = add(later, "a2", "2022-09-08", kEvent);
  later.assign(db_, kEveryWordOnce);
  EXPECT_EQ(story(again), s);
}

TEST_F(StoryAssignerTest, LaterBatchesExtendAStoryOnlyWithinTheWindow) {
  {
    StoryAssigner first;
    add(first, "s1", "2022-09-10", kEvent);
    add(first, "s2", "2022-09-12", kEvent);
    first.assign(db_, kEveryWordOnce);
    ASSERT_EQ(story(1), story(2));
  }
  // One new article after the story, one before: together they would stretch it to five days.
  StoryAssigner second;
  const auto after = add(second, "f1", "2022-09-13", kEvent);
  const auto before = add(second, "f2", "2022-09-09", kEvent);
  second.assign(db_, kEveryWordOnce);
  EXPECT_FALSE(story(after) == story(1) && story(before) == story(1))
      << "a story's articles lie within three days of each other";
  EXPECT_LE(StoryTable::size(db_, story(1)), 3u);
}

TEST_F(StoryAssignerTest, ArticlesWithoutWordsAreNotCopiesOfEachOther) {
  StoryAssigner assigner;
  const auto a = add(assigner, "a", "2022-09-08", {});
  const auto b = add(assigner, "b", "2022-09-08", {});
  assigner.assign(db_, kEveryWordOnce);
  EXPECT_NE(story(a), story(b));
}

TEST_F(StoryAssignerTest, ExactCopiesAreOneStoryUnlessLinksAreOff) {
  {
    StoryAssigner assigner;
    const auto a = add(assigner, "a", "2022-09-08", kEvent);
    const auto b = add(assigner, "b", "2022-09-08", kEvent);
    assigner.assign(db_, kEveryWordOnce);
    EXPECT_EQ(story(a), story(b));
  }
  StoryAssigner off(StoryOptions{true, 1.5, 3, 1});
  const auto c = add(off, "c", "2022-09-09", kOther);
  const auto d = add(off, "d", "2022-09-09", kOther);
  off.assign(db_, kEveryWordOnce);
  EXPECT_NE(story(c), story(d)) << "a threshold above 1 links nothing";
}

TEST_F(StoryAssignerTest, AnArticleIndexedAgainAloneDoesNotTakeItsOldStorysId) {
  StoryAssigner assigner;
  const auto a = add(assigner, "a", "2022-09-08", kEvent);
  add(assigner, "b", "2022-09-08", kEvent);
  assigner.assign(db_, kEveryWordOnce);
  const std::string s = story(a);
  ASSERT_EQ(s, founding_story_id("a", "h"));
  assigner.remove(db_, a);
  db_.delete_document(a);
  // The same article again, far from its old story's days: its founding id is the old story's.
  StoryAssigner later;
  const auto again = add(later, "a", "2022-10-20", kEvent);
  later.assign(db_, kEveryWordOnce);
  EXPECT_NE(story(again), s);
  EXPECT_EQ(StoryTable::size(db_, story(again)), 1u);
}

}  // namespace
}  // namespace newsdex
