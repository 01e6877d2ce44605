#pragma once

#include <string>

#include "newsdex/article.h"

namespace newsdex {

// Turns a saved web page into an Article, with libxml2's forgiving HTML parser.
//
// Metadata, first found wins: title from og:title, JSON-LD headline, the article's <h1>, then
// <title>; outlet from og:site_name, then JSON-LD publisher; date from
// article:published_time, JSON-LD datePublished, <meta name="date"/"pubdate"/…>,
// itemprop="datePublished", then the first <time datetime>; url from <link rel="canonical">,
// then og:url; author from <meta name="author">, then JSON-LD author; language from
// <html lang>. The text is the paragraphs (<p>, <h2>, <h3>, <li>) of the <article> element, or of
// <body> without <nav>, <header>, <footer>, <aside>, <figure>, forms and scripts.
// Throws InputError when the bytes are not an HTML document.
Article extract_html(const std::string& html);

}  // namespace newsdex
