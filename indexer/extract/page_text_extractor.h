#pragma once

#include <string>

#include "newsdex/article.h"
#include "newsdex/date_parser.h"

namespace newsdex {

// Turns a scraped article page (plain text with its clutter, like corpora/seeds) into an
// Article: finds the title, outlet and date where the text states them and removes page
// furniture from the body.
//
// Recognised: header lines `date 2022-09-08 The Jerusalem Post - …` (date, outlet, and the
// title on the next line); datelines `MOSCOW (UrduPoint News / Sputnik - 08th September, 2022)`
// and `WASHINGTON (Reuters) -`; `Published: SEPTEMBER 8, 2022 16:18`; bylines `By REUTERS`;
// agency credits `More from AFP`. Removed from the body: `Related:` lines, `More from …` and
// `Latest News` link lists, photo credit lines, and paragraphs repeated verbatim.
// Without a stated title, the lead sentence (shortened) stands in.
Article extract_page_text(const std::string& text,
                          NumericDateOrder date_order = NumericDateOrder::kNone);

}  // namespace newsdex
