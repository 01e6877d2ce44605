#pragma once

#include <cstddef>
#include <string_view>

#include <xapian.h>

namespace newsdex {

// The filter for a `date:` expression: `2022`, `2022-09`, `2022-09-08` (a year, month or day),
// ranges `2022-09-01..2022-09-30` (inclusive, either end may be open), and `>=`, `>`, `<=`, `<`
// followed by a date. Partial dates in ranges cover their whole span: `..2022-09` ends with the
// last second of September. Throws QuerySyntaxError pointing at `position` when malformed.
Xapian::Query date_filter_query(std::string_view expression, std::size_t position);

}  // namespace newsdex
