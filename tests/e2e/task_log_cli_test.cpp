// End-to-end tests of a task's progress (SPEC §1 "Task", §3 `log PLAN/TASK STATE`, `import`,
// `correct`, `retract`, `status --check`): what is stored, what is refused, and that a refusal
// stores nothing.

#include "cli_harness.hpp"
#include "support/plan_files.hpp"

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

using plantrack::testing::Cli;
using ::testing::HasSubstr;

namespace {

// One target and two tasks: `fund` due at the end of 2019 with two steps, `platform` open-ended.
const std::string task_plan = plantrack::support::test_plan_header("tasks", "任务示例", "2020-12-31",
                                                                   "quarter") +
                              R"(  - id: patents
    title: 年专利申请量
    goal: g
    kind: flow
    per: year
    unit: 件
    rule: at_least
    value: 5000
    deadline: 2020-12-31
    source: "年专利申请量达到5000件"
tasks:
  - id: fund
    title: 设立创业投资引导基金
    goal: g
    responsible: [区金融办]
    support: [区财政局]
    deadline: 2019-12-31
    steps:
      - {id: rules, date: 2019-03-31, title: 出台管理办法}
      - {id: launch, date: 2019-09-30, title: 基金设立}
    source: "设立创业投资引导基金"
  - id: platform
    title: 建设项目管理平台
    responsible: [区科委]
    source: "建设项目管理平台"
)";

struct Tasks : ::testing::Test {
  Cli cli;
  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    auto r = cli.run({"plan", "import", cli.write("tasks.yaml", task_plan)});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  // The task objects of `status --format json` with `args` added.
  nlohmann::json tasks(std::vector<std::string> args = {}) {
    args.insert(args.begin(), {"--format", "json", "status"});
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out)["plans"][0]["tasks"];
  }
  nlohmann::json task(const std::string& id, std::vector<std::string> args = {}) {
    for (const auto& t : tasks(args))
      if (t["ref"] == "tasks/" + id) return t;
    ADD_FAILURE() << "no task " << id;
    return {};
  }
  size_t entry_count() {
    auto r = cli.run({"--format", "json", "entries"});
    return nlohmann::json::parse(r.out).size();
  }
};

TEST_F(Tasks, a_state_is_logged_with_its_note_evidence_and_step) {
  auto r = cli.run({"log", "tasks/fund", "推进中", "--period", "2019Q1", "--note", "管理办法已出台",
                    "--evidence", "区金融办〔2019〕3号", "--evidence", "会议纪要", "--step", "rules"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "1\n");
  auto t = task("fund", {"--as-of", "2019-04-10"});
  EXPECT_EQ(t["state"], "in_progress");
  EXPECT_EQ(t["status"], "in_progress");
  EXPECT_EQ(t["note"], "管理办法已出台");
  EXPECT_EQ(t["flags"], nlohmann::json::array());
  EXPECT_EQ(t["responsible"], nlohmann::json({"区金融办"}));
  EXPECT_EQ(t["support"], nlohmann::json({"区财政局"}));
  EXPECT_EQ(t["deadline"], "2019-12-31");
  EXPECT_EQ(cli.run({"audit", "verify"}).code, 0);
}

TEST_F(Tasks, english_and_chinese_state_words_are_one_state) {
  const std::vector<std::pair<std::string, std::string>> words{
      {"not_started", "not_started"}, {"未启动", "not_started"}, {"in_progress", "in_progress"},
      {"推进中", "in_progress"},       {"suspended", "suspended"}, {"暂缓", "suspended"},
      {"done", "done"},                {"已完成", "done"}};
  int quarter = 0;
  for (const auto& [word, state] : words) {
    // Each a later day, so the latest entry is the one just logged.
    std::string period = "2019-07-" + std::to_string(10 + quarter++);
    ASSERT_EQ(cli.run({"log", "tasks/platform", word, "--period", period}).code, 0) << word;
    EXPECT_EQ(task("platform", {"--as-of", "2019-08-01"})["state"], state) << word;
  }
}

TEST_F(Tasks, an_unknown_state_is_refused_naming_the_accepted_words_and_nothing_is_stored) {
  auto r = cli.run({"log", "tasks/fund", "进行中", "--period", "2019Q1"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: '进行中' is not a state of task tasks/fund; write one of "
                   "not_started, in_progress, done, suspended (未启动, 推进中, 已完成, 暂缓)\n");
  EXPECT_EQ(entry_count(), 0u);
}

TEST_F(Tasks, a_value_logged_to_a_task_is_refused) {
  auto r = cli.run({"log", "tasks/fund", "5000", "--period", "2019"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("'5000' is not a state of task tasks/fund; write one of"));
  auto unit = cli.run({"log", "tasks/fund", "done", "件", "--period", "2019"});
  EXPECT_EQ(unit.code, 1);
  EXPECT_EQ(unit.err, "plantrack: error: unit '件' given for task tasks/fund, whose entries carry "
                      "a state; leave the unit out\n");
  auto entity = cli.run({"log", "tasks/fund", "done", "--period", "2019", "--entity", "企业甲"});
  EXPECT_EQ(entity.code, 1);
  EXPECT_THAT(entity.err, HasSubstr("entities given for task tasks/fund"));
  auto provisional = cli.run({"log", "tasks/fund", "done", "--period", "2019", "--provisional"});
  EXPECT_EQ(provisional.code, 1);
  EXPECT_THAT(provisional.err, HasSubstr("task tasks/fund has no figure to be provisional"));
  EXPECT_EQ(entry_count(), 0u);
}

TEST_F(Tasks, a_state_logged_to_a_target_is_refused) {
  auto r = cli.run({"log", "tasks/patents", "已完成", "--period", "2019"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: '已完成' is a task state, but tasks/patents is a target; "
                   "log a number in '件'\n");
  auto evidence = cli.run({"log", "tasks/patents", "4000", "--period", "2019", "--evidence", "年报"});
  EXPECT_EQ(evidence.code, 1);
  EXPECT_EQ(evidence.err, "plantrack: error: evidence given for target tasks/patents; evidence "
                          "and steps are for tasks, give a target's evidence in --source\n");
  EXPECT_EQ(entry_count(), 0u);
}

TEST_F(Tasks, a_step_the_task_does_not_have_is_refused) {
  auto r = cli.run({"log", "tasks/fund", "in_progress", "--period", "2019Q1", "--step", "draft"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: 'draft' is not a step of task tasks/fund; its steps are "
                   "rules, launch\n");
  auto none = cli.run({"log", "tasks/platform", "in_progress", "--period", "2019Q1", "--step", "x"});
  EXPECT_EQ(none.code, 1);
  EXPECT_EQ(none.err, "plantrack: error: step 'x' given, but task tasks/platform has no steps; "
                      "leave out --step\n");
  EXPECT_EQ(entry_count(), 0u);
}

TEST_F(Tasks, an_empty_evidence_item_is_refused) {
  auto r = cli.run({"log", "tasks/fund", "in_progress", "--period", "2019Q1", "--evidence", " "});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: an evidence item is empty; name each document or URL, "
                   "separated by ';'\n");
  auto csv = cli.write("e.csv", "target,period,value,evidence\ntasks/fund,2019Q1,in_progress,文件一;;文件二\n");
  auto imported = cli.run({"import", csv});
  EXPECT_EQ(imported.code, 1);
  EXPECT_THAT(imported.err, HasSubstr(":2: evidence: an evidence item is empty"));
  EXPECT_EQ(entry_count(), 0u);
}

TEST_F(Tasks, an_unknown_task_gets_a_suggestion) {
  auto r = cli.run({"log", "tasks/fundd", "done", "--period", "2019"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: plan 'tasks' has no target or task 'fundd'; did you mean "
                   "'tasks/fund'?\n");
}

TEST_F(Tasks, import_takes_task_rows_with_evidence_and_step) {
  auto csv = cli.write("t.csv",
                       "target,period,value,unit,source,note,recorded_by,provisional,entities,"
                       "evidence,step\n"
                       "tasks/fund,2019Q1,推进中,,,办法已印发,区金融办,,,文件一;文件二,rules\n"
                       "tasks/patents,2019,4100,件,统计年报,,,,,,\n"
                       "tasks/fund,2019-09-30,done,,,基金已设立,区金融办,,,工商登记,launch\n");
  auto r = cli.run({"import", csv});
  ASSERT_EQ(r.code, 0) << r.err;
  auto t = task("fund", {"--as-of", "2019-10-10"});
  EXPECT_EQ(t["status"], "done");
  EXPECT_EQ(t["note"], "基金已设立");
  auto entries = nlohmann::json::parse(cli.run({"--format", "json", "entries", "tasks/fund"}).out);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(cli.run({"audit", "verify"}).code, 0);
}

TEST_F(Tasks, import_refuses_the_whole_file_for_one_bad_task_row) {
  auto csv = cli.write("t.csv",
                       "target,period,value,step\n"
                       "tasks/fund,2019Q1,in_progress,rules\n"
                       "tasks/fund,2019Q2,half,\n"
                       "tasks/fund,2019Q3,in_progress,nope\n");
  auto r = cli.run({"import", csv});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "plantrack: error: " + csv + ":3: value: 'half' is not a state of task tasks/fund; "
            "write one of not_started, in_progress, done, suspended (未启动, 推进中, 已完成, 暂缓)\n"
            "plantrack: error: " + csv + ":4: step: 'nope' is not a step of task tasks/fund; its "
            "steps are rules, launch\n"
            "plantrack: error: " + csv + ": 2 bad row(s); nothing was imported, fix them and run "
            "the import again\n");
  EXPECT_EQ(entry_count(), 0u);
}

TEST_F(Tasks, a_correction_changes_the_state_and_keeps_step_and_evidence) {
  ASSERT_EQ(cli.run({"log", "tasks/fund", "in_progress", "--period", "2019Q3", "--step", "launch",
                     "--evidence", "批复"})
                .code,
            0);
  auto bad = cli.run({"correct", "1", "42", "--reason", "误填"});
  EXPECT_EQ(bad.code, 1);
  EXPECT_THAT(bad.err, HasSubstr("'42' is not a state of task tasks/fund"));
  auto r = cli.run({"correct", "1", "已完成", "--reason", "基金已于9月设立"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto entries = nlohmann::json::parse(cli.run({"--format", "json", "entries", "tasks/fund"}).out);
  ASSERT_EQ(entries.size(), 2u);
  auto t = task("fund", {"--as-of", "2019-10-10"});
  EXPECT_EQ(t["status"], "done");
  EXPECT_EQ(t["flags"], nlohmann::json::array()); // the corrected entry still names `launch`
  EXPECT_EQ(cli.run({"audit", "verify"}).code, 0);
}

TEST_F(Tasks, a_retraction_takes_the_state_back) {
  ASSERT_EQ(cli.run({"log", "tasks/platform", "done", "--period", "2019Q2"}).code, 0);
  ASSERT_EQ(cli.run({"retract", "1", "--reason", "误报"}).code, 0);
  EXPECT_EQ(task("platform", {"--as-of", "2019-07-10"})["status"], "no_data");
  EXPECT_EQ(cli.run({"audit", "verify"}).code, 0);
}

TEST_F(Tasks, known_at_shows_the_state_as_it_was_known) {
  cli.now = Cli::at(2019, 7, 5, 8);
  ASSERT_EQ(cli.run({"log", "tasks/platform", "in_progress", "--period", "2019Q2"}).code, 0);
  cli.now = Cli::at(2019, 10, 5, 8);
  ASSERT_EQ(cli.run({"correct", "1", "suspended", "--reason", "经费未到位"}).code, 0);
  EXPECT_EQ(task("platform", {"--as-of", "2019-07-10", "--known-at", "2019-08-01T00:00:00Z"})["status"],
            "in_progress");
  EXPECT_EQ(task("platform", {"--as-of", "2019-07-10"})["status"], "suspended");
}

TEST_F(Tasks, check_exits_4_on_an_overdue_task_only) {
  ASSERT_EQ(cli.run({"log", "tasks/fund", "in_progress", "--period", "2019Q4"}).code, 0);
  EXPECT_EQ(cli.run({"--as-of", "2019-12-31", "status", "--check", "--only", "in_progress"}).code, 0);
  auto overdue = cli.run({"--as-of", "2020-01-01", "status", "--check"});
  EXPECT_EQ(overdue.code, 4) << overdue.out << overdue.err;
  // Filtered out, it does not count.
  EXPECT_EQ(cli.run({"--as-of", "2020-01-01", "status", "--check", "--org", "区科委"}).code, 0);
}

TEST_F(Tasks, filters_apply_to_tasks) {
  EXPECT_EQ(tasks({"--org", "区财政局"}).size(), 1u);
  EXPECT_EQ(tasks({"--unit", "件"}).size(), 0u);
  EXPECT_EQ(tasks({"--nature", "binding"}).size(), 0u);
  EXPECT_EQ(tasks({"--due-before", "2020-01-01"}).size(), 1u); // platform has no deadline
  EXPECT_EQ(tasks({"--only", "no_data"}).size(), 2u);
  EXPECT_EQ(tasks({"--only", "overdue"}).size(), 0u);
  EXPECT_EQ(tasks({"--only", "on_track"}).size(), 0u);
}

TEST_F(Tasks, step_late_is_raised_and_cleared_by_the_step) {
  ASSERT_EQ(cli.run({"log", "tasks/fund", "in_progress", "--period", "2019Q1"}).code, 0);
  EXPECT_EQ(task("fund", {"--as-of", "2019-04-10"})["flags"], nlohmann::json({"step_late"}));
  ASSERT_EQ(cli.run({"log", "tasks/fund", "in_progress", "--period", "2019-04-05", "--step", "rules"}).code, 0);
  EXPECT_EQ(task("fund", {"--as-of", "2019-04-10"})["flags"], nlohmann::json::array());
}

} // namespace
