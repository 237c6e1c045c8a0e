// Unit tests of the entry history in CSV (SPEC §3 `entries --format csv`, `import`): the row
// each version of an entry becomes (io/entry_csv.hpp), and an import of such rows, in which a
// row with `corrects` is a correction or a retraction of the earlier row whose `id` it names,
// by the rules of `plantrack correct` and `retract`, all rows or none.

#include "engine/entry_import.hpp"
#include "errors.hpp"
#include "io/entry_csv.hpp"
#include "planfile/plan_file.hpp"
#include "storage/storage.hpp"
#include "support/dates.hpp"
#include "support/errors.hpp"
#include "support/plan_files.hpp"
#include "support/test_store.hpp"
#include "support/text.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace plantrack::io {
namespace {

using support::joined;

// ---------------------------------------------------------------------------------------------
// entry_history_header, entry_history_row

Entry logged(std::int64_t id, const std::string& target, const std::string& period,
             const std::string& value_text, const std::string& unit) {
  Entry e;
  e.id = id;
  e.plan_id = "demo-plan";
  e.target_id = target;
  e.period = parse_period(period);
  e.value_text = value_text;
  e.unit = unit;
  e.recorded_by = "统计科";
  return e;
}

TEST(EntryHistoryRow, header_names_the_import_columns_then_the_history_columns) {
  EXPECT_EQ(entry_history_header(), "target,period,value,unit,source,note,recorded_by,provisional,"
                                    "entities,evidence,step,peer,id,corrects,reason\r\n");
}

TEST(EntryHistoryRow, a_logged_value_is_written_as_typed) {
  auto e = logged(7, "funding", "2017", "1.5", "亿元");
  e.value = 15000; // in the target's 万元: not what is written
  e.source = "财政决算, 第3页";
  e.note = "含 \"专项\" 资金";
  e.provisional = true;
  EXPECT_EQ(entry_history_row(e), "demo-plan/funding,2017,1.5,亿元,\"财政决算, 第3页\","
                                  "\"含 \"\"专项\"\" 资金\",统计科,true,,,,,7,,\r\n");
}

TEST(EntryHistoryRow, entities_and_evidence_are_joined_by_semicolons) {
  auto e = logged(3, "exits", "2018-01", "2", "");
  e.entities = {"示例企业01", "示例企业02"};
  EXPECT_EQ(entry_history_row(e),
            "demo-plan/exits,2018-01,2,,,,统计科,false,示例企业01;示例企业02,,,,3,,\r\n");
  auto task = logged(4, "fund", "2019Q1", "推进中", "");
  task.state = TaskState::in_progress;
  task.evidence = {"管理办法(征求意见稿)", "https://example.org/a?b=1"};
  task.step = "rules";
  EXPECT_EQ(entry_history_row(task), "demo-plan/fund,2019Q1,推进中,,,,统计科,false,,"
                                     "管理办法(征求意见稿);https://example.org/a?b=1,rules,,4,,\r\n");
}

TEST(EntryHistoryRow, a_correction_names_the_entry_it_replaces_and_why) {
  auto e = logged(9, "patents", "2018", "4450", "件");
  e.action = Action::correct;
  e.corrects = 5;
  e.reason = "年报修订, 口径调整";
  EXPECT_EQ(entry_history_row(e),
            "demo-plan/patents,2018,4450,件,,,统计科,false,,,,,9,5,\"年报修订, 口径调整\"\r\n");
}

TEST(EntryHistoryRow, a_retraction_has_an_empty_value_unit_and_step) {
  auto e = logged(10, "fund", "2019Q1", "推进中", "");
  e.state = TaskState::in_progress;
  e.step = "rules";
  e.action = Action::retract;
  e.corrects = 4;
  e.reason = "重复录入";
  EXPECT_EQ(entry_history_row(e), "demo-plan/fund,2019Q1,,,,,统计科,false,,,,,10,4,重复录入\r\n");
}

TEST(EntryHistoryRow, a_name_holding_the_separator_is_refused) {
  auto e = logged(12, "exits", "2018-01", "1", "");
  e.entities = {"甲;乙公司"};
  EXPECT_EQ(support::input_error_of([&] { entry_history_row(e); }),
            "entry 12 has entity '甲;乙公司', which holds ';', the separator of the entities "
            "column, so a CSV cannot carry it; correct the entry with names without ';' and "
            "export again");
  auto task = logged(13, "fund", "2019Q1", "done", "");
  task.evidence = {"文件一;文件二"};
  EXPECT_NE(support::input_error_of([&] { entry_history_row(task); }).find("evidence item"),
            std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// import_entries_csv of a history

const std::string plan_yaml = support::sample_plan_yaml("demo-plan", "示例规划",
                                                        support::sample_patents_target + R"(  - id: funding
    title: 科技经费
    goal: growth
    kind: level
    unit: 万元
    rule: at_least
    value: 20000
    deadline: 2020-12-31
    source: "科技经费达到2亿元"
)" + support::sample_exits_target + R"(tasks:
  - id: fund
    title: 设立创业投资引导基金
    goal: growth
    responsible: [区金融办]
    deadline: 2019-12-31
    steps:
      - {id: rules, date: 2019-03-31, title: 出台管理办法}
      - {id: launch, date: 2019-09-30, title: 基金设立}
    source: "设立创业投资引导基金"
)");

const std::string header =
    "target,period,value,unit,source,note,recorded_by,provisional,entities,evidence,step,id,"
    "corrects,reason\n";

class EntryImportHistory : public ::testing::Test {
protected:
  void SetUp() override {
    auto loaded = planfile::load_plan(plan_yaml, "demo.yaml");
    db->import_plans({{loaded.plan, loaded.document}}, now, "tester", "");
  }

  engine::EntryImport run(const std::string& text, bool dry_run = false) {
    std::istringstream in(text);
    return engine::import_entries_csv(*db, in, "h.csv", now, "importer", dry_run);
  }

  // The lines of the InputErrors importing `text` throws; nothing may be stored.
  std::vector<std::string> errors_of(const std::string& text) {
    auto before = db->entries({}).size();
    auto lines = support::input_errors_of([&] { run(text); });
    EXPECT_EQ(db->entries({}).size(), before);
    return lines;
  }

  const Timestamp now = support::at(2019, 6, 30, 8);
  std::unique_ptr<storage::Storage> db = support::open_test_store();
};

// Ids 10 and 11 logged; 12 corrects 10 in 万元; 13 retracts 11; 14 corrects 12 again.
const std::string history_rows =
    "demo-plan/funding,2017,1.5,亿元,财政决算,,王科长,true,,,,10,,\n"
    "demo-plan/patents,2018,4400,件,统计快报,,,false,,,,11,,\n"
    "demo-plan/funding,2017,16000,,财政决算,,李四,false,,,,12,10,年报修订\n"
    "demo-plan/patents,2018,,,,撤回说明,王五,false,,,,13,11,重复录入\n"
    "demo-plan/funding,2017-12,16500,万元,决算报告,,,false,,,,14,12,再次修订\n";

TEST_F(EntryImportHistory, rows_with_corrects_replace_the_entries_of_the_rows_they_name) {
  auto result = run(header + history_rows);
  EXPECT_EQ(result.rows, 5u);
  auto stored = db->entries({});
  ASSERT_EQ(stored.size(), 5u);
  EXPECT_EQ(stored[0].action, Action::log);
  EXPECT_EQ(stored[0].value, 15000.0);
  EXPECT_EQ(stored[0].recorded_by, "王科长");
  EXPECT_EQ(stored[2].action, Action::correct);
  EXPECT_EQ(stored[2].corrects, stored[0].id);
  EXPECT_EQ(stored[2].value, 16000.0);
  EXPECT_EQ(stored[2].reason, "年报修订");
  EXPECT_FALSE(stored[2].provisional);
  EXPECT_EQ(stored[3].action, Action::retract);
  EXPECT_EQ(stored[3].corrects, stored[1].id);
  EXPECT_EQ(stored[3].reason, "重复录入");
  EXPECT_EQ(stored[3].note, "撤回说明");
  EXPECT_EQ(stored[3].recorded_by, "王五");
  EXPECT_EQ(stored[3].period.text, "2018");   // the retracted entry's
  EXPECT_EQ(stored[3].value_text, "4400");    // kept for the record, as `retract` does
  EXPECT_EQ(stored[4].corrects, stored[2].id);
  EXPECT_EQ(stored[4].period.text, "2017-12"); // a correction may move the period
  EXPECT_EQ(stored[4].recorded_by, "importer");
  auto in_force = effective_entries(stored, now);
  ASSERT_EQ(in_force.size(), 1u);
  EXPECT_EQ(in_force[0].id, stored[4].id);
  EXPECT_EQ(in_force[0].value, 16500.0);
}

TEST_F(EntryImportHistory, corrects_becomes_the_id_in_this_database) {
  std::istringstream first(header + "demo-plan/patents,2016,3600,,,,,,,,,,,\n");
  engine::import_entries_csv(*db, first, "a.csv", now, "importer", false);
  auto result = run(header + "demo-plan/patents,2017,4000,,,,,,,,,1,,\n"
                             "demo-plan/patents,2017,4100,,,,,,,,,2,1,年报修订\n");
  ASSERT_EQ(result.ids.size(), 2u);
  EXPECT_EQ(result.ids.front(), 2);
  auto stored = db->entries({});
  ASSERT_EQ(stored.size(), 3u);
  EXPECT_EQ(stored[2].corrects, 2); // file id 1 is this database's entry 2
  EXPECT_EQ(stored[1].value, 4000.0);
}

TEST_F(EntryImportHistory, a_correction_keeps_the_original_fields_it_does_not_name) {
  run(header +
      "demo-plan/exits,2018-01,2,,台账,,,false,甲;乙,,,1,,\n"
      "demo-plan/exits,,3,,,,,false,,,,2,1,漏记一家\n"
      "demo-plan/fund,2019Q1,in_progress,,,,,,,管理办法(草案),rules,3,,\n"
      "demo-plan/fund,,done,,,,,,,,,4,3,已印发\n");
  auto stored = db->entries({});
  ASSERT_EQ(stored.size(), 4u);
  EXPECT_EQ(stored[1].period.text, "2018-01");
  EXPECT_EQ(stored[1].source, "台账");
  EXPECT_EQ(stored[1].entities, (std::vector<std::string>{"甲", "乙"}));
  EXPECT_EQ(stored[3].state, TaskState::done);
  EXPECT_EQ(stored[3].evidence, (std::vector<std::string>{"管理办法(草案)"}));
  EXPECT_EQ(stored[3].step, "rules");
}

TEST_F(EntryImportHistory, dry_run_checks_the_history_and_writes_nothing) {
  auto result = run(header + history_rows, true);
  EXPECT_EQ(result.rows, 5u);
  EXPECT_TRUE(result.ids.empty());
  EXPECT_TRUE(db->entries({}).empty());
  auto lines = support::input_errors_of(
      [&] { run(header + history_rows + "demo-plan/funding,2017,1,,,,,,,,,15,12,又一次\n", true); });
  ASSERT_EQ(lines.size(), 2u) << joined(lines);
  EXPECT_EQ(lines[0], "h.csv:7: corrects: entry 12 was already corrected by entry 14; correct "
                      "entry 14, its latest version");
}

TEST_F(EntryImportHistory, every_bad_history_row_is_reported_with_its_line_and_nothing_is_stored) {
  auto lines = errors_of(header +
                         "demo-plan/patents,2016,3600,,,,,,,,,1,,\n"              // 2 good
                         "demo-plan/patents,2016,3700,,,,,,,,,2,9,年报修订\n"      // 3 no row 9
                         "demo-plan/patents,2016,3700,,,,,,,,,3,1,\n"             // 4 no reason
                         "demo-plan/patents,2016,,,,,,,,,,4,1,\n"                 // 5 no reason
                         "demo-plan/patents,2017,4000,,,,,,,,,1,,\n"              // 6 id again
                         "demo-plan/patents,2017,4000,,,,,,,,,6,,笔误\n"          // 7 reason alone
                         "demo-plan/patents,2017,4000,,,,,,,,,x7,,\n"             // 8 bad id
                         "demo-plan/patents,2016,3650,,,,,,,,,8,1,修订\n"         // 9 good
                         "demo-plan/patents,2016,3660,,,,,,,,,9,1,再修订\n"       // 10 replaced
                         "demo-plan/patents,2016,,,,,,,,,,10,8,撤回\n"            // 11 good
                         "demo-plan/patents,2016,3670,,,,,,,,,11,8,又修订\n"      // 12 retracted
                         "demo-plan/patents,2016,3670,,,,,,,,,12,10,撤回撤回\n"   // 13 a retraction
                         "demo-plan/funding,2016,1,,,,,,,,,13,,\n"                // 14 good
                         "demo-plan/funding,2016,,万元,,,,,,,,14,13,撤回\n"       // 15 unit
                         "demo-plan/patents,2016,2,,,,,,,,,15,13,改指标\n"        // 16 target
                         "demo-plan/funding,2016,2,家,,,,,,,,16,13,改单位\n"      // 17 unit check
                         "demo-plan/fund,2019Q1,推进中,,,,,,,,,17,,\n"            // 18 good
                         "demo-plan/fund,2019Q1,快完成了,,,,,,,,,18,17,更正\n"    // 19 state
                         "demo-plan/fund,2019Q1,done,,,,,,,,nope,19,17,更正\n"    // 20 step
                         "demo-plan/nope,2019Q1,done,,,,,,,,,20,,\n"              // 21 bad row
                         "demo-plan/nope,2019Q1,,,,,,,,,,21,20,撤回\n"            // 22 of it
                         "demo-plan/funding,2016,3,,,,,,,,,,13,无编号\n");        // 23 no id
  std::vector<std::string> expected{
      "h.csv:3: corrects: no earlier row has id 9; corrects names the id of an earlier row of "
      "this file (a stored entry is corrected with `plantrack correct`)",
      "h.csv:4: reason: a correction needs a reason; fill the reason column, e.g. 年报数据修订",
      "h.csv:5: reason: a retraction needs a reason; fill the reason column, e.g. 年报数据修订",
      "h.csv:6: id: id 1 is already the id of line 2; give each row its own id",
      "h.csv:7: reason: a reason is given but corrects is empty; a reason says why a row "
      "replaces the earlier row named in corrects: fill corrects or empty the reason",
      "h.csv:8: id: 'x7' is not an entry id; write a whole number from 1, e.g. 42",
      "h.csv:10: corrects: entry 1 was already corrected by entry 8; correct entry 8, its "
      "latest version",
      "h.csv:12: corrects: entry 8 was retracted by entry 10; log a new entry instead",
      "h.csv:13: corrects: entry 10 is a retraction; log a new entry instead",
      "h.csv:15: unit: the empty value makes this row a retraction of the row with id 13, and "
      "a retraction carries no unit; give the corrected value, or empty the unit column",
      "h.csv:16: target: the row with id 13 (line 14) is an entry of demo-plan/funding, and a "
      "correction keeps its target; write demo-plan/funding or leave it empty, or log an entry "
      "of 'demo-plan/patents' in a row without corrects",
      "h.csv:17: unit: unit '家' does not convert to the target's unit '万元'; log the value in "
      "'万元' or a unit convertible to it",
      "h.csv:19: value: '快完成了' is not a state of task demo-plan/fund; write one of "
      "not_started, in_progress, done, suspended (未启动, 推进中, 已完成, 暂缓)",
      "h.csv:20: step: 'nope' is not a step of task demo-plan/fund; its steps are rules, launch",
      "h.csv:21: target: plan 'demo-plan' has no target or task 'nope'; see `plantrack plan "
      "show demo-plan` for its targets and tasks",
      "h.csv:22: corrects: the row with id 20 (line 21) is refused; fix it first",
      "h.csv:23: id: a row with corrects needs an id of its own, so that a later row can name "
      "it; give it one, e.g. the next number",
      "h.csv: 17 bad row(s); nothing was imported, fix them and run the import again"};
  ASSERT_EQ(lines.size(), expected.size()) << joined(lines);
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(lines[i], expected[i]) << "line " << i;
}

TEST_F(EntryImportHistory, a_retraction_may_repeat_the_period_but_not_change_it) {
  run(header + "demo-plan/patents,2016,3600,,,,,,,,,1,,\n"
               "demo-plan/patents,2016,,,,,,,,,,2,1,重复录入\n");
  EXPECT_EQ(db->entries({}).size(), 2u);
  auto lines = errors_of(header + "demo-plan/patents,2017,3600,,,,,,,,,1,,\n"
                                  "demo-plan/patents,2018,,,,,,,,,,2,1,重复录入\n");
  ASSERT_EQ(lines.size(), 2u) << joined(lines);
  EXPECT_EQ(lines[0], "h.csv:3: period: the empty value makes this row a retraction of the row "
                      "with id 1, which keeps its period '2017'; write that period or leave it "
                      "empty, or give the corrected value");
}

TEST_F(EntryImportHistory, corrects_without_an_id_column_is_refused_at_the_header) {
  auto lines = errors_of("target,period,value,corrects,reason\ndemo-plan/patents,2016,1,,\n");
  ASSERT_EQ(lines.size(), 1u) << joined(lines);
  EXPECT_EQ(lines[0], "h.csv:1: the header has column 'corrects' but not 'id'; corrects names "
                      "the id of an earlier row, so add the id column");
}

TEST_F(EntryImportHistory, ids_without_corrects_only_have_to_be_distinct) {
  auto result = run("target,period,value,id\ndemo-plan/patents,2016,1,5\ndemo-plan/patents,2017,2,3\n");
  EXPECT_EQ(result.rows, 2u);
  auto lines = errors_of("target,period,value,id\ndemo-plan/patents,2016,1,5\ndemo-plan/patents,2017,2,5\n");
  ASSERT_EQ(lines.size(), 2u) << joined(lines);
  EXPECT_EQ(lines[0], "h.csv:3: id: id 5 is already the id of line 2; give each row its own id");
}

// What an export writes reads back as the same entries (ids aside): the round trip of SPEC §3.
TEST_F(EntryImportHistory, an_exported_history_reads_back_as_the_same_entries) {
  run(header + history_rows +
      "demo-plan/exits,2018-01,2,,\"台账, 第1页\",\"两行\n备注\",,false,甲;乙,,,20,,\n"
      "demo-plan/exits,2018-01,3,,台账,,,true,甲;乙;丙,,,21,20,漏记\n"
      "demo-plan/fund,2019Q1,推进中,,,=1+1,,,,\"办法,草案;通知\",rules,22,,\n"
      "demo-plan/fund,2019Q2,已完成,,,,,,,通知,launch,23,22,已印发\n"
      "demo-plan/fund,2019Q3,done,,,,,,,,,24,,\n"
      "demo-plan/fund,,,,,,,,,,,25,24,重复\n");
  auto first = db->entries({});
  std::string exported = entry_history_header();
  for (const auto& e : first) exported += entry_history_row(e);
  auto other = support::open_test_store();
  auto loaded = planfile::load_plan(plan_yaml, "demo.yaml");
  other->import_plans({{loaded.plan, loaded.document}}, now, "tester", "");
  std::istringstream in(exported);
  engine::import_entries_csv(*other, in, "x.csv", now + std::chrono::hours(1), "someone", false);
  auto second = other->entries({});
  ASSERT_EQ(second.size(), first.size());
  std::string again = entry_history_header();
  for (const auto& e : second) again += entry_history_row(e);
  EXPECT_EQ(again, exported); // both databases numbered from 1
  for (size_t i = 0; i < first.size(); ++i) {
    const Entry &a = first[i], &b = second[i];
    EXPECT_EQ(a.value, b.value) << i;
    EXPECT_EQ(a.state, b.state) << i;
    EXPECT_EQ(a.period.start, b.period.start) << i;
    EXPECT_EQ(a.period.end, b.period.end) << i;
    EXPECT_EQ(a.step, b.step) << i;
    EXPECT_EQ(a.evidence, b.evidence) << i;
    EXPECT_EQ(a.unit, b.unit) << i;
    EXPECT_EQ(a.value_text, b.value_text) << i;
  }
}

} // namespace
} // namespace plantrack::io
