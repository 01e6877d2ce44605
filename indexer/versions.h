#pragma once

#include <string>

namespace newsdex {

// "newsdex-index 0.1.0 (Xapian 1.4.22, ICU 72.1, zstd 1.5.4, mimalloc 2.0.9, 2 MiB pages
// requested)": what `--version` prints, so a benchmark result or bug report can say which libraries
// (and allocator settings) produced it.
std::string indexer_version_line();

}  // namespace newsdex
