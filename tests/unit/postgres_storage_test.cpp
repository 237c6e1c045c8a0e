// What only the PostgreSQL backend has to show (SPEC §4): the append-only tables refuse
// UPDATE and DELETE by trigger and by grant, writers in many connections append to one
// linear chain, and a backup is pg_dump's job. Skipped unless PLANTRACK_TEST_POSTGRES names
// a server (ctest's postgres.* tests start one: tests/postgres/server.sh).

#include "audit/approvals.hpp"
#include "audit/chain.hpp"
#include "errors.hpp"
#include "model/units.hpp"
#include "planfile/plan_file.hpp"
#include "storage/storage.hpp"
#include "support/dates.hpp"
#include "support/plan_files.hpp"
#include "support/test_store.hpp"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <set>
#include <string>
#include <thread>
#include <vector>

namespace plantrack::storage {
namespace {

const Timestamp imported_at = support::at(2019, 6, 30, 8);

PlanDocument demo_plan() {
  auto loaded = planfile::load_plan(
      support::sample_plan_yaml("demo-plan", "示例规划",
                                support::sample_patents_target + support::sample_exits_target),
      "demo-plan.yaml");
  return {loaded.plan, loaded.document};
}

Entry patents(const std::string& period, double value, const std::string& by = "tester") {
  Entry e;
  e.plan_id = "demo-plan";
  e.target_id = "patents";
  e.period = parse_period(period);
  e.value = value;
  e.value_text = format_number(value);
  e.recorded_at = imported_at;
  e.recorded_by = by;
  return e;
}

class Postgres : public ::testing::Test {
protected:
  void SetUp() override {
    if (support::test_postgres_url().empty())
      GTEST_SKIP() << "PLANTRACK_TEST_POSTGRES is not set: no PostgreSQL server to test";
    database = std::make_unique<support::TestDatabase>();
    db = database->open();
    db->import_plans({demo_plan()}, imported_at, "tester", "");
  }

  // A statement run straight on the database as the role the tests connect as; the error
  // it fails with, or empty.
  std::string refusal_of(const std::string& sql) {
    pqxx::connection raw(database->location());
    try {
      pqxx::work tx(raw);
      tx.exec(sql);
      tx.commit();
    } catch (const pqxx::sql_error& e) {
      return e.what();
    }
    return "";
  }

  std::unique_ptr<support::TestDatabase> database;
  std::unique_ptr<Storage> db;
};

TEST_F(Postgres, entries_approvals_refusals_and_revisions_cannot_be_updated_or_deleted) {
  std::vector<Entry> batch{patents("2018", 4400)};
  db->append_entries(batch);
  Approval a;
  a.plan_id = "demo-plan";
  a.org = "区科委";
  a.period = parse_period("2018");
  a.by = "王五";
  a.at = imported_at;
  db->append_approval(a, 0);
  db->add_refusal({0, imported_at, "王五", "approve", "refused"});
  for (const char* sql :
       {"UPDATE entries SET value = 1", "DELETE FROM entries", "TRUNCATE entries",
        "UPDATE approvals SET reason = 'x'", "DELETE FROM approvals",
        "UPDATE refusals SET message = 'x'", "DELETE FROM refusals",
        "UPDATE plan_revisions SET reason = 'x'", "DELETE FROM plan_revisions"})
    EXPECT_NE(refusal_of(sql), "") << sql;
  auto stored = db->entries({});
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].value, 4400.0);
  EXPECT_EQ(db->approvals("").size(), 1u);
  EXPECT_EQ(db->refusals().size(), 1u);
}

TEST_F(Postgres, the_owner_is_refused_too_by_the_triggers) {
  std::vector<Entry> batch{patents("2018", 4400)};
  db->append_entries(batch);
  pqxx::connection raw(database->owner_location());
  for (const char* sql : {"UPDATE entries SET value = 1", "DELETE FROM entries WHERE FALSE",
                          "TRUNCATE entries CASCADE", "DELETE FROM approvals",
                          "UPDATE refusals SET message = 'x'", "DELETE FROM plan_revisions"}) {
    pqxx::work tx(raw);
    try {
      tx.exec(sql);
      ADD_FAILURE() << sql << " went through";
    } catch (const pqxx::sql_error& e) {
      // The trigger's refusal, not a missing privilege: the owner has them all.
      EXPECT_EQ(std::string(e.what()).find("permission denied"), std::string::npos) << e.what();
    }
  }
  EXPECT_EQ(db->entries({}).size(), 1u);
}

TEST_F(Postgres, entries_removed_from_the_end_still_count_in_the_highest_id) {
  std::vector<Entry> batch{patents("2017", 4000), patents("2018", 4400)};
  db->append_entries(batch);
  {
    // Only the owner can get past the trigger, by disabling it.
    pqxx::connection raw(database->owner_location());
    pqxx::work tx(raw);
    tx.exec("ALTER TABLE entries DISABLE TRIGGER entries_refuses_delete");
    tx.exec("DELETE FROM entries WHERE id = 2");
    tx.exec("ALTER TABLE entries ENABLE TRIGGER entries_refuses_delete");
    tx.commit();
  }
  EXPECT_EQ(db->highest_entry_id(), 2);
  EXPECT_TRUE(audit::verify_chain(db->entries({}), db->highest_entry_id()).broken);
  std::vector<Entry> next{patents("2019", 4800)};
  EXPECT_EQ(db->append_entries(next), std::vector<std::int64_t>{3}); // ids only grow
}

TEST_F(Postgres, writers_in_many_connections_append_to_one_linear_chain) {
  constexpr int writers = 4;
  constexpr int each = 25;
  std::vector<std::thread> threads;
  for (int w = 0; w < writers; ++w)
    threads.emplace_back([&, w] {
      auto mine = database->open(); // a connection of its own, as another process would
      for (int i = 0; i < each; ++i) {
        std::vector<Entry> one{patents(std::to_string(2000 + i), w * 1000 + i, "w" + std::to_string(w))};
        mine->append_entries(one);
      }
    });
  for (auto& t : threads) t.join();
  auto all = db->entries({});
  ASSERT_EQ(all.size(), static_cast<size_t>(writers * each));
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].id, static_cast<std::int64_t>(i + 1));
  auto check = audit::verify_chain(all, db->highest_entry_id());
  EXPECT_FALSE(check.broken) << check.broken->why;
}

TEST_F(Postgres, a_backup_is_refused_naming_pg_dump) {
  try {
    db->backup_to("copy.db");
    FAIL() << "backup_to should refuse";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("pg_dump"), std::string::npos) << e.what();
  }
}

TEST_F(Postgres, migrate_returns_the_sqlite_schema_version) {
  EXPECT_EQ(db->migrate(), open_sqlite(":memory:")->migrate());
  EXPECT_EQ(database->open()->migrate(), db->migrate());
}

TEST_F(Postgres, a_bad_url_is_a_storage_error) {
  EXPECT_THROW(open_postgres("postgresql://nobody@127.0.0.1:1/none"), StorageError);
}

} // namespace
} // namespace plantrack::storage
