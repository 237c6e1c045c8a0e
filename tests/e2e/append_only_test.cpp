// End-to-end tests of the append-only rule as the database enforces it (SPEC §4): its triggers
// refuse UPDATE, DELETE and INSERT OR REPLACE of entries and plan revisions, and a correction
// without a reason or of an entry already replaced, whoever writes the SQL.

#include "audited.hpp"
#include "support/tamper.hpp"
#include "support/text.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <vector>

using plantrack::testing::Audited;
using plantrack::support::replaced;

// ---------------------------------------------------------------------------------------------
// Append-only, enforced by the database

TEST_F(Audited, the_database_refuses_update_and_delete_of_entries) {
  log("audit/rd", "2.4", "2018");
  log("audit/rd", "2.5", "2018Q4");
  auto before = snapshot();
  {
    SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
    try {
      raw.exec("UPDATE entries SET value = 3.0 WHERE id = 1");
      ADD_FAILURE() << "UPDATE entries was allowed";
    } catch (const SQLite::Exception& e) {
      EXPECT_STREQ(e.what(), "entries are append-only: log a correction instead");
    }
    try {
      raw.exec("DELETE FROM entries WHERE id = 2");
      ADD_FAILURE() << "DELETE FROM entries was allowed";
    } catch (const SQLite::Exception& e) {
      EXPECT_STREQ(e.what(), "entries are append-only: log a retraction instead");
    }
    EXPECT_THROW(raw.exec("UPDATE entries SET hash = 'x'"), SQLite::Exception);
    EXPECT_THROW(raw.exec("DELETE FROM entries"), SQLite::Exception);
  }
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(cli.run({"audit", "verify"}).code, 0);
}

// REPLACE deletes the row it conflicts with; SQLite fires no delete trigger for that unless
// recursive triggers are on, so the update and delete triggers alone do not stop it.
TEST_F(Audited, the_database_refuses_insert_or_replace_over_an_entry) {
  log("audit/rd", "2.4", "2018");
  auto before = snapshot();
  {
    SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
    EXPECT_THROW(raw.exec(plantrack::support::replace_first_entry_sql),
                 SQLite::Exception);
  }
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(cli.run({"audit", "verify"}).code, 0);
}

TEST_F(Audited, the_database_refuses_insert_or_replace_over_a_plan_revision) {
  auto before = snapshot();
  {
    SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
    EXPECT_THROW(raw.exec("INSERT OR REPLACE INTO plan_revisions (plan_id, revision, document, "
                          "imported_at, imported_by, reason, changes) SELECT plan_id, revision, "
                          "replace(document, '\"value\":70', '\"value\":60'), imported_at, "
                          "'someone else', reason, changes FROM plan_revisions WHERE revision = 1"),
                 SQLite::Exception);
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(Audited, the_database_refuses_update_and_delete_of_plan_revisions) {
  ok({"plan", "import", cli.write("audit.yaml", replaced(plan_text, "value: 70", "value: 75")),
      "--reason", "中期调整"});
  auto before = snapshot();
  {
    SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
    try {
      raw.exec("UPDATE plan_revisions SET reason = '' WHERE revision = 2");
      ADD_FAILURE() << "UPDATE plan_revisions was allowed";
    } catch (const SQLite::Exception& e) {
      EXPECT_STREQ(e.what(), "plan revisions are append-only: import a new revision instead");
    }
    try {
      raw.exec("DELETE FROM plan_revisions WHERE revision = 2");
      ADD_FAILURE() << "DELETE FROM plan_revisions was allowed";
    } catch (const SQLite::Exception& e) {
      EXPECT_STREQ(e.what(), "plan revisions are append-only: import a new revision instead");
    }
    EXPECT_THROW(raw.exec("UPDATE plan_revisions SET document = '{}'"), SQLite::Exception);
    EXPECT_THROW(raw.exec("DELETE FROM plan_revisions"), SQLite::Exception);
  }
  EXPECT_EQ(snapshot(), before);
}

TEST_F(Audited, the_database_refuses_a_correction_without_a_reason_or_of_a_replaced_entry) {
  log("audit/rd", "2.4", "2018");
  ok({"correct", "1", "2.6", "--reason", "年报修订"});
  SQLite::Database raw(cli.db(), SQLite::OPEN_READWRITE);
  const char* insert =
      "INSERT INTO entries (plan_id, target_id, period, value, value_text, unit, recorded_at, "
      "recorded_by, action, corrects, reason, hash) VALUES ('audit', 'rd', '2018', 2.7, '2.7', "
      "'', '2019-06-30T08:00:00Z', 'x', 'correct', %s, %s, 'h')";
  auto sql = [&](const char* corrects, const char* reason) {
    char buffer[600];
    std::snprintf(buffer, sizeof buffer, insert, corrects, reason);
    return std::string(buffer);
  };
  EXPECT_THROW(raw.exec(sql("2", "'  '")), SQLite::Exception);   // a blank reason
  EXPECT_THROW(raw.exec(sql("1", "'又一次'")), SQLite::Exception); // 1 was already corrected
  EXPECT_THROW(raw.exec(sql("NULL", "'无'")), SQLite::Exception);  // a correction of nothing
  // The same statement with a reason, correcting the latest version, is accepted: the refusals
  // above come from the reason and the replaced-once rules, not from something else.
  EXPECT_NO_THROW(raw.exec(sql("2", "'有效理由'")));
}
