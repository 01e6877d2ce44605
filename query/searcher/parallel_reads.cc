#include "searcher/parallel_reads.h"

#include <exception>
#include <thread>

namespace newsdex {

void ParallelReads::fetch(const std::vector<Xapian::docid>& docids,
                          const std::vector<std::string>& terms,
                          std::unordered_map<Xapian::docid, Xapian::Document>& documents,
                          PositionCache& positions) {
  struct Read {
    Xapian::docid docid;
    const std::string* term;  // nullptr: the document
  };
  std::vector<Read> reads;
  for (const Xapian::docid docid : docids) {
    if (!documents.count(docid)) reads.push_back({docid, nullptr});
    for (const auto& term : terms)
      if (!positions.has(docid, term)) reads.push_back({docid, &term});
  }
  if (reads.empty() || handles_.empty()) return;
  const std::size_t lanes = std::min(handles_.size(), reads.size());
  struct Lane {
    std::vector<std::pair<Xapian::docid, Xapian::Document>> documents;
    std::vector<std::pair<std::size_t, std::vector<Xapian::termpos>>> lists;  // by read
    std::exception_ptr failure;
  };
  std::vector<Lane> results(lanes);
  {
    std::vector<std::jthread> threads;
    for (std::size_t lane = 0; lane < lanes; ++lane)
      threads.emplace_back([&, lane] {
        Lane& out = results[lane];
        const Xapian::Database& db = handles_[lane];
        try {
          for (std::size_t r = lane; r < reads.size(); r += lanes) {
            const Read& read = reads[r];
            if (!read.term) {
              try {
                out.documents.emplace_back(read.docid, db.get_document(read.docid));
              } catch (const Xapian::DocNotFoundError&) {
                // read again, and reported, by the searcher's own handle
              }
              continue;
            }
            out.lists.emplace_back(
                r, std::vector<Xapian::termpos>(db.positionlist_begin(read.docid, *read.term),
                                                db.positionlist_end(read.docid, *read.term)));
          }
        } catch (...) {
          out.failure = std::current_exception();
        }
      });
  }
  for (auto& lane : results) {
    if (lane.failure) std::rethrow_exception(lane.failure);
    for (auto& [docid, doc] : lane.documents) documents.insert_or_assign(docid, std::move(doc));
    for (auto& [r, list] : lane.lists)
      positions.put(reads[r].docid, *reads[r].term, std::move(list));
  }
}

}  // namespace newsdex
