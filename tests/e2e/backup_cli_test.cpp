// End-to-end tests of `plantrack backup --to FILE`: the copy is written, opened and verified
// before it gets its name, and a restore drill: the copy, used as the database, gives the same
// status, history and audit as the original. (Backing up while others write:
// tests/process/backup_test.cpp.)

#include "cli_harness.hpp"

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>

using plantrack::testing::Cli;
using plantrack::testing::fixture;

namespace {

class Backup : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    ASSERT_EQ(cli.run({"plan", "import", fixture("plans/tongzhou-st-2020.yaml")}).code, 0);
    auto imported = cli.run({"import", fixture("entries/tongzhou-st-2020.csv")});
    ASSERT_EQ(imported.code, 0) << imported.err;
    ASSERT_EQ(cli.run({"submit", "tongzhou-st-2020", "--org", "区科委", "--period", "2019"}).code, 0);
  }
  // The same command against `db`.
  plantrack::testing::Result on(const std::string& db, std::vector<std::string> args) {
    args.insert(args.begin(), {"plantrack", "--db", db, "--as-of", "2020-06-30"});
    return cli.run_raw(args);
  }
  Cli cli;
};

TEST_F(Backup, the_copy_is_verified_and_restores_the_same_data) {
  const std::string copy = (cli.dir() / "backups" / "plantrack-copy.db").string();
  std::filesystem::create_directories(cli.dir() / "backups");
  auto made = cli.run({"backup", "--to", copy});
  ASSERT_EQ(made.code, 0) << made.err;
  EXPECT_EQ(made.out.rfind("backup " + copy + " written and verified: ", 0), 0u) << made.out;
  EXPECT_NE(made.out.find(" 1 approval actions (schema version 7, "), std::string::npos) << made.out;
  EXPECT_FALSE(std::filesystem::exists(copy + ".partial"));

  // The restore drill: the copy is a database of its own with the same data.
  for (std::vector<std::string> args :
       {std::vector<std::string>{"status", "--format", "json"},
        {"entries", "--format", "csv"},
        {"approvals", "tongzhou-st-2020", "--format", "json"},
        {"plan", "export", "tongzhou-st-2020"}}) {
    auto original = on(cli.db(), args);
    auto restored = on(copy, args);
    ASSERT_EQ(original.code, 0) << original.err;
    EXPECT_EQ(restored.code, 0) << restored.err;
    EXPECT_EQ(restored.out, original.out) << args[0];
  }
  auto verified = on(copy, {"audit", "verify"});
  EXPECT_EQ(verified.code, 0) << verified.err;
  EXPECT_EQ(verified.out, on(cli.db(), {"audit", "verify"}).out);
}

TEST_F(Backup, never_overwrites_and_names_the_fix) {
  const std::string existing = cli.write("taken.db", "something");
  auto taken = cli.run({"backup", "--to", existing});
  EXPECT_EQ(taken.code, 1);
  EXPECT_EQ(taken.err, "plantrack: error: '" + existing + "' exists; a backup never overwrites a "
                       "file, choose a new name\n");
  const std::string nowhere = (cli.dir() / "no-such-folder" / "b.db").string();
  auto missing = cli.run({"backup", "--to", nowhere});
  EXPECT_EQ(missing.code, 1);
  EXPECT_EQ(missing.err, "plantrack: error: folder '" + (cli.dir() / "no-such-folder").string() +
                             "' does not exist; create it first or choose another --to\n");
}

TEST_F(Backup, a_copy_of_a_tampered_database_does_not_get_its_name) {
  {
    SQLite::Database db(cli.db(), SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER entries_are_append_only_update");
    db.exec("UPDATE entries SET note = 'altered' WHERE id = 3");
  }
  const std::string copy = (cli.dir() / "copy.db").string();
  auto made = cli.run({"backup", "--to", copy});
  EXPECT_EQ(made.code, 5);
  EXPECT_EQ(made.err.rfind("plantrack: error: backup " + copy + ".partial does not verify: audit "
                           "chain broken at entry 3: ", 0),
            0u)
      << made.err;
  EXPECT_FALSE(std::filesystem::exists(copy));
  EXPECT_TRUE(std::filesystem::exists(copy + ".partial"));
}

} // namespace
