// End-to-end tests of `plantrack audit verify` (SPEC §4; docs/audit.md): the hash chain over
// logs, corrections and retractions, and tampering behind the engine's back (edited, deleted,
// reordered or rewritten rows) detected at the entry where it happened, exit 5. On SQLite and,
// rerun as postgres.audit_verify_cli_test, on PostgreSQL, tampering there as the schema's owner.

#include "audited.hpp"
#include "audit/chain.hpp"
#include "storage/storage.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using plantrack::testing::Audited;

// ---------------------------------------------------------------------------------------------
// Tamper evidence

TEST_F(Audited, audit_verify_of_an_empty_database_is_the_genesis) {
  auto r = ok({"audit", "verify"});
  EXPECT_EQ(r.out, "audit chain verified: 0 entries, head " + std::string(64, '0') + "\n");
}

TEST_F(Audited, audit_verify_passes_over_logs_corrections_and_retractions) {
  log("audit/rd", "2.4", "2018");
  log("audit/exits", "2", "2017", {"--entity", "企业甲", "--entity", "企业乙"});
  ok({"correct", "1", "2.6", "--reason", "年报修订"});
  ok({"retract", "2", "--reason", "重复录入"});
  auto all = entries();
  ASSERT_EQ(all.size(), 4u);
  // Each hash chains to the one before: SHA-256(previous hex ‖ canonical bytes).
  std::string previous(64, '0');
  auto storage = cli.open_owner();
  for (const auto& e : storage->entries({})) {
    EXPECT_EQ(e.hash, plantrack::audit::sha256_hex(previous + plantrack::audit::canonical_bytes(e)))
        << e.id;
    previous = e.hash;
  }
  storage.reset();
  auto r = ok({"audit", "verify"});
  EXPECT_EQ(r.out, "audit chain verified: 4 entries, head " + all[3]["hash"].get<std::string>() +
                       "\n");
}

namespace {

// Four entries logged through the engine; then the triggers are dropped and `tamper` runs
// plain SQL behind the engine's back.
struct Tampered : Audited {
  std::vector<std::string> hashes; // hashes[i] is entry i+1's hash
  void SetUp() override {
    Audited::SetUp();
    if (HasFatalFailure()) return;
    log("audit/patents", "3500", "2016", {"--source", "统计年报"});
    log("audit/patents", "4000", "2017");
    log("audit/patents", "4500", "2018");
    log("audit/rd", "2.4", "2018");
    for (const auto& e : entries()) hashes.push_back(e["hash"]);
    ASSERT_EQ(hashes.size(), 4u);
    ASSERT_EQ(cli.run({"audit", "verify"}).code, 0);
  }
  void tamper(const std::vector<std::string>& statements) {
    if (cli.postgres()) {
      cli.sql("ALTER TABLE entries DISABLE TRIGGER USER");
    } else {
      cli.sql("DROP TRIGGER entries_are_append_only_update");
      cli.sql("DROP TRIGGER entries_are_append_only_delete");
    }
    for (const auto& s : statements) cli.sql(s);
  }
  // `audit verify` exits 5, prints nothing on stdout and exactly `why` for entry `id`.
  void expect_broken_at(int id, const std::string& why) {
    auto r = cli.run({"audit", "verify"});
    EXPECT_EQ(r.code, 5);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "plantrack: error: audit chain broken at entry " + std::to_string(id) + ": " +
                         why + "\n");
  }
};

} // namespace

TEST_F(Tampered, an_edited_value_is_detected) {
  tamper({"UPDATE entries SET value = 4200, value_text = '4200' WHERE id = 2"});
  auto edited = cli.open_owner()->find_entry(2);
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->value, 4200);
  std::string computed = plantrack::audit::chain_hash(hashes[0], *edited);
  expect_broken_at(2, "entry 2 was altered or its hash replaced (stored " + hashes[1].substr(0, 12) +
                          ", computed " + computed.substr(0, 12) + ")");
}

TEST_F(Tampered, an_edited_recorder_is_detected) {
  tamper({"UPDATE entries SET recorded_by = '别人' WHERE id = 3"});
  auto r = cli.run({"audit", "verify"});
  EXPECT_EQ(r.code, 5);
  EXPECT_EQ(r.err.rfind("plantrack: error: audit chain broken at entry 3: entry 3 was altered or "
                        "its hash replaced (stored " + hashes[2].substr(0, 12) + ", computed ",
                        0),
            0u)
      << r.err;
}

TEST_F(Tampered, a_deleted_middle_row_is_detected) {
  tamper({"DELETE FROM entries WHERE id = 2"});
  expect_broken_at(3, "entry 3 does not follow entry 1: entry 2 is missing or the entry was "
                      "altered");
}

TEST_F(Tampered, a_deleted_last_row_is_detected) {
  tamper({"DELETE FROM entries WHERE id = 4"});
  expect_broken_at(4, "entry 4 was removed from the end of the chain");
}

TEST_F(Tampered, reordered_rows_are_detected) {
  // Swap the ids of rows 2 and 3 through a temporary id.
  tamper({"UPDATE entries SET id = 100 WHERE id = 2", "UPDATE entries SET id = 2 WHERE id = 3",
          "UPDATE entries SET id = 3 WHERE id = 100"});
  auto moved = cli.open_owner()->find_entry(2);
  ASSERT_TRUE(moved);
  EXPECT_EQ(moved->value, 4500); // row 2 now holds what was entry 3
  std::string computed = plantrack::audit::chain_hash(hashes[0], *moved);
  expect_broken_at(2, "entry 2 was altered or its hash replaced (stored " + hashes[2].substr(0, 12) +
                          ", computed " + computed.substr(0, 12) + ")");
}

TEST_F(Tampered, swapped_hashes_are_detected) {
  tamper({"UPDATE entries SET hash = CASE id WHEN 2 THEN '" + hashes[2] + "' ELSE '" + hashes[1] +
          "' END WHERE id IN (2, 3)"});
  expect_broken_at(2, "entry 2 was altered or its hash replaced (stored " + hashes[2].substr(0, 12) +
                          ", computed " + hashes[1].substr(0, 12) + ")");
}

TEST_F(Tampered, a_row_rewritten_with_insert_or_replace_is_detected) {
  // Even with the triggers in place (see the_database_refuses_insert_or_replace_over_an_entry),
  // the chain catches a row rewritten this way.
  if (cli.postgres()) {
    // PostgreSQL's way of rewriting a row in place is an upsert, which the trigger refuses.
    EXPECT_ANY_THROW(cli.sql("INSERT INTO entries SELECT * FROM entries WHERE id = 2 "
                             "ON CONFLICT (id) DO UPDATE SET value = 4200, value_text = '4200'"));
    EXPECT_EQ(cli.run({"audit", "verify"}).code, 0);
    return;
  }
  try {
    cli.sql("INSERT OR REPLACE INTO entries (id, plan_id, target_id, period, value, "
             "value_text, unit, recorded_at, recorded_by, source, note, provisional, entities, "
             "action, corrects, reason, hash) SELECT id, plan_id, target_id, period, 4200, "
             "'4200', unit, recorded_at, recorded_by, source, note, provisional, entities, "
             "action, corrects, reason, hash FROM entries WHERE id = 2");
  } catch (const SQLite::Exception&) {
    return; // refused outright: nothing to detect
  }
  auto r = cli.run({"audit", "verify"});
  EXPECT_EQ(r.code, 5);
  EXPECT_EQ(r.err.rfind("plantrack: error: audit chain broken at entry 2: entry 2 was altered or "
                        "its hash replaced (stored " + hashes[1].substr(0, 12) + ", computed ",
                        0),
            0u)
      << r.err;
}

// A value the engine cannot even read is still tampering: exit 5 naming the entry, not a
// storage or input error.
TEST_F(Tampered, an_unreadable_timestamp_is_reported_as_a_broken_chain) {
  tamper({"UPDATE entries SET recorded_at = 'yesterday' WHERE id = 2"});
  auto r = cli.run({"audit", "verify"});
  EXPECT_EQ(r.code, 5);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("plantrack: error: audit chain broken at entry 2: ", 0), 0u) << r.err;
}

TEST_F(Tampered, an_unreadable_period_is_reported_as_a_broken_chain) {
  tamper({"UPDATE entries SET period = '2018-02-30' WHERE id = 2"});
  auto r = cli.run({"audit", "verify"});
  EXPECT_EQ(r.code, 5);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err.rfind("plantrack: error: audit chain broken at entry 2: ", 0), 0u) << r.err;
}

TEST_F(Tampered, an_edit_with_a_recomputed_hash_is_detected_at_the_next_entry) {
  auto storage = cli.open_owner();
  auto entry = *storage->find_entry(2);
  storage.reset();
  entry.value = 4200;
  entry.value_text = "4200";
  std::string forged = plantrack::audit::chain_hash(hashes[0], entry);
  tamper({"UPDATE entries SET value = 4200, value_text = '4200', hash = '" + forged +
          "' WHERE id = 2"});
  expect_broken_at(3, "entry 3 was altered or its hash replaced (stored " + hashes[2].substr(0, 12) +
                          ", computed " +
                          plantrack::audit::chain_hash(forged, *cli.open_owner()->find_entry(3))
                              .substr(0, 12) +
                          ")");
}

// ---------------------------------------------------------------------------------------------
// A database a later plantrack migrated

// Its rows may be kept where this build would misread them (as 007 made the SQLite hash
// bytes): every command is refused before it reads or writes, exit 3, and nothing changes.
TEST_F(Audited, a_database_a_later_plantrack_migrated_is_refused_and_left_as_it_was) {
  log("audit/rd", "2.4", "2018");
  const std::string verified = ok({"audit", "verify"}).out;
  const std::string rows = cli.cells("entries");
  cli.sql("INSERT INTO schema_migrations (version, name, applied_at) "
          "VALUES (99, 'from_a_later_plantrack', '2030-01-01T00:00:00Z')");
  const std::vector<std::vector<std::string>> commands{
      {"init"}, {"status"}, {"log", "audit/rd", "2.5", "--period", "2019"}, {"audit", "verify"}};
  for (const auto& args : commands) {
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 3) << args.front();
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "plantrack: error: the database is at schema version 99, newer than this "
                     "plantrack knows (7); open it with the plantrack that migrated it, or a "
                     "later one\n");
  }
  EXPECT_EQ(cli.cells("entries"), rows);
  EXPECT_EQ(cli.count("schema_migrations"), 8);
  cli.sql("DELETE FROM schema_migrations WHERE version = 99");
  EXPECT_EQ(ok({"audit", "verify"}).out, verified);
}
