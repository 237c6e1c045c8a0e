// End-to-end tests: the whole CLI in-process, exact stdout, stderr and exit code.

#include "cli_harness.hpp"
#include "support/plan_files.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>

#include <set>

using plantrack::testing::Cli;
using plantrack::testing::fixture;
using plantrack::testing::Result;

namespace {

const std::string demo_plan = plantrack::support::test_plan_header("demo", "示例规划") + R"(  - id: patents
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
    source: "年专利申请量达到5000件"
  - id: turnover
    title: 年技术交易额
    goal: g
    kind: flow
    per: year
    unit: 亿元
    rule: at_least
    value: 10
    deadline: 2020-12-31
    source: "年技术交易额达到10亿元"
)";

// A fresh database with the demo plan imported.
struct Demo : ::testing::Test {
  Cli cli;
  void SetUp() override {
    ASSERT_EQ(cli.run({"init"}).code, 0);
    auto r = cli.run({"plan", "import", cli.write("demo.yaml", demo_plan)});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  // Everything a command could have changed, to prove a refused command changed nothing.
  std::string snapshot() {
    return cli.run({"--format", "json", "plan", "list"}).out +
           cli.run({"--format", "json", "entries"}).out;
  }
  nlohmann::json status_json(const std::string& ref) {
    auto r = cli.run({"--format", "json", "status", "demo"});
    EXPECT_EQ(r.code, 0) << r.err;
    auto doc = nlohmann::json::parse(r.out);
    for (const auto& t : doc["plans"][0]["targets"])
      if (t["ref"] == ref) return t;
    ADD_FAILURE() << "no " << ref;
    return {};
  }
  // Run a command that must be refused with exactly `error` and leave the database as it was.
  void expect_refused(const std::vector<std::string>& args, const std::string& error) {
    auto before = snapshot();
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "plantrack: error: " + error + "\n");
    EXPECT_EQ(snapshot(), before);
  }
};

} // namespace

TEST(Init, creates_the_database_and_is_idempotent) {
  Cli cli;
  auto first = cli.run({"init"});
  EXPECT_EQ(first.code, 0);
  EXPECT_EQ(first.out, "database " + cli.db() + " ready (schema version 7)\n");
  auto second = cli.run({"init"});
  EXPECT_EQ(second.code, 0);
  EXPECT_EQ(second.out, first.out);
}

TEST(Init, other_commands_without_a_database_say_to_run_init) {
  Cli cli;
  auto r = cli.run({"status"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: no database at '" + cli.db() + "'; run `plantrack init --db " +
                       cli.db() + "` first, or pass --db with an existing database\n");
}

TEST(Cli, unknown_command_is_a_usage_error) {
  Cli cli;
  auto r = cli.run({"frobnicate"});
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind("plantrack: error: ", 0), 0u) << r.err;
}

TEST_F(Demo, plan_import_reports_each_plan_and_reimport_is_unchanged) {
  auto path = cli.dir() / "demo.yaml";
  auto r = cli.run({"plan", "import", path.string()});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "unchanged demo: 2 targets, 0 tasks (" + path.string() + ")\n");
}

TEST_F(Demo, plan_list_shows_revision_and_counts) {
  auto r = cli.run({"--lang", "en", "plan", "list"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "id    title     revision  targets  entries  imported at\n"
                   "----  --------  --------  -------  -------  ------------------------\n"
                   "demo  示例规划         1        2        0  2019-06-30 16:00 (+0800)\n");
}

TEST_F(Demo, plan_show_lists_goals_and_targets) {
  auto r = cli.run({"--lang", "zh", "plan", "show", "demo"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, "demo  示例规划\n"
                   "发布: 测试区政府  (测试区)\n"
                   "期间: 2016-01-01..2020-12-31  报送周期: year\n"
                   "来源: 测试文件 (2016-01-01)\n"
                   "\n"
                   "[g] 目标一\n"
                   "编号      名称          类型       规则           单位  期限        责任单位  配合单位\n"
                   "--------  ------------  ---------  -------------  ----  ----------  --------  --------\n"
                   "patents   年专利申请量  flow/year  at_least 5000  件    2020-12-31  区科委\n"
                   "turnover  年技术交易额  flow/year  at_least 10    亿元  2020-12-31\n");
}

TEST_F(Demo, plan_show_unknown_plan_is_refused) {
  expect_refused({"plan", "show", "nope"},
                 "unknown plan 'nope'; see `plantrack plan list` for the plans in this database");
}

TEST_F(Demo, log_prints_the_id_and_status_follows_the_entries) {
  EXPECT_EQ(status_json("demo/patents")["status"], "no_data");
  auto r = cli.run({"log", "demo/patents", "3500", "--period", "2016", "--source", "统计年报"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "1\n");
  // b = 3000 at 2015-12-31, v = 5000 at 2020-12-31 (1827 days). t_c = 2016-12-31 (366 days):
  // E = 3000 + 2000*366/1827 = 3400.657; rho = 500/400.657 = 1.2479 -> on_track.
  auto t = status_json("demo/patents");
  EXPECT_EQ(t["status"], "on_track");
  EXPECT_NEAR(t["ratio"].get<double>(), 500.0 / (2000.0 * 366 / 1827), 1e-9);
  // A flat 2017: t_c = 2017-12-31 (731 days): E = 3000 + 2000*731/1827 = 3800.219;
  // rho = 500/800.219 = 0.6248 -> at_risk.
  ASSERT_EQ(cli.run({"log", "demo/patents", "3500", "--period", "2017"}).code, 0);
  t = status_json("demo/patents");
  EXPECT_EQ(t["status"], "at_risk");
  EXPECT_NEAR(t["ratio"].get<double>(), 500.0 / (2000.0 * 731 / 1827), 1e-9);
  EXPECT_EQ(t["current"], 3500.0);
  EXPECT_EQ(t["current_period"], "2017");
  EXPECT_EQ(t["gap"], 1500.0);
}

TEST_F(Demo, log_converts_a_convertible_unit_and_keeps_what_was_typed) {
  ASSERT_EQ(cli.run({"log", "demo/turnover", "86000", "万元", "--period", "2018"}).code, 0);
  auto entries = nlohmann::json::parse(cli.run({"--format", "json", "entries", "demo/turnover"}).out);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["value"], 8.6);
  EXPECT_EQ(entries[0]["value_text"], "86000");
  EXPECT_EQ(entries[0]["unit"], "万元");
  EXPECT_EQ(entries[0]["recorded_by"], "tester");
  EXPECT_EQ(entries[0]["recorded_at"], "2019-06-30T08:00:00Z");
}

TEST_F(Demo, by_overrides_the_recorder) {
  ASSERT_EQ(cli.run({"--by", "区科委 张三", "log", "demo/turnover", "9", "--period", "2018"}).code, 0);
  auto entries = nlohmann::json::parse(cli.run({"--format", "json", "entries"}).out);
  EXPECT_EQ(entries[0]["recorded_by"], "区科委 张三");
}

TEST_F(Demo, log_unknown_plan_is_refused) {
  expect_refused({"log", "dmeo/patents", "1", "--period", "2018"},
                 "unknown plan 'dmeo'; did you mean 'demo'?");
}

TEST_F(Demo, log_unknown_target_is_refused_with_a_suggestion) {
  expect_refused({"log", "demo/patent", "1", "--period", "2018"},
                 "plan 'demo' has no target or task 'patent'; did you mean 'demo/patents'?");
}

TEST_F(Demo, log_month_13_is_refused) {
  expect_refused({"log", "demo/patents", "1", "--period", "2018-13"},
                 "period '2018-13' has month 13, not 01..12; write YYYY, YYYYQ1..YYYYQ4, "
                 "YYYY-MM, YYYY-MM-DD or a range FROM..TO");
}

TEST_F(Demo, log_quarter_5_is_refused) {
  expect_refused({"log", "demo/patents", "1", "--period", "2018Q5"},
                 "period '2018Q5' has quarter 5, not 1..4; write YYYY, YYYYQ1..YYYYQ4, YYYY-MM, "
                 "YYYY-MM-DD or a range FROM..TO");
}

TEST_F(Demo, log_non_numeric_value_is_refused) {
  expect_refused({"log", "demo/patents", "约5000", "--period", "2018"},
                 "value '约5000' is not a number; write digits with an optional decimal point, "
                 "e.g. 2628.7");
}

TEST_F(Demo, log_unit_that_does_not_convert_is_refused_naming_both) {
  expect_refused({"log", "demo/patents", "12", "家", "--period", "2018"},
                 "unit '家' does not convert to the target's unit '件'; log the value in '件' or a "
                 "unit convertible to it");
}

TEST_F(Demo, plan_file_failing_the_schema_is_refused_with_file_line_and_field) {
  std::string bad = demo_plan;
  bad.replace(bad.find("rule: at_least"), 14, "rule: atleast");
  auto path = cli.write("bad.yaml", bad);
  expect_refused({"plan", "import", path},
                 path + ":17: targets[0].rule: 'atleast' is not one of at_least, more_than, "
                        "at_most, less_than, between, keep_at_most, done, none");
}

TEST_F(Demo, plan_import_reports_every_problem_and_imports_none_of_the_files) {
  std::string other = demo_plan;
  other.replace(other.find("id: demo"), 8, "id: other");
  auto good = cli.write("other.yaml", other);
  std::string bad = demo_plan;
  bad.replace(bad.find("id: demo"), 8, "id: broken");
  bad.replace(bad.find("value: 5000"), 11, "value: \"5000\"");
  bad.replace(bad.find("deadline: 2020-12-31"), 20, "deadline: 2020-13-31");
  auto path = cli.write("broken.yaml", bad);
  auto before = snapshot();
  auto r = cli.run({"plan", "import", good, path});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: " + path +
                       ":18: targets[0].value: '5000' is not a number (write it without quotes or "
                       "units, e.g. 5000)\n");
  EXPECT_EQ(snapshot(), before);
}

TEST_F(Demo, duplicate_plan_id_within_one_import_is_refused) {
  std::string copy = demo_plan;
  copy.replace(copy.find("id: demo"), 8, "id: twin");
  auto a = cli.write("a.yaml", copy);
  auto b = cli.write("b.yaml", copy);
  expect_refused({"plan", "import", a, b},
                 b + ":1: id: plan id 'twin' is also defined by " + a +
                     "; import one of the two files, or give this plan its own id");
}

TEST_F(Demo, changed_plan_needs_a_reason) {
  std::string changed = demo_plan;
  changed.replace(changed.find("value: 5000"), 11, "value: 6000");
  auto path = cli.write("demo.yaml", changed);
  expect_refused({"plan", "import", path},
                 "plan 'demo' differs from its revision 1 in the database; pass --reason \"why it "
                 "changed\" to record revision 2");
  auto r = cli.run({"plan", "import", path, "--reason", "区政府调整目标"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "revised demo: 2 targets, 0 tasks (" + path + ")\n");
}

TEST_F(Demo, import_csv_appends_all_rows) {
  auto csv = cli.write("e.csv", "target,period,value,unit,source,note,recorded_by,provisional,entities\n"
                                "demo/patents,2016,3500,件,统计年报,,区科委,false,\n"
                                "demo/patents,2017,\"4,100\",件,,,,,\n");
  auto bad = cli.run({"import", csv});
  EXPECT_EQ(bad.code, 1);
  auto good = cli.write("g.csv", "\xEF\xBB\xBFtarget,period,value,unit,source,note,recorded_by,provisional,entities\n"
                                 "demo/patents,2016,3500,件,统计年报,\"含 \"\"发明\"\" 专利\",区科委,false,\n"
                                 "demo/patents,2017,4100,件,,,,true,\n");
  auto r = cli.run({"import", good});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, good + ": imported 2 entries (ids 1..2)\n");
  auto entries = nlohmann::json::parse(cli.run({"--format", "json", "entries"}).out);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0]["note"], "含 \"发明\" 专利");
  EXPECT_EQ(entries[0]["recorded_by"], "区科委");
  EXPECT_EQ(entries[1]["recorded_by"], "tester");
  EXPECT_EQ(entries[1]["provisional"], true);
}

TEST_F(Demo, import_csv_dry_run_writes_nothing) {
  auto csv = cli.write("e.csv", "target,period,value\ndemo/patents,2016,3500\n");
  auto before = snapshot();
  auto r = cli.run({"import", csv, "--dry-run"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out, csv + ": 1 rows are valid; nothing written (dry run)\n");
  EXPECT_EQ(snapshot(), before);
}

TEST_F(Demo, import_csv_with_one_bad_row_among_good_ones_imports_nothing) {
  auto csv = cli.write("e.csv", "target,period,value,unit,source,note,recorded_by,provisional,entities\n"
                                "demo/patents,2016,3500,件,,,,,\n"
                                "demo/patents,2017,4100,件,,,,,\n"
                                "demo/patents,2018Q5,4200,件,,,,,\n"
                                "demo/patents,2019,4300,件,,,,,\n");
  auto before = snapshot();
  auto r = cli.run({"import", csv});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "plantrack: error: " + csv +
                       ":4: period: period '2018Q5' has quarter 5, not 1..4; write YYYY, "
                       "YYYYQ1..YYYYQ4, YYYY-MM, YYYY-MM-DD or a range FROM..TO\n"
                       "plantrack: error: " + csv +
                       ": 1 bad row(s); nothing was imported, fix them and run the import again\n");
  EXPECT_EQ(snapshot(), before);
}

TEST_F(Demo, import_csv_reports_every_bad_row) {
  auto csv = cli.write("e.csv", "target,period,value,unit\n"
                                "demo/patents,2016,abc,件\n"
                                "demo/patents,2017,4100,家\n"
                                "demo/nope,2017,1,件\n");
  auto r = cli.run({"import", csv});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "plantrack: error: " + csv + ":2: value: value 'abc' is not a number; write digits with an optional decimal point, e.g. 2628.7\n"
            "plantrack: error: " + csv + ":3: unit: unit '家' does not convert to the target's unit '件'; log the value in '件' or a unit convertible to it\n"
            "plantrack: error: " + csv + ":4: target: plan 'demo' has no target or task 'nope'; see `plantrack plan show demo` for its targets and tasks\n"
            "plantrack: error: " + csv + ": 3 bad row(s); nothing was imported, fix them and run the import again\n");
}

TEST_F(Demo, entries_shows_the_history_with_who_and_when) {
  ASSERT_EQ(cli.run({"log", "demo/patents", "3500", "--period", "2016", "--source", "年报",
                     "--note", "初报", "--provisional"})
                .code,
            0);
  auto r = cli.run({"--lang", "en", "entries", "demo"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out,
            "id  target        period               value  version  recorded at               recorded by  source  note\n"
            "--  ------------  ------  ------------------  -------  ------------------------  -----------  ------  ----\n"
            " 1  demo/patents  2016    3500 (provisional)  -        2019-06-30 16:00 (+0800)  tester       年报    初报\n");
}

TEST_F(Demo, entries_of_an_unknown_target_is_refused) {
  expect_refused({"entries", "demo/nope"},
                 "plan 'demo' has no target or task 'nope'; see `plantrack plan show demo` for its targets and tasks");
}

TEST_F(Demo, status_table_aligns_chinese_titles) {
  ASSERT_EQ(cli.run({"log", "demo/patents", "3500", "--period", "2016"}).code, 0);
  ASSERT_EQ(cli.run({"log", "demo/turnover", "8", "--period", "2016"}).code, 0);
  auto r = cli.run({"--lang", "zh", "status"});
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out,
            "demo 示例规划  (评估日期 2019-06-30)\n"
            "指标      名称           当前值  期间    目标值  差距  进度%  比率    预测  每年需增  状态      标记\n"
            "--------  ------------  -------  ----  --------  ----  -----  ----  ------  --------  --------  --------\n"
            "patents   年专利申请量  3500 件  2016  ≥5000 件  1500   25.0  1.25  5495.9    374.99  进度正常  数据过期\n"
            "turnover  年技术交易额   8 亿元  2016  ≥10 亿元     2      -     -       -       0.5  数据不足  数据过期\n");
  // Forecast: 3000 + 500*1827/366 = 5495.90; pace: 1500/(1461/365.2425) = 374.99 per year.
}

TEST_F(Demo, status_json_has_the_fields_of_the_spec) {
  ASSERT_EQ(cli.run({"log", "demo/patents", "3500", "--period", "2016"}).code, 0);
  auto r = cli.run({"--format", "json", "--as-of", "2017-03-31", "status"});
  ASSERT_EQ(r.code, 0) << r.err;
  auto doc = nlohmann::json::parse(r.out);
  EXPECT_EQ(doc["as_of"], "2017-03-31");
  EXPECT_EQ(doc["known_at"], "2019-06-30T08:00:00Z");
  EXPECT_EQ(doc["plans"][0]["id"], "demo");
  auto t = doc["plans"][0]["targets"][0];
  for (auto field : {"ref", "title", "unit", "kind", "rule", "target", "deadline", "baseline",
                     "current", "current_period", "expected", "ratio", "gap", "shortfall",
                     "progress_pct", "forecast", "needed_per_year", "status", "flags",
                     "responsible", "support", "nature"})
    EXPECT_TRUE(t.contains(field)) << field;
  EXPECT_EQ(t["ref"], "demo/patents");
  EXPECT_EQ(t["target"], 5000.0);
  EXPECT_EQ(t["baseline"], 3000.0);
  EXPECT_EQ(t["status"], "on_track");
  EXPECT_EQ(t["flags"], nlohmann::json::array());
  EXPECT_EQ(t["responsible"], nlohmann::json::array({"区科委"}));
  EXPECT_EQ(t["support"], nlohmann::json::array());
  EXPECT_EQ(t["nature"], "expected");
  // Shortfall 1500; progress 100*(3500-3000)/(5000-3000) = 25; pace (5000-3500)/(1461/365.2425).
  EXPECT_EQ(t["shortfall"], 1500.0);
  EXPECT_EQ(t["progress_pct"], 25.0);
  EXPECT_NEAR(t["needed_per_year"].get<double>(), 1500.0 / (1461 / 365.2425), 1e-9);
  // Forecast: the line through (2015-12-31, 3000) and (2016-12-31, 3500), at 2020-12-31:
  // 3000 + 500 * 1827/366.
  EXPECT_NEAR(t["forecast"].get<double>(), 3000 + 500.0 * 1827 / 366, 1e-6);
  EXPECT_TRUE(doc["plans"][0]["targets"][1]["current"].is_null());
}

TEST_F(Demo, status_of_an_unknown_plan_is_refused) {
  expect_refused({"status", "nope"},
                 "unknown plan 'nope'; see `plantrack plan list` for the plans in this database");
}

TEST_F(Demo, status_as_of_a_malformed_date_is_refused) {
  expect_refused({"status", "--as-of", "2019-02-30"},
                 "--as-of '2019-02-30' is not a calendar date; write YYYY-MM-DD, e.g. 2019-06-30");
}

TEST_F(Demo, status_check_exits_4_when_a_target_is_in_trouble) {
  ASSERT_EQ(cli.run({"log", "demo/patents", "3000", "--period", "2018"}).code, 0);
  auto r = cli.run({"--format", "json", "status", "--check"});
  EXPECT_EQ(r.code, 4);
  EXPECT_EQ(nlohmann::json::parse(r.out)["plans"][0]["targets"][0]["status"], "off_track");
  auto quiet = cli.run({"status", "--check", "--only", "no_data"});
  EXPECT_EQ(quiet.code, 0);
}

TEST_F(Demo, status_known_at_ignores_later_entries) {
  cli.now = Cli::at(2019, 6, 30, 9);
  ASSERT_EQ(cli.run({"log", "demo/patents", "3500", "--period", "2016"}).code, 0);
  auto r = cli.run({"--format", "json", "--known-at", "2019-06-30T08:59:59Z", "status"});
  ASSERT_EQ(r.code, 0);
  EXPECT_EQ(nlohmann::json::parse(r.out)["plans"][0]["targets"][0]["status"], "no_data");
}

TEST(Fixtures, the_demo_shows_every_status) {
  Cli cli;
  ASSERT_EQ(cli.run({"init"}).code, 0);
  std::vector<std::string> import{"plan", "import"};
  for (auto name : {"beijing-st-2014", "chaoyang-st-2016", "fangshan-industry-2018",
                    "haidian-innovation-2014", "tongzhou-st-2020"})
    import.push_back(fixture(std::string("plans/") + name + ".yaml"));
  auto r = cli.run(import);
  ASSERT_EQ(r.code, 0) << r.err;
  // Every entries file, as scripts/demo.sh imports them (targets' and tasks' files).
  std::set<std::string> files;
  for (const auto& item : std::filesystem::directory_iterator(fixture("entries")))
    if (item.path().extension() == ".csv") files.insert(item.path().string());
  EXPECT_EQ(files.size(), 9u);
  for (const auto& file : files) {
    auto imported = cli.run({"import", file});
    ASSERT_EQ(imported.code, 0) << imported.err;
  }
  auto status = cli.run({"--format", "json", "--as-of", "2019-06-30", "status"});
  ASSERT_EQ(status.code, 0) << status.err;
  std::set<std::string> statuses, flags, task_statuses, task_flags;
  std::map<std::string, std::string> by_ref;
  auto doc = nlohmann::json::parse(status.out);
  for (const auto& plan : doc["plans"]) {
    for (const auto& t : plan["targets"]) {
      statuses.insert(t["status"].get<std::string>());
      by_ref[t["ref"]] = t["status"];
      for (const auto& f : t["flags"]) flags.insert(f.get<std::string>());
    }
    for (const auto& t : plan["tasks"]) {
      task_statuses.insert(t["status"].get<std::string>());
      by_ref[t["ref"]] = t["status"];
      for (const auto& f : t["flags"]) task_flags.insert(f.get<std::string>());
    }
  }
  // Every task status and flag appears (fixtures/README.md, "Designed task statuses").
  EXPECT_EQ(task_statuses, (std::set<std::string>{"no_data", "done", "done_late", "overdue",
                                                  "suspended", "in_progress", "not_started"}));
  EXPECT_EQ(task_flags, (std::set<std::string>{"stale", "step_late"}));
  EXPECT_EQ(by_ref["chaoyang-st-2016/dawangjing-completion"], "overdue");
  EXPECT_EQ(by_ref["beijing-st-2014/st-centre-plan-outline"], "done_late");
  EXPECT_EQ(by_ref["haidian-innovation-2014/industry-relocation"], "suspended");
  EXPECT_EQ(by_ref["tongzhou-st-2020/jjj-eco-innovation-centre"], "not_started");
  // The Haidian opinions are all tasks: each measure is shown with a status.
  for (const auto& plan : doc["plans"])
    if (plan["id"] == "haidian-innovation-2014") {
      EXPECT_EQ(plan["targets"].size(), 0u);
      EXPECT_EQ(plan["tasks"].size(), 32u);
      for (const auto& t : plan["tasks"]) EXPECT_FALSE(t["status"].is_null()) << t["ref"];
    }
  // `monitored`: the Chaoyang city average, a monitor target (fixtures/README.md).
  EXPECT_EQ(statuses, (std::set<std::string>{"no_data", "breached", "achieved", "missed",
                                             "insufficient_data", "on_track", "at_risk",
                                             "off_track", "monitored"}));
  for (auto f : {"stale", "estimated", "provisional", "final_data_missing"})
    EXPECT_TRUE(flags.count(f)) << f;
  EXPECT_EQ(by_ref["fangshan-industry-2018/exit-general-manufacturing"], "achieved");
  EXPECT_EQ(by_ref["fangshan-industry-2018/scattered-polluting-enterprises"], "breached");
  EXPECT_EQ(by_ref["tongzhou-st-2020/hitech-output-share"], "off_track");
  // Ranked among the 16 districts from the sample peer values: 9 in 2017, 7 in 2018.
  EXPECT_EQ(by_ref["tongzhou-st-2020/rd-intensity-rank"], "on_track");
  EXPECT_EQ(by_ref["tongzhou-st-2020/fiscal-st-spending-share"], "insufficient_data");
  EXPECT_EQ(by_ref["chaoyang-st-2016/city-average-invention-patents-per-10k"], "monitored");
  // Read through other targets: the 2014 growth over the 2013 sample amount (10.49 % ≥ 9), and
  // 92 over the city average of the same year (76.8).
  EXPECT_EQ(by_ref["beijing-st-2014/tech-contract-growth"], "achieved");
  EXPECT_EQ(by_ref["chaoyang-st-2016/invention-patents-per-10k"], "achieved");
}

namespace {

TEST(Fixtures, show_says_a_milestones_rule_once) {
  Cli cli;
  ASSERT_EQ(cli.run({"init"}).code, 0);
  ASSERT_EQ(cli.run({"plan", "import", fixture("plans/fangshan-industry-2018.yaml")}).code, 0);
  auto r = cli.run({"--lang", "en", "show", "fangshan-industry-2018/zgc-south-plan"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("kind: milestone  rule: done  deadline: 2018-12-31"), std::string::npos)
      << r.out;
}

} // namespace
