// newsdex-gen: writes a synthetic news corpus as JSON Lines, trained from a real one.
//
// Exit status: 0 written, 1 the training corpus or the output could not be used, 2 usage error.
#include <boost/program_options.hpp>
#include <fstream>
#include <iostream>
#include <memory>

#include "corpus_model.h"
#include "gzip_ostream.h"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  std::size_t count = 0;
  std::uint64_t seed = 1;
  std::string out_path;
  std::string from =
      std::string(NEWSDEX_SOURCE_DIR) + "/corpora/reuters21578/reuters21578.jsonl.gz";
  po::options_description options(
      "Usage: newsdex-gen --count N [--seed S] [--out FILE] [--from CORPUS]\n\n"
      "Writes N synthetic news articles as JSON Lines (gzip'd when FILE ends in .gz; stdout by\n"
      "default), deterministic for a seed. Word frequencies, bigrams, article and title lengths\n"
      "and keyword fields follow the training corpus; the vocabulary keeps growing with N as\n"
      "real vocabularies do (Heaps' law), with made-up words beyond the training vocabulary.\n\n"
      "Options");
  options.add_options()("help,h", "show this help")("count,n", po::value(&count)->required(),
                                                    "number of articles")(
      "seed,s", po::value(&seed)->default_value(1), "random seed")(
      "out,o", po::value(&out_path), "output file (.jsonl or .jsonl.gz); default stdout")(
      "from", po::value(&from),
      "training corpus, JSON Lines (plain or gzip'd); default: the "
      "bundled Reuters-21578 corpus")(
      "stats", "print the training corpus's Zipf and Heaps parameters to stderr");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    if (vm.count("help")) {
      std::cout << options << "\n";
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "newsdex-gen: " << e.what() << "\nTry 'newsdex-gen --help'.\n";
    return 2;
  }
  try {
    const auto model = newsdex::gen::CorpusModel::train(from);
    if (vm.count("stats")) {
      const auto& laws = model.laws();
      std::cerr << "training corpus: vocabulary " << model.vocabulary().size() << ", Zipf s "
                << laws.zipf_exponent << ", Heaps K " << laws.heaps_k << " beta " << laws.heaps_beta
                << "\n";
    }
    if (out_path.empty()) {
      model.generate(count, seed, std::cout);
      return std::cout.good() ? 0 : 1;
    }
    std::unique_ptr<std::ostream> out;
    if (out_path.ends_with(".gz")) {
      out = std::make_unique<newsdex::gen::GzipOstream>(out_path);
    } else {
      out = std::make_unique<std::ofstream>(out_path, std::ios::binary);
    }
    if (!*out) {
      std::cerr << "newsdex-gen: cannot write " << out_path << "\n";
      return 1;
    }
    model.generate(count, seed, *out);
    out->flush();
    if (!*out) {
      std::cerr << "newsdex-gen: error writing " << out_path << "\n";
      return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "newsdex-gen: " << e.what() << "\n";
    return 1;
  }
}
