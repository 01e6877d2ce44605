// Regression: messages that named the wrong cause or none: a read-only database folder was
// "locked by another writer"; invalid UTF-8 in a query gave a puzzling error; "cannot open
// file" said no why; a symbolic link loop and a dropped 10,000-character word were silent;
// 9999-12-31 was refused as a date; `outlet:` with a very long outlet found nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "cli_runner.h"
#include "query_json.h"

namespace newsdex::test {
namespace {

namespace fs = std::filesystem;

// Root ignores file permissions: run the binary as nobody then (setpriv, from util-linux).
CommandResult run_unprivileged(const std::string& binary, const std::vector<std::string>& args) {
  if (geteuid() != 0) return run_command(binary, args);
  std::vector<std::string> wrapped = {"--reuid=65534", "--regid=65534", "--clear-groups", binary};
  wrapped.insert(wrapped.end(), args.begin(), args.end());
  return run_command("/usr/bin/setpriv", wrapped);
}

class Messages : public ::testing::Test {
 protected:
  void SetUp() override { fs::permissions(dir_.path(), fs::perms::all); }
  CommandResult index(const std::vector<std::string>& inputs) {
    std::vector<std::string> args = {"--db", db_.string()};
    args.insert(args.end(), inputs.begin(), inputs.end());
    return run_command(NEWSDEX_INDEX_BIN, args);
  }
  fs::path write(const std::string& name, const std::string& text) {
    const auto file = dir_.path() / name;
    std::ofstream(file) << text;
    return file;
  }
  TempDir dir_;
  fs::path db_ = dir_.path() / "db";
};

TEST_F(Messages, AReadOnlyDatabaseIsNotReportedAsLocked) {
  ASSERT_EQ(index({write("a.jsonl", "{\"id\": \"a\", \"body\": \"ships\"}\n").string()}).exit_code,
            0);
  fs::permissions(db_, fs::perms::owner_write | fs::perms::group_write | fs::perms::others_write,
                  fs::perm_options::remove);
  for (const auto& entry : fs::directory_iterator(db_))
    fs::permissions(entry.path(),
                    fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  const auto b = write("b.jsonl", "{\"id\": \"b\", \"body\": \"cargo\"}\n");
  const auto run = run_unprivileged(NEWSDEX_INDEX_BIN, {"--db", db_.string(), b.string()});
  EXPECT_EQ(run.exit_code, 1) << run.err;
  EXPECT_EQ(run.err.find("locked by another writer"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("Permission denied"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("needs write access"), std::string::npos) << run.err;
}

TEST_F(Messages, InvalidUtf8InAQueryIsRepairedBeforeLexing) {
  ASSERT_EQ(
      index({write("a.jsonl", "{\"id\": \"a\", \"body\": \"cocoa ships\"}\n").string()}).exit_code,
      0);
  // \xc3 starts a two-byte sequence that '(' does not continue: U+FFFD, then a parenthesis.
  const auto bad = run_command(NEWSDEX_QUERY_BIN,
                               {"--db", db_.string(), "--syntax", "strict", "cocoa \xc3\x28"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("invalid UTF-8"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("cocoa \xEF\xBF\xBD("), std::string::npos) << bad.err;
  // Read leniently (the default), the note says so too, and the word is found.
  const auto lenient = run_command(NEWSDEX_QUERY_BIN, {"--db", db_.string(), "cocoa \xc3\x28"});
  EXPECT_EQ(lenient.exit_code, 0) << lenient.err;
  EXPECT_NE(lenient.err.find("invalid UTF-8"), std::string::npos) << lenient.err;
  // A query that parses: the hit is found and the JSON (which must be valid UTF-8) parses.
  const auto q = query_json(db_, "cocoa \xff");
  EXPECT_EQ(q.exit_code, 0) << q.err;
  EXPECT_EQ(ids(q), (std::set<std::string>{"a"}));
}

TEST_F(Messages, CannotOpenFileSaysWhy) {
  const auto locked_jsonl = write("locked.jsonl", "{\"id\": \"a\", \"body\": \"ships\"}\n");
  const auto locked_txt = write("locked.txt", "Title: Harbour\n\nShips and cargo.\n");
  fs::permissions(locked_jsonl, fs::perms::none);
  fs::permissions(locked_txt, fs::perms::none);
  const auto ok = write("ok.jsonl", "{\"id\": \"ok\", \"body\": \"ships\"}\n");
  const auto run = run_unprivileged(
      NEWSDEX_INDEX_BIN, {"--db", db_.string(), locked_jsonl.string(), locked_txt.string(),
                          (dir_.path() / "missing.jsonl").string(), ok.string()});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_NE(run.err.find("locked.jsonl: skipped: cannot open file: Permission denied"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("locked.txt: skipped: cannot open file: Permission denied"),
            std::string::npos)
      << run.err;
  EXPECT_NE(run.err.find("missing.jsonl: skipped: no such file or folder"), std::string::npos)
      << run.err;
}

TEST_F(Messages, ASymbolicLinkLoopIsReported) {
  const auto folder = dir_.path() / "in";
  fs::create_directories(folder);
  std::ofstream(folder / "ok.jsonl") << "{\"id\": \"ok\", \"body\": \"ships\"}\n";
  fs::create_symlink("b", folder / "a");
  fs::create_symlink("a", folder / "b");
  const auto run = index({folder.string()});
  EXPECT_EQ(run.exit_code, 3) << run.err;
  EXPECT_NE(run.err.find("a: skipped: cannot follow symbolic link: Too many levels of symbolic "
                         "links"),
            std::string::npos)
      << run.err;
  EXPECT_EQ(ids(query_json(db_, "ships")), (std::set<std::string>{"ok"}));
}

TEST_F(Messages, ADroppedOverlongWordIsWarnedAbout) {
  const auto file = write(
      "long.jsonl", "{\"id\": \"a\", \"body\": \"ships " + std::string(10000, 'q') + " cargo\"}\n");
  for (const auto& jobs : {"1", "2"}) {
    fs::remove_all(db_);
    const auto run =
        run_command(NEWSDEX_INDEX_BIN, {"--db", db_.string(), "--jobs", jobs, file.string()});
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.err.find("long.jsonl:1: warning: left out 1 word longer than 240 bytes"),
              std::string::npos)
        << run.err;
    EXPECT_NE(run.out.find("warnings 1"), std::string::npos) << run.out;
  }
  // Indexed in place (standard input), too.
  fs::remove_all(db_);
  std::ifstream in(file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto run = run_command(NEWSDEX_INDEX_BIN, {"--db", db_.string(), "-"}, text);
  EXPECT_NE(run.err.find("warning: left out 1 word"), std::string::npos) << run.err;
  EXPECT_EQ(ids(query_json(db_, "cargo")), (std::set<std::string>{"a"}));
}

TEST_F(Messages, TheLastDayOfYear9999IsADate) {
  const auto run =
      index({write("a.jsonl", "{\"id\": \"a\", \"date\": \"9999-12-31\", \"body\": \"ships\"}\n")
                 .string()});
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.err.find("unparseable date"), std::string::npos) << run.err;
  const auto q = query_json(db_, "ships date:9999-12-31");
  ASSERT_EQ(q.hits.size(), 1u) << q.err;
  EXPECT_EQ(q.hits[0].date, "9999-12-31");
}

TEST_F(Messages, AVeryLongOutletIsFoundByItsName) {
  const std::string outlet = "The " + std::string(300, 'L') + " Gazette";
  ASSERT_EQ(index({write("a.jsonl",
                         "{\"id\": \"a\", \"outlet\": \"" + outlet + "\", \"body\": \"ships\"}\n")
                       .string()})
                .exit_code,
            0);
  const auto stats = run_command(NEWSDEX_INDEX_BIN, {"--db", db_.string(), "--stats"});
  EXPECT_NE(stats.out.find(outlet), std::string::npos);
  EXPECT_EQ(ids(query_json(db_, "ships outlet:\"" + outlet + "\"")), (std::set<std::string>{"a"}));
  // Case and spacing are folded as for short outlets.
  EXPECT_EQ(ids(query_json(db_, "ships outlet:\"the  " + std::string(300, 'l') + " GAZETTE\"")),
            (std::set<std::string>{"a"}));
}

}  // namespace
}  // namespace newsdex::test
