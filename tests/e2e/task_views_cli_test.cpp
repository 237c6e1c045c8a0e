// End-to-end tests of the task views (SPEC §1 "Task", §2 task status, §3 `status` JSON `tasks`):
// `status` (table and JSON), `show PLAN/TASK`, `entries`, `report` (md, html, csv, json) and
// `audit completion`, in Chinese and English: exact stdout, stderr and exit code.

#include "cli_harness.hpp"
#include "support/plan_files.hpp"

#include <gmock/gmock.h>
#include <nlohmann/json.hpp>

using plantrack::testing::Cli;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

// As of 2019-06-30 (the harness's today), cadence year:
//   meeting   deadline 2019-03-31, in progress since 2019-01, step `hold` not reached: overdue
//   platform  deadline 2019-12-31, in progress (2019Q1, corrected); a done entry retracted
//   survey    no deadline, done in 2018: done
//   quiet     deadline 2018-12-31, never reported: no_data
//   accept    deadline 2018-12-31, done in 2019Q1: done_late
const std::string tasks_plan = plantrack::support::test_plan_header("works", "工作示例") +
                               R"(  - id: patents
    title: 年专利申请量
    goal: g
    kind: flow
    per: year
    unit: 件
    rule: at_least
    value: 5000
    deadline: 2020-12-31
    baseline: {value: 3000, date: 2015-12-31}
    responsible: [区科委]
tasks:
  - id: meeting
    title: 定期召开联席会议
    goal: g
    responsible: [区科委]
    support: [区发改委]
    deadline: 2019-03-31
    steps:
      - {id: draft, date: 2019-01-31, title: 起草方案}
      - {id: hold, date: 2019-03-31, title: 召开会议}
    appraisal: 纳入全区绩效考核
    source: "定期召开联席会议"
  - id: platform
    title: 建设科技服务平台
    responsible: [区经信委]
    deadline: 2019-12-31
    source: "建设科技服务平台"
  - id: survey
    title: 开展创新调查
    responsible: [区统计局]
    source: "开展创新调查"
  - id: quiet
    title: 制定配套政策
    responsible: [区政府办]
    deadline: 2018-12-31
    source: "制定配套政策"
  - id: accept
    title: 完成项目验收
    responsible: [区科委]
    deadline: 2018-12-31
    source: "完成项目验收"
)";

// The records of a CSV document, each ended by CRLF.
std::vector<std::string> crlf_lines(const std::string& text) {
  std::vector<std::string> lines;
  for (size_t at = 0, end; (end = text.find("\r\n", at)) != std::string::npos; at = end + 2)
    lines.push_back(text.substr(at, end - at));
  return lines;
}

struct TaskViews : ::testing::Test {
  Cli cli;
  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    auto r = cli.run({"plan", "import", cli.write("works.yaml", tasks_plan)});
    ASSERT_EQ(r.code, 0) << r.err;
    log({"works/patents", "4400", "--period", "2018"});                       // 1
    log({"works/meeting", "推进中", "--period", "2019-01", "--note", "方案已起草",
         "--evidence", "区科委〔2019〕3号", "--step", "draft"});               // 2
    log({"works/platform", "in_progress", "--period", "2019Q1", "--note",
         "平台一期上线", "--evidence", "https://example.gov.cn/platform"});    // 3
    cli.now = Cli::at(2019, 6, 30, 9);
    log({"works/platform", "done", "--period", "2019Q2", "--note", "误报"});  // 4
    log({"works/survey", "已完成", "--period", "2018", "--note", "调查报告已发布"}); // 5
    log({"works/accept", "done", "--period", "2019Q1", "--note", "已通过验收|<b>"}); // 6
    cli.now = Cli::at(2019, 6, 30, 10);
    run_ok({"correct", "3", "推进中", "--reason", "补充说明", "--note",
            "平台一期上线,二期正在招标"});                                    // 7
    run_ok({"retract", "4", "--reason", "尚未完成"});                          // 8
    cli.now = Cli::at(2019, 6, 30, 11);
  }
  void log(std::vector<std::string> args) {
    args.insert(args.begin(), "log");
    run_ok(args);
  }
  void run_ok(const std::vector<std::string>& args) {
    auto r = cli.run(args);
    ASSERT_EQ(r.code, 0) << r.err;
  }
};

} // namespace

// ---------------------------------------------------------------------------------------------
// status

TEST_F(TaskViews, status_table_lists_tasks_after_targets_in_chinese) {
  auto r = cli.run({"--lang", "zh", "status"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "works 工作示例  (评估日期 2019-06-30)\n"
            "指标     名称           当前值  期间    目标值  差距  进度%  比率     预测  每年需增  状态      标记\n"
            "-------  ------------  -------  ----  --------  ----  -----  ----  -------  --------  --------  ----\n"
            "patents  年专利申请量  4400 件  2018  ≥5000 件   600   70.0  1.17  5333.76    299.79  进度正常\n"
            "\n"
            "任务      名称              期限        进展状态  状态      标记      最近更新  责任单位  配合单位  最新进展\n"
            "--------  ----------------  ----------  --------  --------  --------  --------  --------  --------  -------------------------\n"
            "meeting   定期召开联席会议  2019-03-31  推进中    已逾期    节点滞后  2019-01   区科委    区发改委  方案已起草\n"
            "platform  建设科技服务平台  2019-12-31  推进中    推进中              2019Q1    区经信委  -         平台一期上线,二期正在招标\n"
            "survey    开展创新调查      -           已完成    按期完成            2018      区统计局  -         调查报告已发布\n"
            "quiet     制定配套政策      2018-12-31  -         无数据              -         区政府办  -         -\n"
            "accept    完成项目验收      2018-12-31  已完成    逾期完成            2019Q1    区科委    -         已通过验收|<b>\n");
}

TEST_F(TaskViews, status_table_lists_tasks_in_english) {
  auto r = cli.run({"--lang", "en", "status"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "works 工作示例  (as of 2019-06-30)\n"
            "target   title         current  period    target  gap  progress %  ratio  forecast  needed/yr  status    flags\n"
            "-------  ------------  -------  ------  --------  ---  ----------  -----  --------  ---------  --------  -----\n"
            "patents  年专利申请量  4400 件  2018    ≥5000 件  600        70.0   1.17   5333.76     299.79  on track\n"
            "\n"
            "task      title             deadline    state        status       flags      last update  responsible  support   latest progress\n"
            "--------  ----------------  ----------  -----------  -----------  ---------  -----------  -----------  --------  -------------------------\n"
            "meeting   定期召开联席会议  2019-03-31  in progress  overdue      step late  2019-01      区科委       区发改委  方案已起草\n"
            "platform  建设科技服务平台  2019-12-31  in progress  in progress             2019Q1       区经信委     -         平台一期上线,二期正在招标\n"
            "survey    开展创新调查      -           done         done                    2018         区统计局     -         调查报告已发布\n"
            "quiet     制定配套政策      2018-12-31  -            no data                 -            区政府办     -         -\n"
            "accept    完成项目验收      2018-12-31  done         done late               2019Q1       区科委       -         已通过验收|<b>\n");
}

TEST_F(TaskViews, status_colours_task_statuses) {
  auto r = cli.run({"--lang", "en", "--color", "always", "status", "--only", "overdue,done"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("\x1b[31moverdue\x1b[0m"));
  EXPECT_THAT(r.out, HasSubstr("\x1b[32mdone\x1b[0m"));
}

TEST_F(TaskViews, status_json_gives_each_plan_its_tasks_with_specs_fields) {
  auto r = cli.run({"--format", "json", "status"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto doc = nlohmann::ordered_json::parse(r.out);
  const auto& tasks = doc["plans"][0]["tasks"];
  ASSERT_EQ(tasks.size(), 5u);
  std::vector<std::string> keys;
  for (const auto& [k, v] : tasks[0].items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"ref", "title", "deadline", "state", "status", "flags",
                                            "last_update", "note", "responsible", "support",
                                            "last_period", "done_on", "evidence", "steps",
                                            "appraisal"}));
  const auto& meeting = tasks[0];
  EXPECT_EQ(meeting["ref"], "works/meeting");
  EXPECT_EQ(meeting["deadline"], "2019-03-31");
  EXPECT_EQ(meeting["state"], "in_progress");
  EXPECT_EQ(meeting["status"], "overdue");
  EXPECT_EQ(meeting["flags"], nlohmann::ordered_json::array({"step_late"}));
  EXPECT_EQ(meeting["last_update"], "2019-01-31");
  EXPECT_EQ(meeting["last_period"], "2019-01");
  EXPECT_EQ(meeting["note"], "方案已起草");
  EXPECT_EQ(meeting["responsible"], nlohmann::ordered_json::array({"区科委"}));
  EXPECT_EQ(meeting["support"], nlohmann::ordered_json::array({"区发改委"}));
  EXPECT_EQ(meeting["evidence"], nlohmann::ordered_json::array({"区科委〔2019〕3号"}));
  EXPECT_EQ(meeting["appraisal"], "纳入全区绩效考核");
  EXPECT_EQ(meeting["steps"].dump(),
            R"([{"id":"draft","date":"2019-01-31","title":"起草方案","completed":"2019-01-31","late":false},)"
            R"({"id":"hold","date":"2019-03-31","title":"召开会议","completed":null,"late":true}])");
  const auto& platform = tasks[1];
  EXPECT_EQ(platform["status"], "in_progress");
  EXPECT_EQ(platform["note"], "平台一期上线,二期正在招标"); // the correction, not the retracted done
  const auto& survey = tasks[2];
  EXPECT_EQ(survey["deadline"], nullptr);
  EXPECT_EQ(survey["status"], "done");
  EXPECT_EQ(survey["done_on"], "2018-12-31");
  EXPECT_EQ(survey["appraisal"], nullptr);
  const auto& quiet = tasks[3];
  EXPECT_EQ(quiet["status"], "no_data");
  for (auto key : {"state", "last_update", "note", "last_period", "done_on"})
    EXPECT_EQ(quiet[key], nullptr) << key;
  EXPECT_EQ(quiet["flags"], nlohmann::ordered_json::array());
  EXPECT_EQ(quiet["support"], nlohmann::ordered_json::array());
  EXPECT_EQ(tasks[4]["status"], "done_late");
}

TEST_F(TaskViews, a_plan_with_tasks_and_no_targets_shown_lists_its_tasks) {
  auto r = cli.run({"--lang", "zh", "status", "--only", "overdue"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "works 工作示例  (评估日期 2019-06-30)\n"
            "任务     名称              期限        进展状态  状态    标记      最近更新  责任单位  配合单位  最新进展\n"
            "-------  ----------------  ----------  --------  ------  --------  --------  --------  --------  ----------\n"
            "meeting  定期召开联席会议  2019-03-31  推进中    已逾期  节点滞后  2019-01   区科委    区发改委  方案已起草\n");
  r = cli.run({"--lang", "zh", "status", "--only", "missed"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "works 工作示例  (评估日期 2019-06-30)\n(无指标或任务)\n");
}

// ---------------------------------------------------------------------------------------------
// show PLAN/TASK

TEST_F(TaskViews, show_task_gives_definition_status_steps_and_every_version) {
  auto r = cli.run({"--lang", "zh", "show", "works/meeting"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "works/meeting  定期召开联席会议\n"
            "目标: [g] 目标一\n"
            "责任单位: 区科委\n"
            "配合单位: 区发改委\n"
            "期限: 2019-03-31\n"
            "考核方式: 纳入全区绩效考核\n"
            "原文: 定期召开联席会议\n"
            "\n"
            "评估 截至 2019-06-30 (数据截至 2019-06-30 19:00 (+0800))\n"
            "项目      数值\n"
            "--------  -----------------\n"
            "状态      已逾期\n"
            "标记      节点滞后\n"
            "进展状态  推进中 (2019-01)\n"
            "最近更新  2019-01-31\n"
            "完成日期  -\n"
            "最新进展  方案已起草\n"
            "证据      区科委〔2019〕3号\n"
            "\n"
            "工作节点\n"
            "编号   日期        名称      完成于      滞后\n"
            "-----  ----------  --------  ----------  ----\n"
            "draft  2019-01-31  起草方案  2019-01-31\n"
            "hold   2019-03-31  召开会议  -           滞后\n"
            "\n"
            "记录 (1)\n"
            "编号  指标           期间       数值  版本  记录时间                  记录人  来源  备注        证据               节点\n"
            "----  -------------  -------  ------  ----  ------------------------  ------  ----  ----------  -----------------  -----\n"
            "   2  works/meeting  2019-01  推进中  -     2019-06-30 16:00 (+0800)  tester        方案已起草  区科委〔2019〕3号  draft\n");
}

TEST_F(TaskViews, show_task_lists_corrections_and_retractions_in_english) {
  auto r = cli.run({"--lang", "en", "show", "works/platform"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "works/platform  建设科技服务平台\n"
            "responsible: 区经信委\n"
            "deadline: 2019-12-31\n"
            "source clause: 建设科技服务平台\n"
            "\n"
            "assessment as of 2019-06-30 (known at 2019-06-30 19:00 (+0800))\n"
            "item             value\n"
            "---------------  -------------------------------\n"
            "status           in progress\n"
            "flags            -\n"
            "state            in progress (2019Q1)\n"
            "last update      2019-03-31\n"
            "done on          -\n"
            "latest progress  平台一期上线,二期正在招标\n"
            "evidence         https://example.gov.cn/platform\n"
            "\n"
            "entries (4)\n"
            "id  target          period        value  version                recorded at               recorded by  source  note                       evidence\n"
            "--  --------------  ------  -----------  ---------------------  ------------------------  -----------  ------  -------------------------  -------------------------------\n"
            " 3  works/platform  2019Q1  in_progress  corrected by #7        2019-06-30 16:00 (+0800)  tester               平台一期上线               https://example.gov.cn/platform\n"
            " 4  works/platform  2019Q2         done  retracted by #8        2019-06-30 17:00 (+0800)  tester               误报                       -\n"
            " 7  works/platform  2019Q1       推进中  corrects #3: 补充说明  2019-06-30 18:00 (+0800)  tester               平台一期上线,二期正在招标  https://example.gov.cn/platform\n"
            " 8  works/platform  2019Q2            -  retracts #4: 尚未完成  2019-06-30 18:00 (+0800)  tester                                          -\n");
}

TEST_F(TaskViews, show_task_json_has_the_status_fields_definition_and_entries) {
  auto r = cli.run({"--format", "json", "show", "works/platform"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto doc = nlohmann::ordered_json::parse(r.out);
  EXPECT_EQ(doc["ref"], "works/platform");
  EXPECT_EQ(doc["status"], "in_progress");
  EXPECT_EQ(doc["state"], "in_progress");
  EXPECT_EQ(doc["as_of"], "2019-06-30");
  EXPECT_EQ(doc["goal"], nullptr);
  EXPECT_EQ(doc["source"], "建设科技服务平台");
  const auto& entries = doc["entries"];
  ASSERT_EQ(entries.size(), 4u);
  EXPECT_EQ(entries[0]["id"], 3);
  EXPECT_EQ(entries[0]["value"], nullptr);
  EXPECT_EQ(entries[0]["value_text"], "in_progress");
  EXPECT_EQ(entries[0]["state"], "in_progress");
  EXPECT_EQ(entries[0]["evidence"],
            nlohmann::ordered_json::array({"https://example.gov.cn/platform"}));
  EXPECT_EQ(entries[0]["step"], nullptr);
  EXPECT_EQ(entries[0]["replaced_by"], 7);
  EXPECT_EQ(entries[2]["action"], "correct");
  EXPECT_EQ(entries[2]["state"], "in_progress");
  EXPECT_EQ(entries[2]["value_text"], "推进中");
  EXPECT_EQ(entries[3]["action"], "retract");
  EXPECT_EQ(entries[3]["corrects"], 4);
  EXPECT_EQ(entries[3]["reason"], "尚未完成");
}

TEST_F(TaskViews, show_target_is_unchanged_and_an_unknown_item_is_refused) {
  auto r = cli.run({"--lang", "en", "show", "works/patents"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("works/patents  年专利申请量\nkind: flow/year"));
  EXPECT_THAT(r.out, Not(HasSubstr("steps")));
  r = cli.run({"show", "works/nope"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_THAT(r.err, HasSubstr("plantrack: error: "));
  EXPECT_THAT(r.err, HasSubstr("'nope'"));
}

// ---------------------------------------------------------------------------------------------
// entries

TEST_F(TaskViews, entries_show_the_state_word_evidence_and_step) {
  auto r = cli.run({"--lang", "zh", "entries", "works/meeting"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "编号  指标           期间       数值  版本  记录时间                  记录人  来源  备注        证据               节点\n"
            "----  -------------  -------  ------  ----  ------------------------  ------  ----  ----------  -----------------  -----\n"
            "   2  works/meeting  2019-01  推进中  -     2019-06-30 16:00 (+0800)  tester        方案已起草  区科委〔2019〕3号  draft\n");
  // Without any evidence or step, no such columns.
  r = cli.run({"--lang", "en", "entries", "works/survey"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "id  target        period   value  version  recorded at               recorded by  source  note\n"
            "--  ------------  ------  ------  -------  ------------------------  -----------  ------  --------------\n"
            " 5  works/survey  2018    已完成  -        2019-06-30 17:00 (+0800)  tester               调查报告已发布\n");
}

// ---------------------------------------------------------------------------------------------
// report

TEST_F(TaskViews, report_md_lists_tasks_overdue_first_with_note_and_evidence) {
  auto r = cli.run({"--lang", "zh", "--format", "md", "report", "works"});
  EXPECT_EQ(r.code, 0) << r.err;
  auto tasks_at = r.out.find("\n## 任务\n");
  ASSERT_NE(tasks_at, std::string::npos) << r.out;
  EXPECT_EQ(r.out.substr(tasks_at),
            "\n"
            "## 任务\n"
            "\n"
            "| 任务 | 名称 | 状态 | 标记 | 期限 | 进展状态 | 最近更新 | 责任单位 | 配合单位 | 最新进展 | 证据 |\n"
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
            "| meeting | 定期召开联席会议 | 已逾期 | 节点滞后 | 2019-03-31 | 推进中 | 2019-01 | 区科委 | 区发改委 | 方案已起草 | 区科委〔2019〕3号 |\n"
            "| quiet | 制定配套政策 | 无数据 |  | 2018-12-31 | - | - | 区政府办 | - | - | - |\n"
            "| survey | 开展创新调查 | 按期完成 |  | - | 已完成 | 2018 | 区统计局 | - | 调查报告已发布 | - |\n"
            "| accept | 完成项目验收 | 逾期完成 |  | 2018-12-31 | 已完成 | 2019Q1 | 区科委 | - | 已通过验收\\|\\<b> | - |\n"
            "| platform | 建设科技服务平台 | 推进中 |  | 2019-12-31 | 推进中 | 2019Q1 | 区经信委 | - | 平台一期上线,二期正在招标 | https://example.gov.cn/platform |\n");
  EXPECT_THAT(r.out, HasSubstr("| 状态 | 任务数 |\n| --- | ---: |\n| 无数据 | 1 |\n| 按期完成 | 1 |\n"
                               "| 逾期完成 | 1 |\n| 已逾期 | 1 |\n| 推进中 | 1 |\n"));
  EXPECT_THAT(r.out, HasSubstr("\n逾期任务:\n\n- **meeting** 定期召开联席会议: 已逾期 (期限 2019-03-31)\n"));
}

TEST_F(TaskViews, report_html_escapes_task_notes_and_links_evidence) {
  auto r = cli.run({"--lang", "en", "--format", "html", "report", "works"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, Not(HasSubstr("<b>\"")));
  EXPECT_THAT(r.out, HasSubstr("已通过验收|&lt;b&gt;"));
  EXPECT_THAT(r.out, HasSubstr("<a href=\"https://example.gov.cn/platform\">https://example.gov.cn/platform</a>"));
  EXPECT_THAT(r.out, HasSubstr("<td class=\"status-overdue\">overdue</td>"));
  // Overdue first, then SPEC order: no_data, done, done_late, in_progress.
  std::vector<size_t> at;
  for (auto id : {"meeting", "quiet", "survey", "accept", "platform"})
    at.push_back(r.out.find(std::string("id=\"task-") + id + "\""));
  for (size_t i = 0; i < at.size(); ++i) ASSERT_NE(at[i], std::string::npos) << i;
  EXPECT_TRUE(std::is_sorted(at.begin(), at.end()));
}

TEST_F(TaskViews, report_csv_and_json_carry_the_tasks) {
  auto r = cli.run({"--format", "csv", "report", "works"});
  EXPECT_EQ(r.code, 0) << r.err;
  auto rows = crlf_lines(r.out);
  ASSERT_EQ(rows.size(), 7u) << r.out;
  EXPECT_EQ(rows[0], "plan,goal,target,title,unit,kind,rule,target_value,deadline,current,current_period,gap,shortfall,progress_pct,expected,expected_now,ratio,forecast,nee"
                     "ded_per_year,status,flags,responsible,support,nature,as_of,state,last_update,note,evidence");
  // The target's row, then the tasks, overdue first, with their own columns at the end.
  EXPECT_EQ(std::vector<std::string>(rows.begin() + 2, rows.end()),
            (std::vector<std::string>{
                "works,g,meeting,定期召开联席会议,,task,,,2019-03-31,,2019-01,,,,,,,,,overdue,step_late,区科委,区发改委,,2019-06-30,in_progress,2019-01-31,方案已起草,区科委〔2019〕3号",
                "works,,quiet,制定配套政策,,task,,,2018-12-31,,,,,,,,,,,no_data,,区政府办,,,2019-06-30,,,,",
                "works,,survey,开展创新调查,,task,,,,,2018,,,,,,,,,done,,区统计局,,,2019-06-30,done,2018-12-31,调查报告已发布,",
                "works,,accept,完成项目验收,,task,,,2018-12-31,,2019Q1,,,,,,,,,done_late,,区科委,,,2019-06-30,done,2019-03-31,已通过验收|<b>,",
                "works,,platform,建设科技服务平台,,task,,,2019-12-31,,2019Q1,,,,,,,,,in_progress,,区经信委,,,2019-06-30,in_progress,2019-03-31,\"平台一期上线,二期正在招标\",https://example.gov.cn/platform"}));
  r = cli.run({"--format", "json", "report", "works"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto doc = nlohmann::ordered_json::parse(r.out);
  EXPECT_EQ(doc["summary"]["overdue_tasks"], nlohmann::ordered_json::array({"works/meeting"}));
  EXPECT_EQ(doc["summary"]["task_counts"].dump(),
            R"({"no_data":1,"done":1,"done_late":1,"overdue":1,"suspended":0,"in_progress":1,"not_started":0})");
  std::vector<std::string> order;
  for (const auto& t : doc["tasks"]) order.push_back(t["ref"]);
  EXPECT_EQ(order, (std::vector<std::string>{"works/meeting", "works/quiet", "works/survey",
                                             "works/accept", "works/platform"}));
}

// ---------------------------------------------------------------------------------------------
// audit completion

TEST_F(TaskViews, audit_completion_rules_on_each_task_with_its_evidence) {
  auto r = cli.run({"--lang", "zh", "audit", "completion", "works"});
  EXPECT_EQ(r.code, 0) << r.err;
  auto tasks_at = r.out.find("meeting 定期召开联席会议\n");
  ASSERT_NE(tasks_at, std::string::npos) << r.out;
  EXPECT_EQ(r.out.substr(tasks_at),
            "meeting 定期召开联席会议\n"
            "------------------------\n"
            "  期限: 2019-03-31\n"
            "  责任单位: 区科委\n"
            "  配合单位: 区发改委\n"
            "  最终状态: 推进中 (2019-01)\n"
            "  状态: 已逾期\n"
            "  结论: 未完成\n"
            "  标记: 节点滞后\n"
            "编号  期间     进展状态  备注        证据               节点   记录人  记录时间                  版本\n"
            "----  -------  --------  ----------  -----------------  -----  ------  ------------------------  ----\n"
            "2     2019-01  推进中    方案已起草  区科委〔2019〕3号  draft  tester  2019-06-30 16:00 (+0800)  -\n"
            "\n"
            "platform 建设科技服务平台\n"
            "-------------------------\n"
            "  期限: 2019-12-31\n"
            "  责任单位: 区经信委\n"
            "  最终状态: 推进中 (2019Q1)\n"
            "  状态: 推进中\n"
            "  结论: 未到期\n"
            "编号  期间    进展状态  备注                       证据                             节点  记录人  记录时间                  版本\n"
            "----  ------  --------  -------------------------  -------------------------------  ----  ------  ------------------------  -----------------------------------------------------------------\n"
            "7     2019Q1  推进中    平台一期上线,二期正在招标  https://example.gov.cn/platform  -     tester  2019-06-30 18:00 (+0800)  #3 in_progress tester 2019-06-30 16:00 (+0800); 更正 #3: 补充说明\n"
            "\n"
            "survey 开展创新调查\n"
            "-------------------\n"
            "  期限: -\n"
            "  责任单位: 区统计局\n"
            "  最终状态: 已完成 (2018)\n"
            "  完成日期: 2018-12-31\n"
            "  状态: 按期完成\n"
            "  结论: 按期完成\n"
            "编号  期间  进展状态  备注            证据  节点  记录人  记录时间                  版本\n"
            "----  ----  --------  --------------  ----  ----  ------  ------------------------  ----\n"
            "5     2018  已完成    调查报告已发布  -     -     tester  2019-06-30 17:00 (+0800)  -\n"
            "\n"
            "quiet 制定配套政策\n"
            "------------------\n"
            "  期限: 2018-12-31\n"
            "  责任单位: 区政府办\n"
            "  最终状态: -\n"
            "  状态: 无数据\n"
            "  结论: 无法核实\n"
            "  证据: 无\n"
            "\n"
            "accept 完成项目验收\n"
            "-------------------\n"
            "  期限: 2018-12-31\n"
            "  责任单位: 区科委\n"
            "  最终状态: 已完成 (2019Q1)\n"
            "  完成日期: 2019-03-31\n"
            "  状态: 逾期完成\n"
            "  结论: 逾期完成\n"
            "编号  期间    进展状态  备注            证据  节点  记录人  记录时间                  版本\n"
            "----  ------  --------  --------------  ----  ----  ------  ------------------------  ----\n"
            "6     2019Q1  done      已通过验收|<b>  -     -     tester  2019-06-30 17:00 (+0800)  -\n"
            "\n");
}

TEST_F(TaskViews, audit_completion_json_and_english_rulings) {
  auto r = cli.run({"--format", "json", "audit", "completion", "works"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto doc = nlohmann::ordered_json::parse(r.out);
  std::map<std::string, std::string> rulings;
  for (const auto& t : doc["tasks"]) rulings[t["ref"]] = t["ruling"];
  EXPECT_EQ(rulings, (std::map<std::string, std::string>{{"works/meeting", "not_completed"},
                                                          {"works/platform", "not_due"},
                                                          {"works/survey", "completed"},
                                                          {"works/quiet", "unverifiable"},
                                                          {"works/accept", "completed_late"}}));
  const auto& platform = doc["tasks"][1];
  EXPECT_EQ(platform["final_state"], "in_progress");
  ASSERT_EQ(platform["evidence"].size(), 1u); // the retracted done is no evidence
  EXPECT_EQ(platform["evidence"][0]["id"], 7);
  EXPECT_EQ(platform["evidence"][0]["earlier_versions"][0]["id"], 3);
  r = cli.run({"--lang", "en", "--format", "md", "audit", "completion", "works", "--as-of",
               "2020-06-30"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("## platform 建设科技服务平台\n\n- deadline: 2019-12-31\n"));
  EXPECT_THAT(r.out, HasSubstr("- ruling: not completed\n"));
  EXPECT_THAT(r.out, HasSubstr("- ruling: completed on time\n"));
  EXPECT_THAT(r.out, HasSubstr("- ruling: completed late\n"));
}
