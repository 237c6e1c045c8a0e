// End-to-end tests of `plantrack scorecard` (SPEC §2 "Org scorecard", §3; docs/assessment.md
// "Scorecard"): exact stdout, stderr and exit code, with a fixed clock.

#include "cli_harness.hpp"

#include <nlohmann/json.hpp>

using plantrack::support::shanghai;
using plantrack::testing::Cli;
using plantrack::testing::Result;

namespace {

// A quarterly plan for 2019-2020: patents (lead 区科委, support 区统计局), drafted (a milestone,
// lead 区统计局) and the task meeting (lead 区发改委, support 区科委), due 2019-03-31.
const std::string scorecard_plan = R"(id: sc
title: 考核示例
issuer: 测试区政府
jurisdiction: 测试区
period: {start: 2019-01-01, end: 2020-12-31}
cadence: quarter
source: {title: 测试文件, date: 2019-01-01}
goals:
  - {id: g, title: 目标一}
targets:
  - id: patents
    title: 年专利申请量
    goal: g
    kind: cumulative
    unit: 件
    rule: at_least
    value: 5000
    deadline: 2020-12-31
    baseline: {value: 0, date: 2018-12-31}
    responsible: [区科委]
    support: [区统计局]
  - id: drafted
    title: 编制专项规划
    goal: g
    kind: milestone
    rule: done
    deadline: 2020-06-30
    responsible: [区统计局]
tasks:
  - id: meeting
    title: 召开联席会议
    goal: g
    responsible: [区发改委]
    support: [区科委]
    deadline: 2019-03-31
    source: "定期召开联席会议"
)";

struct Scorecard : ::testing::Test {
  Cli cli;
  void SetUp() override {
    cli.now = shanghai(2019, 1, 2, 9);
    ASSERT_EQ(cli.run({"init"}).code, 0);
    auto r = cli.run({"plan", "import", cli.write("sc.yaml", scorecard_plan)});
    ASSERT_EQ(r.code, 0) << r.err;
    // The meeting's February progress, logged on 04-20: late for 2019Q1 (due by 04-15).
    log_at(shanghai(2019, 4, 20, 9), {"sc/meeting", "in_progress", "--period", "2019-02"});
  }
  // Log `args` with the clock at `when`, then put the clock back to 2019-06-30 16:00 (+08).
  void log_at(plantrack::Timestamp when, std::vector<std::string> args) {
    cli.now = when;
    args.insert(args.begin(), "log");
    auto r = cli.run(args);
    ASSERT_EQ(r.code, 0) << r.err;
    cli.now = Cli::at(2019, 6, 30, 8);
  }
  nlohmann::json json(std::vector<std::string> args = {}) {
    args.insert(args.begin(), {"--format", "json", "scorecard"});
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return nlohmann::json::parse(r.out);
  }
  // The org's on_time object in `scorecard --format json`.
  nlohmann::json on_time(const std::string& org, std::vector<std::string> args = {}) {
    auto doc = json(args);
    for (const auto& o : doc["orgs"])
      if (o["org"] == org) return o["on_time"];
    ADD_FAILURE() << "no org " << org;
    return nullptr;
  }
  void expect_refused(const std::vector<std::string>& args, const std::string& error) {
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "plantrack: error: " + error + "\n");
  }
};

TEST_F(Scorecard, counts_what_each_org_leads_and_supports_with_trouble_and_on_time) {
  log_at(shanghai(2019, 4, 10, 10), {"sc/patents", "300", "--period", "2019Q1"});
  cli.now = Cli::at(2019, 6, 30, 8);
  auto r = cli.run({"--lang", "zh", "scorecard"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.out,
            "评估日期 2019-06-30  数据截至 2019-06-30 16:00 (+0800)  宽限天数 15\n"
            "\n"
            "责任单位  牵头指标  牵头任务  配合指标  配合任务  指标状态              任务状态  需关注    报送及时率\n"
            "--------  --------  --------  --------  --------  --------------------  --------  ------  ------------\n"
            "区发改委         0         1         0         0  -                     已逾期 1       1    0/1 (0.0%)\n"
            "区科委           1         0         0         1  严重滞后 1            已逾期 1       2  1/1 (100.0%)\n"
            "区统计局         1         0         1         0  无数据 1, 严重滞后 1  -              1    0/1 (0.0%)\n"
            "\n"
            "需关注:\n"
            "责任单位  角色  项目        名称          状态\n"
            "--------  ----  ----------  ------------  --------\n"
            "区发改委  牵头  sc/meeting  召开联席会议  已逾期\n"
            "区科委    牵头  sc/patents  年专利申请量  严重滞后\n"
            "区科委    配合  sc/meeting  召开联席会议  已逾期\n"
            "区统计局  配合  sc/patents  年专利申请量  严重滞后\n"
            "\n"
            "迟报或漏报:\n"
            "责任单位  项目        期间    迟报  漏报\n"
            "--------  ----------  ------  ----  ----\n"
            "区发改委  sc/meeting  2019Q1     1     0\n"
            "区统计局  sc/drafted  2019Q1     0     1\n");
}

TEST_F(Scorecard, json_names_lead_support_statuses_trouble_and_on_time) {
  auto doc = json();
  EXPECT_EQ(doc["as_of"], "2019-06-30");
  EXPECT_EQ(doc["known_at"], "2019-06-30T08:00:00Z");
  EXPECT_EQ(doc["grace_days"], 15);
  ASSERT_EQ(doc["orgs"].size(), 3u);
  const auto& kw = doc["orgs"][1];
  EXPECT_EQ(kw["org"], "区科委");
  EXPECT_EQ(kw["lead"], nlohmann::json::parse(R"({"targets": ["sc/patents"], "tasks": []})"));
  EXPECT_EQ(kw["support"], nlohmann::json::parse(R"({"targets": [], "tasks": ["sc/meeting"]})"));
  EXPECT_EQ(kw["statuses"]["targets"]["no_data"], 1);
  EXPECT_EQ(kw["statuses"]["tasks"]["overdue"], 1);
  EXPECT_EQ(kw["trouble"], nlohmann::json::parse(R"([{"ref": "sc/meeting", "title": "召开联席会议",
                                                      "status": "overdue", "role": "support"}])"));
  EXPECT_EQ(kw["on_time"], nlohmann::json::parse(R"({"due": 1, "on_time": 0, "share": 0.0,
      "late": [{"ref": "sc/patents", "period": "2019Q1", "reported_at": null}]})"));
}

TEST_F(Scorecard, nothing_due_yet_is_a_null_share) {
  EXPECT_EQ(on_time("区科委", {"--as-of", "2019-04-14"})["share"], nullptr);
  EXPECT_EQ(on_time("区科委", {"--as-of", "2019-04-14"})["due"], 0);
  EXPECT_EQ(on_time("区科委", {"--as-of", "2019-04-15"})["due"], 1);
}

TEST_F(Scorecard, on_time_until_the_end_of_the_grace_day_in_shanghai) {
  log_at(shanghai(2019, 4, 15, 23, 59, 59), {"sc/patents", "300", "--period", "2019Q1"});
  EXPECT_EQ(on_time("区科委")["on_time"], 1);
}

TEST_F(Scorecard, one_second_after_the_grace_day_is_late) {
  log_at(shanghai(2019, 4, 16, 0, 0, 0), {"sc/patents", "300", "--period", "2019Q1"});
  auto t = on_time("区科委");
  EXPECT_EQ(t["on_time"], 0);
  EXPECT_EQ(t["late"][0]["reported_at"], "2019-04-15T16:00:00Z");
  // With a longer grace it is on time.
  EXPECT_EQ(on_time("区科委", {"--grace", "16"})["on_time"], 1);
}

TEST_F(Scorecard, a_correction_counts_from_the_original_and_a_retraction_removes_the_report) {
  log_at(shanghai(2019, 4, 10, 10), {"sc/patents", "300", "--period", "2019Q1"}); // entry 2
  cli.now = shanghai(2019, 5, 20, 10);
  ASSERT_EQ(cli.run({"correct", "2", "320", "--reason", "年报修订"}).code, 0);
  cli.now = Cli::at(2019, 6, 30, 8);
  EXPECT_EQ(on_time("区科委")["on_time"], 1);

  cli.now = shanghai(2019, 5, 21, 10);
  ASSERT_EQ(cli.run({"retract", "3", "--reason", "重复录入"}).code, 0);
  cli.now = Cli::at(2019, 6, 30, 8);
  auto t = on_time("区科委");
  EXPECT_EQ(t["on_time"], 0);
  EXPECT_EQ(t["late"][0]["reported_at"], nullptr);
  // Known at the day before the retraction, the report still stands.
  EXPECT_EQ(on_time("区科委", {"--known-at", "2019-05-20"})["on_time"], 1);
}

TEST_F(Scorecard, a_done_milestone_needs_no_further_reports) {
  log_at(shanghai(2019, 4, 3, 10), {"sc/drafted", "done", "--period", "2019-03"});
  auto t = on_time("区统计局", {"--as-of", "2019-12-31"});
  EXPECT_EQ(t["due"], 1);
  EXPECT_EQ(t["on_time"], 1);
  EXPECT_EQ(t["share"], 1.0);
}

TEST_F(Scorecard, org_keeps_one_org) {
  auto doc = json({"--org", "区发改委"});
  ASSERT_EQ(doc["orgs"].size(), 1u);
  EXPECT_EQ(doc["orgs"][0]["org"], "区发改委");
}

TEST_F(Scorecard, an_unknown_org_is_refused_listing_the_orgs_named) {
  expect_refused({"scorecard", "--org", "区科协"},
                 "--org '区科协' is not an org of the plans shown; use one of 区发改委, 区科委, "
                 "区统计局");
}

TEST_F(Scorecard, a_bad_grace_is_refused) {
  const std::string fix = "' is not a number of days; use a whole number from 0 to 36600, e.g. "
                          "--grace 15";
  expect_refused({"scorecard", "--grace=-1"}, "--grace '-1" + fix);
  expect_refused({"scorecard", "--grace", "1.5"}, "--grace '1.5" + fix);
  expect_refused({"scorecard", "--grace", "两周"}, "--grace '两周" + fix);
}

TEST_F(Scorecard, an_unknown_plan_is_refused) {
  auto r = cli.run({"scorecard", "nosuch"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("plantrack: error: "), std::string::npos);
}

TEST_F(Scorecard, csv_has_the_stable_header_and_one_row_per_org) {
  auto r = cli.run({"--format", "csv", "scorecard", "sc"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, r.out.find("\r\n")),
            "org,lead_targets,lead_tasks,support_targets,support_tasks,targets_no_data,"
            "targets_breached,targets_achieved,targets_missed,targets_insufficient_data,"
            "targets_on_track,targets_at_risk,targets_off_track,targets_monitored,tasks_no_data,tasks_done,"
            "tasks_done_late,tasks_overdue,tasks_suspended,tasks_in_progress,tasks_not_started,"
            "trouble,reports_due,reports_on_time,on_time_share,as_of,grace_days");
  EXPECT_NE(r.out.find("\r\n区发改委,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,sc/meeting,1,0,0,"
                       "2019-06-30,15\r\n"),
            std::string::npos)
      << r.out;
}

TEST_F(Scorecard, markdown_in_english) {
  auto r = cli.run({"--format", "md", "--lang", "en", "scorecard"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("# Org scorecard\n\nas of 2019-06-30", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("| org | led targets | led tasks | supported targets | supported tasks |"),
            std::string::npos);
  EXPECT_NE(r.out.find("| 区科委 | support | sc/meeting |"), std::string::npos) << r.out;
}

TEST_F(Scorecard, html_is_not_offered) {
  expect_refused({"--format", "html", "scorecard"},
                 "--format 'html' is not offered here; use one of table, json, csv, md");
}

TEST_F(Scorecard, the_html_report_has_the_org_section) {
  auto r = cli.run({"--format", "html", "--lang", "zh", "report", "sc"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("<section class=\"orgs\" id=\"orgs\">\n<h2>责任单位考核</h2>"),
            std::string::npos);
  EXPECT_NE(r.out.find("<td>区发改委</td>"), std::string::npos);
  EXPECT_NE(r.out.find("<li>区发改委 (牵头): <code>sc/meeting</code> 召开联席会议: 已逾期</li>"),
            std::string::npos);
}

} // namespace
