// Embedding newsdex: search a database from your own program.
//   embed_search DB QUERY
#include <newsdex/error.h>
#include <newsdex/searcher.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: embed_search DB QUERY\n";
    return 2;
  }
  try {
    newsdex::Searcher searcher(argv[1]);  // one Searcher per thread
    newsdex::SearchRequest request;
    request.query = argv[2];
    request.limit = 5;
    request.facets = {newsdex::FacetField::outlet()};
    const newsdex::SearchResult result = searcher.search(request);
    std::cout << result.total << " hits in " << result.took_us << " us\n";
    for (const auto& hit : result.hits)
      std::cout << hit.rank << ". " << hit.title << " (" << hit.outlet << ", " << hit.date
                << ")\n   " << hit.snippet << "\n";
    for (const auto& facet : result.facets)
      for (const auto& count : facet.counts)
        std::cout << facet.name << ": " << count.value << " " << count.count << "\n";
    return result.hits.empty() ? 1 : 0;
  } catch (const newsdex::QuerySyntaxError& e) {
    std::cerr << "bad query at " << e.position() << ": " << e.what() << "\n";
    return 2;
  } catch (const newsdex::Error& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
}
