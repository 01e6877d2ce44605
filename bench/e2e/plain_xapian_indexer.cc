// The baseline of the indexing benchmark: what a developer gets from Xapian with its defaults.
// Reads the benchmark's JSON Lines, indexes title and body with TermGenerator (English stemmer,
// default stemming strategy: stemmed and unstemmed forms), stores the body as document data,
// add_document, one commit at the end. One thread.
#include <simdjson.h>
#include <xapian.h>

#include <fstream>
#include <iostream>
#include <string>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: newsdex_plain_xapian_indexer DB FILE.jsonl\n";
    return 2;
  }
  try {
    Xapian::WritableDatabase db(argv[1], Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("english"));
    simdjson::dom::parser parser;
    std::ifstream in(argv[2], std::ios::binary);
    std::size_t count = 0;
    for (std::string line; std::getline(in, line);) {
      simdjson::dom::object article;
      if (parser.parse(line).get(article)) continue;
      std::string_view id, title_view, body_view;
      if (article["id"].get(id) || article["title"].get(title_view) ||
          article["body"].get(body_view))
        continue;
      const std::string title(title_view), body(body_view);
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(title, 1, "S");
      generator.index_text(title);
      generator.increase_termpos();
      generator.index_text(body);
      doc.set_data(body);
      doc.add_boolean_term("Q" + std::string(id));
      db.add_document(doc);
      ++count;
    }
    db.commit();
    // A corpus it cannot read must fail the benchmark, not show up as a fast run.
    if (count == 0) {
      std::cerr << "no articles in " << argv[2] << "\n";
      return 1;
    }
  } catch (const Xapian::Error& e) {
    std::cerr << e.get_description() << "\n";
    return 1;
  }
  return 0;
}
