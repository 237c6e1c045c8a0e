// Task entries in storage and in the chain (SPEC §4, docs/audit.md): state, evidence and step
// read back as written; the chain appends them only for task entries, so a database written
// before tasks existed migrates and still verifies.

#include "audit/chain.hpp"
#include "errors.hpp"
#include "planfile/plan_file.hpp"
#include "storage/storage.hpp"
#include "support/dates.hpp"
#include "support/files.hpp"
#include "support/plan_files.hpp"
#include "support/test_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace plantrack::storage {
namespace {

const Timestamp recorded = support::at(2019, 6, 30, 8);

const std::string plan_with_task =
    support::sample_plan_yaml("demo", "示例规划", support::sample_patents_target) + R"(tasks:
  - id: fund
    title: 设立引导基金
    responsible: [区金融办]
    deadline: 2019-12-31
    steps:
      - {id: rules, date: 2019-03-31, title: 出台管理办法}
    source: "设立引导基金"
)";

PlanDocument demo_plan() {
  auto loaded = planfile::load_plan(plan_with_task, "demo.yaml");
  return {loaded.plan, loaded.document};
}

Entry task_entry() {
  Entry e;
  e.plan_id = "demo";
  e.target_id = "fund";
  e.period = parse_period("2019Q1");
  e.value_text = "推进中";
  e.state = TaskState::in_progress;
  e.evidence = {"区金融办〔2019〕3号", "会议纪要"};
  e.step = "rules";
  e.note = "管理办法已出台";
  e.recorded_at = recorded;
  e.recorded_by = "tester";
  return e;
}

Entry target_entry() {
  Entry e;
  e.plan_id = "demo";
  e.target_id = "patents";
  e.period = parse_period("2018");
  e.value = 4400;
  e.value_text = "4400";
  e.recorded_at = recorded;
  e.recorded_by = "tester";
  return e;
}

// A database file in a fresh temporary folder.
struct TempDatabase {
  support::TempDir dir{"plantrack-task-storage"};
  std::string path() const { return (dir.path() / "plantrack.db").string(); }
};

std::string read_text(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(TaskChain, a_task_entry_appends_state_evidence_and_step_to_the_canonical_array) {
  Entry e = task_entry();
  e.id = 7;
  EXPECT_EQ(audit::canonical_bytes(e),
            "[7,\"log\",null,\"demo\",\"fund\",\"2019Q1\",\"推进中\",\"\",0.0,"
            "\"2019-06-30T08:00:00Z\",\"tester\",\"\",\"管理办法已出台\",false,[],\"\","
            "\"in_progress\",[\"区金融办〔2019〕3号\",\"会议纪要\"],\"rules\"]");
}

TEST(TaskChain, state_evidence_and_step_are_covered_by_the_hash) {
  Entry e = task_entry();
  e.id = 1;
  std::string base = audit::chain_hash(audit::genesis_hash, e);
  Entry other_state = e;
  other_state.state = TaskState::done;
  Entry other_evidence = e;
  other_evidence.evidence.pop_back();
  Entry other_step = e;
  other_step.step.clear();
  for (const Entry* changed : {&other_state, &other_evidence, &other_step})
    EXPECT_NE(audit::chain_hash(audit::genesis_hash, *changed), base);
}

TEST(TaskStorage, a_task_entry_reads_back_as_written) {
  auto db = support::open_test_store();
  db->import_plans({demo_plan()}, recorded, "tester", "");
  std::vector<Entry> batch{task_entry(), target_entry()};
  db->append_entries(batch);
  auto stored = db->entries({});
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].state, TaskState::in_progress);
  EXPECT_EQ(stored[0].evidence, (std::vector<std::string>{"区金融办〔2019〕3号", "会议纪要"}));
  EXPECT_EQ(stored[0].step, "rules");
  EXPECT_EQ(stored[0].value_text, "推进中");
  EXPECT_FALSE(stored[1].state.has_value());
  EXPECT_TRUE(stored[1].evidence.empty());
  // Assessment reads the state and step too.
  auto assessed = db->assessment_entries("demo");
  ASSERT_EQ(assessed.size(), 2u);
  for (const auto& e : assessed)
    if (e.target_id == "fund") {
      EXPECT_EQ(e.state, TaskState::in_progress);
      EXPECT_EQ(e.step, "rules");
    }
  EXPECT_FALSE(audit::verify_chain(db->entries({}), db->highest_entry_id()).broken);
}

TEST(TaskStorage, the_database_refuses_an_unknown_state) {
  TempDatabase file;
  open_sqlite(file.path())->import_plans({demo_plan()}, recorded, "tester", "");
  SQLite::Database raw(file.path(), SQLite::OPEN_READWRITE);
  EXPECT_THROW(raw.exec("INSERT INTO entries (plan_id, target_id, period, value, value_text, "
                        "unit, recorded_at, recorded_by, hash, state) VALUES ('demo', 'fund', "
                        "'2019', 0, 'x', '', '2019-06-30T08:00:00Z', 't', 'h', 'half_done')"),
               SQLite::Exception);
}

// A database at schema version 1 (before tasks), with one plan whose file already listed a task
// and one target entry hashed with the 16-field array, migrates to the latest version: the
// chain still verifies, the entry keeps its period though its stored bounds are gone and its
// hash is stored as 32 bytes (migration 007), and the task can be logged to.
TEST(TaskStorage, a_version_1_database_migrates_and_its_chain_still_verifies) {
  TempDatabase file;
  std::string first_hash;
  {
    SQLite::Database raw(file.path(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec(read_text(std::string(PLANTRACK_SOURCE_DIR) + "/schemas/migrations/001_init.sql"));
    raw.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
             "applied_at TEXT NOT NULL);"
             "INSERT INTO schema_migrations VALUES (1, 'init', '2019-06-30T08:00:00Z');");
    SQLite::Statement plan(raw, "INSERT INTO plans (id, created_at) VALUES ('demo', ?)");
    plan.bind(1, format_timestamp(recorded));
    plan.exec();
    SQLite::Statement revision(raw, "INSERT INTO plan_revisions (plan_id, revision, document, "
                                    "imported_at, imported_by) VALUES ('demo', 1, ?, ?, 'tester')");
    revision.bind(1, demo_plan().document.dump());
    revision.bind(2, format_timestamp(recorded));
    revision.exec();
    raw.exec("INSERT INTO targets (plan_id, id) VALUES ('demo', 'patents')");
    Entry e = target_entry();
    e.id = 1;
    e.hash = audit::chain_hash(audit::genesis_hash, e);
    first_hash = e.hash;
    SQLite::Statement insert(raw, "INSERT INTO entries (id, plan_id, target_id, period, "
                                  "period_start, period_end, value, value_text, unit, "
                                  "recorded_at, recorded_by, hash) VALUES (1, 'demo', 'patents', "
                                  "'2018', '2018-01-01', '2018-12-31', 4400, '4400', '', ?, "
                                  "'tester', ?)");
    insert.bind(1, format_timestamp(recorded));
    insert.bind(2, e.hash);
    insert.exec();
  }
  auto db = open_sqlite(file.path());
  EXPECT_EQ(db->migrate(), 7);
  auto check = audit::verify_chain(db->entries({}), db->highest_entry_id());
  EXPECT_FALSE(check.broken) << check.broken->why;
  auto stored = db->entries({});
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].period.text, "2018");
  EXPECT_EQ(format_date(stored[0].period.start), "2018-01-01");
  EXPECT_EQ(format_date(stored[0].period.end), "2018-12-31");
  EXPECT_EQ(stored[0].hash, first_hash);
  {
    SQLite::Database raw(file.path(), SQLite::OPEN_READONLY);
    EXPECT_EQ(raw.execAndGet("SELECT COUNT(*) FROM pragma_table_info('entries') "
                             "WHERE name IN ('period_start', 'period_end')")
                  .getInt(),
              0);
    EXPECT_EQ(raw.execAndGet("SELECT lower(hex(hash)) FROM entries WHERE id = 1 AND "
                             "typeof(hash) = 'blob' AND length(hash) = 32")
                  .getString(),
              first_hash);
  }
  std::vector<Entry> batch{task_entry()};
  db->append_entries(batch); // `fund` was registered from the stored plan document
  check = audit::verify_chain(db->entries({}), db->highest_entry_id());
  EXPECT_FALSE(check.broken);
  EXPECT_EQ(check.entries, 2u);
  SQLite::Database raw(file.path(), SQLite::OPEN_READONLY);
  EXPECT_EQ(raw.execAndGet("SELECT COUNT(*) FROM entries WHERE typeof(hash) = 'blob'").getInt(), 2);
}

} // namespace
} // namespace plantrack::storage
