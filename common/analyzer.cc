#include "newsdex/analyzer.h"
#include "newsdex/language.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <xapian.h>

#include "newsdex/error.h"
#include "newsdex/schema.h"
#include "spelling_variants.h"
#include "stem_cache.h"
#include "stopwords.h"

namespace newsdex {
namespace {

// ICU's word-break rule status ranges (ubrk.h): below 100 is a non-word (space, punctuation).
constexpr int32_t kWordNoneLimit = 100;
constexpr int32_t kWordNumberLimit = 200;
constexpr int32_t kWordLetterLimit = 300;

// Stems repeat in a Zipfian way; a bounded cache avoids re-running Snowball for common words.
constexpr std::size_t kStemCacheLimit = 1 << 17;

// Parts of one hyphenated compound beyond this are not joined (long hyphen chains are lists).
constexpr std::size_t kMaxCompoundParts = 4;

bool is_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return false;
  return true;
}

// A hyphen between two words with nothing else: "-", U+2010 HYPHEN, U+2011 NON-BREAKING HYPHEN.
bool is_joining_hyphen(std::string_view between) {
  return between == "-" || between == "\xE2\x80\x90" || between == "\xE2\x80\x91";
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
  const std::string code = language_code(language);
  if (!has_stemmer(code)) return Xapian::Stem();
  try {
    return Xapian::Stem(code);
  } catch (const Xapian::InvalidArgumentError&) {
    return Xapian::Stem();
  }
}

// Xapian's canonical name for a language ("en" -> "english"), for the stop word list.
std::string canonical_language(const Xapian::Stem& stem) {
  if (stem.is_none()) return "none";
  const auto description = stem.get_description();  // "Xapian::Stem(english)"
  const auto open = description.find('(');
  const auto close = description.rfind(')');
  return open != std::string::npos && close > open ? description.substr(open + 1, close - open - 1)
                                                   : "none";
}

}  // namespace

class Analyzer::Impl {
 public:
  explicit Impl(std::string_view language)
      : language_(language),
        stemmer_(make_stemmer(language)),
        stop_language_(canonical_language(stemmer_)) {
    UErrorCode status = U_ZERO_ERROR;
    breaker_.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    nfkc_cf_ = icu::Normalizer2::getNFKCCasefoldInstance(status);
    nfd_ = icu::Normalizer2::getNFDInstance(status);
    nfc_ = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status) || !breaker_)
      throw Error(std::string("ICU initialisation failed: ") + u_errorName(status));
  }

  std::uint32_t analyze(std::string_view text, std::uint32_t position, TermSinkRef sink) {
    if (text.empty()) return position;
    UErrorCode status = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, text.data(), static_cast<int64_t>(text.size()), &status);
    if (U_SUCCESS(status)) breaker_->setText(&ut, status);
    if (U_FAILURE(status)) {
      utext_close(&ut);
      // Never an article indexed (or a query searched) without its words and nobody told.
      throw Error(std::string("ICU could not segment the text into words: ") + u_errorName(status));
    }
    // The compound being built from hyphen-joined words: their folded forms, concatenated. It is
    // emitted when the chain ends, at the position of its last part.
    compound_.clear();
    std::size_t compound_parts = 0;
    std::uint32_t compound_begin = 0;
    std::uint32_t previous_end = 0;
    bool previous_was_word = false;
    auto flush_compound = [&]() {
      if (compound_parts >= 2 && compound_parts <= kMaxCompoundParts)
        emit(compound_, true, position - 1, compound_begin, previous_end, true, sink);
      compound_.clear();
      compound_parts = 0;
    };

    int32_t begin = breaker_->first();
    for (int32_t end = breaker_->next(); end != icu::BreakIterator::DONE;
         begin = end, end = breaker_->next()) {
      const int32_t rule = breaker_->getRuleStatus();
      if (rule < kWordNoneLimit) continue;
      const auto word_begin = static_cast<std::uint32_t>(begin);
      const auto word_end = static_cast<std::uint32_t>(end);
      if (!fold_into_folded(text.substr(word_begin, word_end - word_begin), rule)) continue;

      const bool letters = rule >= kWordNumberLimit && rule < kWordLetterLimit;
      const bool continues =
          previous_was_word && letters &&
          is_joining_hyphen(text.substr(previous_end, word_begin - previous_end));
      if (!continues) {
        flush_compound();
        compound_begin = word_begin;
      }
      if (letters) {
        compound_ += folded_;
        ++compound_parts;
      }
      emit(folded_, letters, position, word_begin, word_end, false, sink);
      ++position;
      previous_end = word_end;
      previous_was_word = letters;
    }
    flush_compound();
    utext_close(&ut);
    return position;
  }

  std::string term_for_word(std::string_view word) {
    std::string single, joined;
    int words = 0;
    analyze(word, 0, [&](const AnalyzedTerm& t) {
      if (t.joined) {
        joined.assign(t.term);
      } else if (words++ == 0) {
        single.assign(t.term);
      }
    });
    if (words == 1) return single;
    // A hyphenated word such as "e-mail" is one word: its joined form.
    return joined;
  }

  std::string fold_word(std::string_view word) {
    std::string result;
    int count = 0;
    UErrorCode status = U_ZERO_ERROR;
    UText ut = UTEXT_INITIALIZER;
    utext_openUTF8(&ut, word.data(), static_cast<int64_t>(word.size()), &status);
    breaker_->setText(&ut, status);
    int32_t begin = breaker_->first();
    for (int32_t end = breaker_->next(); U_SUCCESS(status) && end != icu::BreakIterator::DONE;
         begin = end, end = breaker_->next()) {
      const int32_t rule = breaker_->getRuleStatus();
      if (rule < kWordNoneLimit) continue;
      if (!fold_into_folded(
              word.substr(static_cast<std::size_t>(begin), static_cast<std::size_t>(end - begin)),
              rule))
        continue;
      if (count++ == 0) result = folded_;
    }
    utext_close(&ut);
    return count == 1 ? result : std::string();
  }

  std::string stem_folded(std::string_view folded) { return std::string(final_form(folded, true)); }

  bool is_stopword(std::string_view term) const {
    return newsdex::is_stopword(stop_language_, term);
  }

  const std::string& language() const { return language_; }

  std::size_t overlong_words() const { return overlong_words_; }

 private:
  void emit(std::string_view folded, bool letters, std::uint32_t position, std::uint32_t begin,
            std::uint32_t end, bool joined, TermSinkRef sink) {
    const std::string_view term = final_form(folded, letters);
    if (term.empty()) return;
    if (term.size() > schema::kMaxTermBytes) {
      overlong_words_ += !joined;  // a compound's parts are indexed, so nothing is lost
      return;
    }
    sink(AnalyzedTerm{term, position, begin, end, joined, letters, folded});
  }

  // Spelling variant, then stem (letters only): the one indexed form of a folded word.
  std::string_view final_form(std::string_view folded, bool letters) {
    if (!letters) return folded;
    if (stemmer_.is_none()) return american_spelling(folded);
    return stem(folded);
  }

  // Fills folded_ with the folded word; false when nothing remains.
  bool fold_into_folded(std::string_view word, int32_t rule) {
    fold(word);
    clean_punctuation(rule);
    if (folded_.size() > schema::kMaxTermBytes) {
      ++overlong_words_;
      return false;
    }
    return !folded_.empty();
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
    if (U_FAILURE(status))
      throw Error(std::string("ICU could not normalise a word: ") + u_errorName(status));
    stripped_.remove();
    UChar32 base = 0;
    for (int32_t i = 0; i < decomposed_.length();) {
      const UChar32 c = decomposed_.char32At(i);
      i += U16_LENGTH(c);
      const bool mark = u_charType(c) == U_NON_SPACING_MARK;
      if (mark && base != 0 && marks_are_optional(base)) continue;
      if (!mark) base = c;
      stripped_.append(c);
    }
    nfc_->normalize(stripped_, scratch_, status);
    if (U_FAILURE(status))
      throw Error(std::string("ICU could not normalise a word: ") + u_errorName(status));
    scratch_.toUTF8String(folded_);
  }

  // Apostrophes, dots and thousands separators inside a word, which ICU keeps in one segment.
  void clean_punctuation(int32_t rule) {
    replace_typographic_apostrophes();
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

  // U+2019 RIGHT SINGLE QUOTATION MARK, the apostrophe of typeset text, becomes "'".
  void replace_typographic_apostrophes() {
    static constexpr std::string_view kRightQuote = "\xE2\x80\x99";
    std::size_t at = folded_.find(kRightQuote);
    if (at == std::string::npos) return;
    std::size_t out = at;
    for (std::size_t in = at; in < folded_.size();) {
      if (std::string_view(folded_).substr(in, kRightQuote.size()) == kRightQuote) {
        folded_[out++] = '\'';
        in += kRightQuote.size();
      } else {
        folded_[out++] = folded_[in++];
      }
    }
    folded_.resize(out);
  }

  // The stem of the word's American spelling. Cached by the folded word: news vocabularies
  // are Zipfian, so nearly every word is a hit and skips both the variant table and Snowball.
  std::string_view stem(std::string_view folded) {
    if (const auto cached = stem_cache_.find(folded)) return *cached;
    return stem_cache_.insert(folded, stemmer_(std::string(american_spelling(folded))));
  }

  std::string language_;
  Xapian::Stem stemmer_;
  std::string stop_language_;
  std::unique_ptr<icu::BreakIterator> breaker_;
  const icu::Normalizer2* nfkc_cf_ = nullptr;
  const icu::Normalizer2* nfd_ = nullptr;
  const icu::Normalizer2* nfc_ = nullptr;
  icu::UnicodeString scratch_;
  icu::UnicodeString decomposed_;
  icu::UnicodeString stripped_;
  std::string folded_;
  std::string compound_;
  StemCache stem_cache_{kStemCacheLimit};
  std::size_t overlong_words_ = 0;
};

Analyzer::Analyzer(std::string_view language) : impl_(std::make_unique<Impl>(language)) {}

bool Analyzer::is_known_language(std::string_view language) {
  return !language_code(language).empty();
}

std::string Analyzer::known_languages() {
  return "any ISO 639-1 code or tag (en, fr-FR, zh); stemmed: " +
         Xapian::Stem::get_available_languages() + "; none";
}
Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::uint32_t Analyzer::analyze(std::string_view text, std::uint32_t first_position,
                                TermSinkRef sink) {
  return impl_->analyze(text, first_position, sink);
}

std::string Analyzer::term_for_word(std::string_view word) {
  return impl_->term_for_word(word);
}

std::string Analyzer::fold_word(std::string_view word) {
  return impl_->fold_word(word);
}

std::string Analyzer::stem_folded(std::string_view folded) {
  return impl_->stem_folded(folded);
}

bool Analyzer::is_stopword(std::string_view term) const {
  return impl_->is_stopword(term);
}

bool Analyzer::is_cased_word(std::string_view folded) {
  if (folded.empty()) return false;
  for (std::size_t i = 0; i < folded.size();) {
    const auto byte = static_cast<unsigned char>(folded[i]);
    if (byte < 0x80) {
      if (byte < 'a' || byte > 'z') return false;
      ++i;
      continue;
    }
    UChar32 c = 0;
    auto at = static_cast<int32_t>(i);
    U8_NEXT(folded.data(), at, static_cast<int32_t>(folded.size()), c);
    if (c < 0 || !u_hasBinaryProperty(c, UCHAR_CASED)) return false;
    i = static_cast<std::size_t>(at);
  }
  return true;
}

const std::string& Analyzer::language() const {
  return impl_->language();
}

std::size_t Analyzer::overlong_words() const {
  return impl_->overlong_words();
}

}  // namespace newsdex
