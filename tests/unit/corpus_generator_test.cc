// newsdex-gen's model: deterministic output, and a generated corpus whose vocabulary laws are
// within 10% of the training corpus's (the bundled Reuters corpus).
#include "corpus_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace newsdex::gen {
namespace {

const std::filesystem::path kReuters =
    std::filesystem::path(NEWSDEX_SOURCE_DIR) / "corpora/reuters21578/reuters21578.jsonl.gz";

const CorpusModel& reuters_model() {
  static const CorpusModel model = CorpusModel::train(kReuters);
  return model;
}

TEST(CorpusGenerator, SameSeedSameCorpusOtherSeedOtherCorpus) {
  std::ostringstream a, b, c;
  reuters_model().generate(30, 3, a);
  reuters_model().generate(30, 3, b);
  reuters_model().generate(30, 4, c);
  EXPECT_EQ(a.str(), b.str());
  EXPECT_NE(a.str(), c.str());
  const std::string text = a.str();
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 30);
}

TEST(CorpusGenerator, ArticlesCarryTheFieldsTheIndexerReads) {
  std::ostringstream out;
  reuters_model().generate(1, 9, out);
  const auto line = out.str();
  for (const char* field : {"\"id\":\"gen-9-0\"", "\"outlet\":\"The ", "\"date\":\"20",
                            "\"title\":\"", "\"body\":\"", "\"topics\":[", "\"places\":["})
    EXPECT_NE(line.find(field), std::string::npos) << field << " in " << line;
}

TEST(CorpusGenerator, VocabularyLawsMatchTheTrainingCorpus) {
  const auto& trained = reuters_model().laws();
  const auto file = std::filesystem::temp_directory_path() /
                    ("newsdex-gen-" + std::to_string(std::random_device{}()) + ".jsonl");
  {
    std::ofstream out(file);
    reuters_model().generate(21578, 1, out);
  }
  const auto generated = CorpusModel::train(file).laws();
  std::filesystem::remove(file);
  auto within_10_percent = [](double got, double want) {
    return std::abs(got - want) <= 0.10 * std::abs(want);
  };
  EXPECT_PRED2(within_10_percent, generated.zipf_exponent, trained.zipf_exponent);
  EXPECT_PRED2(within_10_percent, generated.heaps_k, trained.heaps_k);
  EXPECT_PRED2(within_10_percent, generated.heaps_beta, trained.heaps_beta);
}

TEST(CorpusGenerator, VocabularyKeepsGrowingPastTheTrainingSize) {
  // Twice the articles must bring new words (made-up ones past the trained vocabulary).
  std::ostringstream out;
  reuters_model().generate(2000, 5, out);
  EXPECT_NE(out.str().find("q "), std::string::npos);
}

}  // namespace
}  // namespace newsdex::gen
