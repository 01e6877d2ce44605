#include "newsdex/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>

#include <xapian.h>
#include <unordered_map>
#include <vector>

#include "newsdex/error.h"
#include "newsdex/schema.h"

namespace newsdex {
namespace {

// ICU's word-break rule status ranges (ubrk.h): below 100 is a non-word (space, punctuation).
constexpr int32_t kWordNoneLimit = 100;
constexpr int32_t kWordNumberLimit = 200;
constexpr int32_t kWordLetterLimit = 300;

// Stems repeat in a Zipfian way; a bounded cache avoids re-running Snowball for common words.
constexpr std::size_t kStemCacheLimit = 1 << 17;

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// Diacritics are dropped only where they are optional in practice: Latin ("café"), Greek,
// Cyrillic ("ё") and Arabic harakat. Marks in Thai or Devanagari spell the word itself.
bool marks_are_optional(UChar32 base) {
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(base, &status);
  return U_SUCCESS(status) && (script == USCRIPT_LATIN || script == USCRIPT_GREEK ||
                               script == USCRIPT_CYRILLIC || script == USCRIPT_ARABIC);
}

Xapian::Stem make_stemmer(std::string_view language) {
  if (language.empty() || language == "none") return Xapian::Stem();
  try {
    return Xapian::Stem(std::string(language));
  } catch (const Xapian::InvalidArgumentError&) {
    return Xapian::Stem();
  }
}

}  // namespace

class Analyzer::Impl {
 public:
  explicit Impl(std::string_view language) : language_(language), stemmer_(make_stemmer(language)) {
    UErrorCode status = U_ZERO_ERROR;
    breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
    nfd_ = icu::Normalizer2::getNFDInstance(status);
    nfc_ = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || !breaker_)
      throw Error(std::string("ICU initialisation failed: ") + u_errorName(status));
  }

  std::uint32_t analyze(std::string_view text, std::uint32_t position, const TermSink& sink) {
    if (text.empty()) return position;
    UErrorCode status = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_FAILURE(status)) return position;
    breaker_->setText(&ut, status);
    if (U_FAILURE(status)) {
      utext_close(&ut);
      return position;
    }
    int32_t begin = breaker_->first();
    for (int32_t end = breaker_->next(); end != icu::BreakIterator::DONE;
         begin = end, end = breaker_->next()) {
      const int32_t rule = breaker_->getRuleStatus();
      if (rule < kWordNoneLimit) continue;
      const auto word =
          text.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin));
      if (!make_term(word, rule)) continue;
      sink(AnalyzedTerm{term_, position++, static_cast<std::uint32_t>(begin),
                        static_cast<std::uint32_t>(end)});
    }
    utext_close(&ut);
    return position;
  }

  std::string term_for_word(std::string_view word) {
    std::string result;
    int count = 0;
    analyze(word, 0, [&](const AnalyzedTerm& t) {
      if (count++ == 0) result.assign(t.term);
    });
    return count == 1 ? result : std::string();
  }

  const std::string& language() const { return language_; }

 private:
  // Fills term_ with the indexed form of one segmented word; false when nothing remains.
  bool make_term(std::string_view word, int32_t rule) {
    fold(word);
    clean_punctuation(rule);
    if (folded_.empty() || folded_.size() > schema::kMaxTermBytes) return false;
    if (rule >= kWordNumberLimit && rule < kWordLetterLimit && !stemmer_.is_none()) {
      term_ = stem(folded_);
    } else {
      term_ = folded_;
    }
    return !term_.empty();
  }

  // NFKC + full case folding + optional-diacritic removal, into folded_.
  void fold(std::string_view word) {
    folded_.clear();
    if (is_ascii(word)) {
      for (char c : word) folded_.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
      return;
    }
    UErrorCode status = U_ZERO_ERROR;
    const auto source = icu::UnicodeString::fromUTF8(
        icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    nfkc_cf_->normalize(source, scratch_, status);
    nfd_->normalize(scratch_, decomposed_, status);
    if (U_FAILURE(status)) return;
    stripped_.remove();
    UChar32 base = 0;
    for (int32_t i = 0; i < decomposed_.length();) {
      const UChar32 c = decomposed_.char32At(i);
      i += U16_LENGTH(c);
      if (u_charType(c) == U_NON_SPACING_MARK && base != 0 && marks_are_optional(base)) continue;
      if (u_charType(c) != U_NON_SPACING_MARK) base = c;
      stripped_.append(c);
    }
    nfc_->normalize(stripped_, scratch_, status);
    if (U_FAILURE(status)) return;
    scratch_.toUTF8String(folded_);
  }

  // Apostrophes, dots and thousands separators inside a word, which ICU keeps in one segment.
  void clean_punctuation(int32_t rule) {
    replace_all(folded_, "\xE2\x80\x99", "'");  // typographic apostrophe
    if (folded_.find('\'') != std::string::npos) {
      if (folded_.size() > 2 && folded_.ends_with("'s")) folded_.resize(folded_.size() - 2);
      const auto apos = folded_.find('\'');
      if (apos != std::string::npos && apos + 1 < folded_.size()) {
        static constexpr std::string_view kElisions[] = {"l", "d", "j",  "m",    "n",   "s",
                                                         "t", "c", "qu", "dell", "all", "nell"};
        const std::string_view head(folded_.data(), apos);
        for (auto e : kElisions) {
          if (head == e) {
            folded_.erase(0, apos + 1);
            break;
          }
        }
      }
      std::erase(folded_, '\'');
    }
    if (rule < kWordNumberLimit) {
      std::erase(folded_, ',');  // 3,000 -> 3000
    } else if (folded_.find('.') != std::string::npos) {
      std::erase(folded_, '.');  // U.S -> us
    }
  }

  // Rewrites `s` with `from` replaced by `to`; written out rather than with
  // std::string::replace, which trips GCC 12's -Wrestrict false positive.
  static void replace_all(std::string& s, std::string_view from, std::string_view to) {
    if (s.find(from) == std::string::npos) return;
    std::string out;
    out.reserve(s.size());
    for (std::size_t p = 0; p < s.size();) {
      if (std::string_view(s).substr(p, from.size()) == from) {
        out.append(to);
        p += from.size();
      } else {
        out.push_back(s[p++]);
      }
    }
    s.swap(out);
  }

  const std::string& stem(const std::string& word) {
    auto it = stem_cache_.find(word);
    if (it != stem_cache_.end()) return it->second;
    if (stem_cache_.size() >= kStemCacheLimit) stem_cache_.clear();
    return stem_cache_.emplace(word, stemmer_(word)).first->second;
  }

  std::string language_;
  Xapian::Stem stemmer_;
  std::unique_ptr<icu::BreakIterator> breaker_;
  const icu::Normalizer2* nfkc_cf_ = nullptr;
  const icu::Normalizer2* nfd_ = nullptr;
  const icu::Normalizer2* nfc_ = nullptr;
  icu::UnicodeString scratch_;
  icu::UnicodeString decomposed_;
  icu::UnicodeString stripped_;
  std::string folded_;
  std::string term_;
  std::unordered_map<std::string, std::string> stem_cache_;
};

Analyzer::Analyzer(std::string_view language) : impl_(std::make_unique<Impl>(language)) {}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::uint32_t Analyzer::analyze(std::string_view text, std::uint32_t first_position,
                                const TermSink& sink) {
  return impl_->analyze(text, first_position, sink);
}

std::string Analyzer::term_for_word(std::string_view word) {
  return impl_->term_for_word(word);
}

const std::string& Analyzer::language() const {
  return impl_->language();
}

}  // namespace newsdex
