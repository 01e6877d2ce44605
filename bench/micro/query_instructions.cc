// Runs one of the query benchmark's classes (query_classes(): the same queries, snippets and
// filters) against a database with one language setting, for counting instructions under
// `valgrind --tool=callgrind` where wall times are too noisy to tell a few percent apart
// (docs/benchmarks.md, "Queries in every language of an archive"):
//
//   newsdex_query_instructions DB LANGUAGE CLASS ROUNDS [bm25|collapse]
//
// LANGUAGE is "auto" (every language of the archive) or a code; `bm25` turns the lead and
// proximity re-ranking off, to count what it costs; `collapse` collapses by story. One searcher
// thread. The
// steady-state cost of one round is (count at 3 rounds - count at 1 round) / 2.
#include <algorithm>
#include <cstdio>
#include <string>

#include "query_engines.h"

int main(int argc, char** argv) {
  const std::string mode = argc == 6 ? argv[5] : "";
  if (argc != 5 && !(argc == 6 && (mode == "bm25" || mode == "collapse"))) {
    std::fprintf(stderr, "usage: %s DB LANGUAGE CLASS ROUNDS [bm25|collapse]\n", argv[0]);
    return 2;
  }
  const auto& classes = newsdex::bench::query_classes();
  const auto cls = std::find_if(classes.begin(), classes.end(),
                                [&](const auto& c) { return c.name == argv[3]; });
  if (cls == classes.end()) {
    std::fprintf(stderr, "unknown class %s\n", argv[3]);
    return 2;
  }
  const std::string language = argv[2];
  newsdex::bench::NewsdexQueryEngine engine(argv[1], newsdex::bench::kMarch, 1);
  engine.set_language(language == "auto" ? "" : language);
  engine.set_positional(mode != "bm25");
  engine.set_collapse_story(mode == "collapse");
  std::size_t hits = 0;
  for (int round = 0; round < std::stoi(argv[4]); ++round)
    for (const auto& words : cls->words) hits += engine.run(cls->name, words);
  std::printf("%zu hits\n", hits);
  return 0;
}
