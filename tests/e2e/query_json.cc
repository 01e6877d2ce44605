#include "query_json.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include "cli_runner.h"

namespace newsdex::test {
namespace {

std::string field(simdjson::dom::object hit, const char* name) {
  simdjson::dom::element value;
  if (hit.at_key(name).get(value) || value.is_null()) return {};
  std::string_view text;
  if (value.get_string().get(text)) return {};
  return std::string(text);
}

}  // namespace

QueryOutput parse_query_output(const std::string& json) {
  QueryOutput out;
  simdjson::dom::parser parser;
  simdjson::dom::object doc;
  simdjson::dom::array hits;
  simdjson::dom::object facets;
  if (parser.parse(json).get(doc) || doc.at_key("total").get(out.total) ||
      doc.at_key("total_lower").get(out.total_lower) ||
      doc.at_key("total_upper").get(out.total_upper) || doc.at_key("hits").get(hits) ||
      doc.at_key("facets").get(facets)) {
    ADD_FAILURE() << "invalid JSON output: " << json;
    return out;
  }
  out.suggestion = field(doc, "suggestion");
  simdjson::dom::object coverage;
  if (!doc.at_key("coverage").get(coverage)) {
    simdjson::dom::array missing;
    if (coverage["answered"].get(out.parts_answered) || coverage["total"].get(out.parts_total) ||
        coverage["missing"].get(missing))
      ADD_FAILURE() << "invalid coverage: " << json;
    for (simdjson::dom::element m : missing) {
      std::string_view line;
      if (!m.get(line)) out.missing_parts.emplace_back(line);
    }
  }
  for (auto [name, values] : facets) {
    auto& counts = out.facets[std::string(name)];
    simdjson::dom::array list;
    if (values.get(list)) {
      ADD_FAILURE() << "facet is not an array: " << json;
      continue;
    }
    for (simdjson::dom::element v : list) {
      std::string_view value;
      std::uint64_t count = 0;
      if (v["value"].get(value) || v["count"].get(count)) ADD_FAILURE() << json;
      counts[std::string(value)] = count;
    }
  }
  for (simdjson::dom::element h : hits) {
    simdjson::dom::object hit;
    if (h.get(hit)) {
      ADD_FAILURE() << "hit is not an object: " << json;
      continue;
    }
    JsonHit parsed{field(hit, "id"),
                   field(hit, "outlet"),
                   field(hit, "date"),
                   field(hit, "title"),
                   field(hit, "snippet"),
                   field(hit, "url"),
                   field(hit, "language"),
                   0,
                   {},
                   field(hit, "story"),
                   0,
                   {}};
    if (hit.at_key("score").get(parsed.score)) ADD_FAILURE() << json;
    simdjson::dom::array explanation;
    if (!hit.at_key("explanation").get(explanation)) {
      for (simdjson::dom::element part : explanation) {
        std::string_view term;
        double weight = 0;
        if (part["term"].get(term) || part["weight"].get(weight)) ADD_FAILURE() << json;
        parsed.explanation.emplace_back(std::string(term), weight);
      }
    }
    if (hit.at_key("story_size").get(parsed.story_size)) ADD_FAILURE() << json;
    simdjson::dom::array also;
    if (hit.at_key("also").get(also)) {
      ADD_FAILURE() << "hit without also: " << json;
    } else {
      for (simdjson::dom::element m : also) {
        simdjson::dom::object member;
        if (m.get(member)) {
          ADD_FAILURE() << json;
          continue;
        }
        parsed.also.push_back({field(member, "id"), field(member, "outlet"), field(member, "date"),
                               field(member, "title")});
      }
    }
    out.hits.push_back(std::move(parsed));
  }
  return out;
}

QueryOutput query_json(const std::filesystem::path& db, const std::string& query,
                       const std::vector<std::string>& extra) {
  std::vector<std::string> args = {"--db", db.string(), "--format", "json"};
  args.insert(args.end(), extra.begin(), extra.end());
  if (!query.empty()) {
    args.push_back("--");
    args.push_back(query);
  }
  const auto run = run_command(NEWSDEX_QUERY_BIN, args);
  if (run.exit_code == 2) {
    QueryOutput out;
    out.exit_code = 2;
    out.err = run.err;
    return out;
  }
  QueryOutput out = parse_query_output(run.out);
  out.exit_code = run.exit_code;
  out.err = run.err;
  return out;
}

std::set<std::string> ids(const QueryOutput& q) {
  std::set<std::string> s;
  for (const auto& h : q.hits) s.insert(h.id);
  return s;
}

}  // namespace newsdex::test
