#include "searcher/docid_range_source.h"

#include <memory>

namespace newsdex {

DocidRangeSource* DocidRangeSource::clone() const {
  // Xapian's interface: the caller owns the clone.
  return std::make_unique<DocidRangeSource>(first_, last_).release();
}

}  // namespace newsdex
