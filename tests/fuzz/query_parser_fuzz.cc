// libFuzzer target: any byte string given as a query must either build a Xapian query or be
// rejected with QuerySyntaxError; anything else (a crash, another exception, a sanitizer report)
// is a bug. Run by scripts/fuzz.sh in CI.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "newsdex/analyzer.h"
#include "newsdex/error.h"
#include "parser/query_builder.h"
#include "parser/query_parser.h"

namespace {

// One small in-memory index and analyzers per fuzzing process, built on first use.
struct FuzzContext {
  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
  newsdex::Analyzer analyzer{"english"};
  newsdex::Analyzer folder{"none"};
  // Other archive languages: words get their French and Russian forms too, when indexed.
  newsdex::Analyzer french{"fr"};
  newsdex::Analyzer russian{"ru"};
  FuzzContext() {
    Xapian::Document doc;
    for (const char* term :
         {"cyber", "attack", "cyberattack", "albania", "alban", "attaqu", "Stitle", "Salban"})
      doc.add_term(term);
    doc.add_boolean_term("XOdaily planet");
    doc.add_boolean_term("Ktopics:cocoa");
    doc.add_value(0, "2022-09-08");
    db.add_document(doc);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static FuzzContext context;
  const std::string_view query(reinterpret_cast<const char*>(data), size);
  // Strict and lenient (search-box) parsing: both may refuse with a QuerySyntaxError, nothing
  // else; lenient refuses only what has no word or is past the cost limits.
  for (const bool lenient : {false, true}) {
    try {
      const auto tree = lenient ? newsdex::QueryParser().parse_lenient(query)
                                : newsdex::QueryParser().parse(query);
      // Xapian's own leaves (an in-memory database has no document length table).
      const newsdex::RankedTermQueries ranked(context.db, {}, nullptr);
      newsdex::QueryBuilder builder(context.db,
                                    newsdex::QueryLanguages(context.db, context.analyzer,
                                                            {&context.french, &context.russian}),
                                    context.folder, {"topics"}, {false, 1.0, lenient}, ranked);
      const auto built = builder.build(tree);
      Xapian::Enquire enquire(context.db);
      enquire.set_query(built.query);
      enquire.get_mset(0, 10);
    } catch (const newsdex::QuerySyntaxError&) {
    }
  }
  return 0;
}
