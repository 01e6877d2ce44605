#pragma once

#include <cstddef>
#include <filesystem>
#include <vector>

namespace newsdex {

// Splits a newly built database into `parts` Glass databases `folder`/part-K, each article in
// the part part_of(its id) names, and writes `folder`/XAPIANDB, the shard map that lists them
// (docs/scaling.md). Each part is a newsdex database of its own: its document length table is
// its own, its story members lists and day signatures hold its own articles (with their
// docids there) under the whole build's story ids, and the first part keeps the build's word
// counts (a shard map's reader sums the parts' tables). Returns the articles in each part.
std::vector<std::size_t> split_into_parts(const std::filesystem::path& whole,
                                          const std::filesystem::path& folder, std::size_t parts);

}  // namespace newsdex
