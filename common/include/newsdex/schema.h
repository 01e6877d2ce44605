#pragma once

#include <string>
#include <string_view>

// The index layout both the indexer and the query side rely on. Every prefix and slot here is
// written down in docs/index-format.md; change both together and bump kSchemaVersion.
namespace newsdex::schema {

inline constexpr int kSchemaVersion = 6;
// Database metadata key holding kSchemaVersion, checked when a database is opened.
inline constexpr std::string_view kSchemaVersionKey = "newsdex.schema_version";

// Term prefixes. Unprefixed terms are the analyzed words of title and body.
inline constexpr std::string_view kIdPrefix = "Q";        // unique article id (boolean)
inline constexpr std::string_view kTitlePrefix = "S";     // analyzed title words, positional
inline constexpr std::string_view kOutletPrefix = "XO";   // folded outlet name (boolean)
inline constexpr std::string_view kDayPrefix = "D";       // YYYYMMDD (boolean)
inline constexpr std::string_view kMonthPrefix = "M";     // YYYYMM (boolean)
inline constexpr std::string_view kYearPrefix = "Y";      // YYYY (boolean)
inline constexpr std::string_view kLanguagePrefix = "L";  // language code (boolean)
inline constexpr std::string_view kKeywordPrefix = "K";   // "K" field ":" value (boolean)
inline constexpr std::string_view kAuthorPrefix = "A";    // folded author (boolean)
inline constexpr std::string_view kUrlPrefix = "U";       // url as written (boolean)

// Why a database without kSchemaVersionKey cannot be used. An empty one is what a first build
// leaves when it fails or is killed before its first commit (the version is committed with the
// first articles), so the message says to re-run the build; one with documents is not ours.
std::string missing_schema_version_message(std::string_view path, bool empty);

// Database metadata key listing the keyword field names seen, comma-separated and sorted, so the
// query side knows which `name:` prefixes are fields.
inline constexpr std::string_view kKeywordFieldsKey = "newsdex.keyword_fields";

// Metadata of the document length table (DocLengthTable): chunks "newsdex.doclen.N" and the
// state of the database they describe.
inline constexpr std::string_view kDocLengthChunkKeyPrefix = "newsdex.doclen.";
inline constexpr std::string_view kDocLengthStateKey = "newsdex.doclen.state";

// Value slots.
inline constexpr unsigned kDateSlot = 0;         // ISO 8601 date string: sorts chronologically
inline constexpr unsigned kOutletSlot = 1;       // outlet as stored, for facets and collapsing
inline constexpr unsigned kContentHashSlot = 2;  // FNV-1a of the stored record: skip unchanged
// The stored record (encode_stored_article) as a zstd frame (RecordCompressor); Xapian's
// document data stays empty.
inline constexpr unsigned kStoredRecordSlot = 3;
// The body's first position (Xapian::sortable_serialise): the query side's lead bonus finds
// the first words of the body from it without decoding the stored record.
inline constexpr unsigned kBodyStartSlot = 4;
// The story id (16 hex digits; since version 6): articles about one event share it
// (docs/stories.md), for collapsing, filtering and counting stories. The story's members and
// the signatures it was found by are in the metadata (StoryTable).
inline constexpr unsigned kStorySlot = 5;

// Body positions start this far after the last title position, so phrases never span both.
inline constexpr unsigned kBodyPositionGap = 100;

// Glass rejects terms over 245 bytes; longer field values are shortened with a hash suffix.
inline constexpr std::size_t kMaxTermBytes = 240;

// "Q" + id, shortened with a hash when the id is too long to be a term.
std::string id_term(std::string_view id);
// "XO" + the outlet folded to lower case with runs of spaces collapsed.
std::string outlet_term(std::string_view outlet);
// "K" + field + ":" + the value folded like an outlet: keyword_term("topics", "Cocoa") is
// "Ktopics:cocoa".
std::string keyword_term(std::string_view field, std::string_view value);
// `prefix` + the value folded like an outlet, shortened with a hash when too long: the term a
// boolean filter value is indexed as (outlet_term and author_term are this).
std::string folded_filter_term(std::string_view prefix, std::string_view value);
// "A" + the author folded like an outlet.
std::string author_term(std::string_view author);
// "U" + the url, shortened with a hash when too long.
std::string url_term(std::string_view url);
// The folding outlet and keyword values share: ASCII lower case, whitespace runs collapsed,
// surrounding whitespace dropped.
std::string fold_filter_value(std::string_view value);

}  // namespace newsdex::schema
