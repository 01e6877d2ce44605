#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace newsdex::test {

struct JsonStoryMember {
  std::string id, outlet, date, title;
};

struct JsonHit {
  std::string id, outlet, date, title, snippet, url, language;
  double score = 0;
  std::vector<std::pair<std::string, double>> explanation;
  std::string story;
  std::uint64_t story_size = 0;
  std::vector<JsonStoryMember> also;
};

// newsdex-query's JSON output, parsed.
struct QueryOutput {
  int exit_code = -1;
  std::uint64_t total = 0, total_lower = 0, total_upper = 0;
  std::string suggestion;
  std::vector<JsonHit> hits;
  std::map<std::string, std::map<std::string, std::uint64_t>> facets;
  // A shard map's coverage: parts answered of parts listed (0 of 0: a single database).
  std::uint64_t parts_answered = 0, parts_total = 0;
  std::vector<std::string> missing_parts;
  std::string err;
};

// Runs newsdex-query --format json with `extra` options; a run that exits 2 is returned unparsed.
QueryOutput query_json(const std::filesystem::path& db, const std::string& query,
                       const std::vector<std::string>& extra = {});

// Parses one JSON object as printed by newsdex-query; fails the test on invalid JSON.
QueryOutput parse_query_output(const std::string& json);

std::set<std::string> ids(const QueryOutput& q);

}  // namespace newsdex::test
