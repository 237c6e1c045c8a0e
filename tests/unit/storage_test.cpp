// Storage tests (SPEC §4): migrations, plan revisions, append-only entries. The AnyStorage
// tests run on SQLite, and on PostgreSQL when PLANTRACK_TEST_POSTGRES names a server
// (support/test_store.hpp); the SqliteStorageFile ones reach into the SQLite file itself.

#include "errors.hpp"
#include "model/units.hpp"
#include "planfile/plan_file.hpp"
#include "storage/storage.hpp"
#include "support/dates.hpp"
#include "support/files.hpp"
#include "support/plan_files.hpp"
#include "support/test_store.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace plantrack::storage {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

using support::ymd;

// A plan file with two targets; `title` lets a test change the document.
std::string plan_yaml(const std::string& id, const std::string& title = "示例规划") {
  return support::sample_plan_yaml(id, title,
                                   support::sample_patents_target + support::sample_exits_target);
}

PlanDocument plan_document(const std::string& id, const std::string& title = "示例规划") {
  auto loaded = planfile::load_plan(plan_yaml(id, title), id + ".yaml");
  return {loaded.plan, loaded.document};
}

const Timestamp imported_at = support::at(2019, 6, 30, 8);

Entry entry_for(const std::string& plan, const std::string& target, const std::string& period,
                double value) {
  Entry e;
  e.plan_id = plan;
  e.target_id = target;
  e.period = parse_period(period);
  e.value = value;
  e.value_text = format_number(value);
  e.recorded_at = imported_at;
  e.recorded_by = "tester";
  return e;
}

class AnyStorage : public ::testing::Test {
protected:
  std::unique_ptr<Storage> db = support::open_test_store();
};

TEST_F(AnyStorage, migrate_is_idempotent) {
  int first = db->migrate();
  int second = db->migrate();
  EXPECT_GE(first, 1);
  EXPECT_EQ(first, second);
}

TEST_F(AnyStorage, import_creates_a_plan) {
  auto outcomes = db->import_plans({plan_document("demo-plan")}, imported_at, "tester", "");
  EXPECT_EQ(outcomes, std::vector<ImportOutcome>{ImportOutcome::created});
  auto found = db->find_plan("demo-plan");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->plan.id, "demo-plan");
  EXPECT_EQ(found->plan.targets.size(), 2u);
  EXPECT_EQ(found->document, plan_document("demo-plan").document);
  auto plans = db->list_plans();
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].id, "demo-plan");
  EXPECT_EQ(plans[0].title, "示例规划");
  EXPECT_EQ(plans[0].revision, 1);
  EXPECT_EQ(plans[0].targets, 2);
  EXPECT_EQ(plans[0].entries, 0);
  EXPECT_EQ(plans[0].imported_at, imported_at);
  EXPECT_EQ(plans[0].imported_by, "tester");
  EXPECT_FALSE(db->find_plan("no-such-plan"));
}

TEST_F(AnyStorage, reimport_of_the_same_document_is_unchanged) {
  db->import_plans({plan_document("demo-plan")}, imported_at, "tester", "");
  auto outcomes =
      db->import_plans({plan_document("demo-plan")}, imported_at + hours(1), "other", "");
  EXPECT_EQ(outcomes, std::vector<ImportOutcome>{ImportOutcome::unchanged});
  auto plans = db->list_plans();
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].revision, 1);
  EXPECT_EQ(plans[0].imported_by, "tester");
}

TEST_F(AnyStorage, changed_document_without_reason_is_refused_and_stores_nothing) {
  db->import_plans({plan_document("demo-plan")}, imported_at, "tester", "");
  EXPECT_THROW(db->import_plans({plan_document("demo-plan", "修订后的规划")},
                                imported_at + hours(1), "tester", ""),
               InputError);
  auto plans = db->list_plans();
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].revision, 1);
  EXPECT_EQ(db->find_plan("demo-plan")->plan.title, "示例规划");
}

TEST_F(AnyStorage, changed_document_with_reason_is_a_new_revision) {
  db->import_plans({plan_document("demo-plan")}, imported_at, "tester", "");
  auto outcomes = db->import_plans({plan_document("demo-plan", "修订后的规划")},
                                   imported_at + hours(1), "reviser", "区政府调整了标题");
  EXPECT_EQ(outcomes, std::vector<ImportOutcome>{ImportOutcome::revised});
  auto plans = db->list_plans();
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].revision, 2);
  EXPECT_EQ(plans[0].title, "修订后的规划");
  EXPECT_EQ(plans[0].imported_by, "reviser");
  EXPECT_EQ(plans[0].imported_at, imported_at + hours(1));
  auto found = db->find_plan("demo-plan");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->plan.title, "修订后的规划");
  EXPECT_EQ(found->document["title"], "修订后的规划");
}

TEST_F(AnyStorage, import_is_all_or_nothing) {
  db->import_plans({plan_document("old-plan")}, imported_at, "tester", "");
  // The second plan differs from its stored revision and no reason is given: the first,
  // new plan must not be stored either.
  EXPECT_THROW(db->import_plans({plan_document("new-plan"), plan_document("old-plan", "改")},
                                imported_at + hours(1), "tester", ""),
               InputError);
  EXPECT_FALSE(db->find_plan("new-plan"));
  auto plans = db->list_plans();
  ASSERT_EQ(plans.size(), 1u);
  EXPECT_EQ(plans[0].id, "old-plan");
  EXPECT_EQ(plans[0].revision, 1);
  // And entries for the plan that was not stored are refused.
  std::vector<Entry> batch{entry_for("new-plan", "patents", "2016", 1)};
  EXPECT_THROW(db->append_entries(batch), StorageError);
}

TEST_F(AnyStorage, append_entries_round_trips_every_field) {
  db->import_plans({plan_document("demo-plan")}, imported_at, "tester", "");
  Entry e;
  e.plan_id = "demo-plan";
  e.target_id = "exits";
  e.period = parse_period("2014-01..2014-11");
  e.value = 26287000.125;
  e.value_text = "2628.7000125";
  e.unit = "亿元";
  e.recorded_at = Timestamp(ymd(2019, 7, 1)) + hours(23) + minutes(59) + seconds(58);
  e.recorded_by = "王科长";
  e.source = "《2014年北京市科技工作总结》, \"1-11月\"";
  e.note = "示例数据; it's a note\nwith a second line";
  e.provisional = true;
  e.entities = {"示例企业01", "Acme \"Holdings\"; Ltd", "北京市通州区某公司"};
  Entry plain = entry_for("demo-plan", "patents", "2018Q2", 3600);

  std::vector<Entry> batch{e, plain};
  auto ids = db->append_entries(batch);
  ASSERT_EQ(ids.size(), 2u);
  EXPECT_NE(ids[0], ids[1]);
  EXPECT_EQ(batch[0].id, ids[0]);
  EXPECT_EQ(batch[1].id, ids[1]);

  auto stored = db->entries({});
  ASSERT_EQ(stored.size(), 2u);
  const Entry& s = stored[0];
  EXPECT_EQ(s.id, ids[0]);
  EXPECT_EQ(s.plan_id, "demo-plan");
  EXPECT_EQ(s.target_id, "exits");
  EXPECT_EQ(s.period.text, "2014-01..2014-11");
  EXPECT_EQ(s.period.start, ymd(2014, 1, 1));
  EXPECT_EQ(s.period.end, ymd(2014, 11, 30));
  EXPECT_EQ(s.value, 26287000.125);
  EXPECT_EQ(s.value_text, "2628.7000125");
  EXPECT_EQ(s.unit, "亿元");
  EXPECT_EQ(s.recorded_at, e.recorded_at);
  EXPECT_EQ(s.recorded_by, "王科长");
  EXPECT_EQ(s.source, e.source);
  EXPECT_EQ(s.note, e.note);
  EXPECT_TRUE(s.provisional);
  EXPECT_EQ(s.entities, e.entities);

  const Entry& p = stored[1];
  EXPECT_EQ(p.id, ids[1]);
  EXPECT_EQ(p.target_id, "patents");
  EXPECT_EQ(p.period.text, "2018Q2");
  EXPECT_EQ(p.period.start, ymd(2018, 4, 1));
  EXPECT_EQ(p.period.end, ymd(2018, 6, 30));
  EXPECT_EQ(p.value, 3600.0);
  EXPECT_EQ(p.unit, "");
  EXPECT_EQ(p.source, "");
  EXPECT_EQ(p.note, "");
  EXPECT_FALSE(p.provisional);
  EXPECT_TRUE(p.entities.empty());

  EXPECT_EQ(db->list_plans()[0].entries, 2);
}

TEST_F(AnyStorage, value_keeps_full_double_precision) {
  db->import_plans({plan_document("demo-plan")}, imported_at, "tester", "");
  std::vector<Entry> batch{entry_for("demo-plan", "patents", "2016", 0.1 + 0.2),
                           entry_for("demo-plan", "patents", "2017", -1e-300)};
  db->append_entries(batch);
  auto stored = db->entries({});
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].value, 0.1 + 0.2);
  EXPECT_EQ(stored[1].value, -1e-300);
}

TEST_F(AnyStorage, entry_for_an_unknown_target_fails_and_appends_nothing) {
  db->import_plans({plan_document("demo-plan")}, imported_at, "tester", "");
  std::vector<Entry> batch{entry_for("demo-plan", "patents", "2016", 3000),
                           entry_for("demo-plan", "no-such-target", "2016", 1),
                           entry_for("demo-plan", "patents", "2017", 3500)};
  EXPECT_THROW(db->append_entries(batch), StorageError);
  EXPECT_TRUE(db->entries({}).empty());
  // The storage is still usable afterwards: the failed transaction was rolled back.
  std::vector<Entry> good{entry_for("demo-plan", "patents", "2016", 3000)};
  EXPECT_EQ(db->append_entries(good).size(), 1u);
  EXPECT_EQ(db->entries({}).size(), 1u);
}

TEST_F(AnyStorage, entries_filter_by_plan_and_target) {
  db->import_plans({plan_document("plan-a"), plan_document("plan-b")}, imported_at, "tester", "");
  std::vector<Entry> batch{entry_for("plan-a", "patents", "2016", 1),
                           entry_for("plan-a", "exits", "2016", 2),
                           entry_for("plan-b", "patents", "2016", 3),
                           entry_for("plan-a", "patents", "2017", 4)};
  db->append_entries(batch);
  auto values = [](const std::vector<Entry>& entries) {
    std::vector<double> out;
    for (const auto& e : entries) out.push_back(e.value);
    return out;
  };
  EXPECT_EQ(values(db->entries({})), (std::vector<double>{1, 2, 3, 4}));
  EXPECT_EQ(values(db->entries({"plan-a", ""})), (std::vector<double>{1, 2, 4}));
  EXPECT_EQ(values(db->entries({"plan-a", "patents"})), (std::vector<double>{1, 4}));
  EXPECT_EQ(values(db->entries({"plan-b", ""})), (std::vector<double>{3}));
  EXPECT_EQ(values(db->entries({"plan-b", "exits"})), (std::vector<double>{}));
  EXPECT_TRUE(db->entries({"plan-c", ""}).empty());
}

// A database file in a fresh temporary folder, removed with its WAL files at the end.
class TempDatabase {
public:
  const std::string& path() const { return path_; }

private:
  support::TempDir dir_{"plantrack-storage-test"};
  std::string path_ = (dir_.path() / "test.db").string();
};

TEST(SqliteStorageFile, entries_cannot_be_updated_or_deleted_through_sql) {
  TempDatabase file;
  {
    auto db = open_sqlite(file.path());
    db->import_plans({plan_document("demo-plan")}, imported_at, "tester", "");
    std::vector<Entry> batch{entry_for("demo-plan", "patents", "2018", 4400)};
    db->append_entries(batch);
  }
  SQLite::Database raw(file.path(), SQLite::OPEN_READWRITE);
  EXPECT_THROW(raw.exec("UPDATE entries SET value = 1"), SQLite::Exception);
  EXPECT_THROW(raw.exec("DELETE FROM entries"), SQLite::Exception);
  EXPECT_EQ(raw.execAndGet("SELECT COUNT(*) FROM entries").getInt(), 1);
  EXPECT_EQ(raw.execAndGet("SELECT value FROM entries").getDouble(), 4400.0);
  EXPECT_EQ(raw.execAndGet("SELECT period FROM entries").getString(), "2018");

  // Reopened through the storage layer, the entry is still there, unchanged.
  auto db = open_sqlite(file.path());
  auto stored = db->entries({});
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0].value, 4400.0);
}

TEST(SqliteStorageFile, plan_revisions_cannot_be_updated_or_deleted_through_sql) {
  TempDatabase file;
  open_sqlite(file.path())->import_plans({plan_document("demo-plan")}, imported_at, "tester", "");
  SQLite::Database raw(file.path(), SQLite::OPEN_READWRITE);
  EXPECT_THROW(raw.exec("UPDATE plan_revisions SET reason = 'x'"), SQLite::Exception);
  EXPECT_THROW(raw.exec("DELETE FROM plan_revisions"), SQLite::Exception);
  EXPECT_EQ(raw.execAndGet("SELECT COUNT(*) FROM plan_revisions").getInt(), 1);
}

TEST(SqliteStorageFile, reopening_a_file_keeps_the_schema_version) {
  TempDatabase file;
  int version = open_sqlite(file.path())->migrate();
  EXPECT_EQ(open_sqlite(file.path())->migrate(), version);
}

TEST(SqliteStorageFile, unopenable_path_is_a_storage_error) {
  EXPECT_THROW(open_sqlite("/nonexistent-dir/plantrack/x.db"), StorageError);
}

} // namespace
} // namespace plantrack::storage
