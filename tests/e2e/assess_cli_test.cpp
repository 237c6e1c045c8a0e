// End-to-end tests of assessment in depth: show, filters, --check, time travel.

#include "cli_harness.hpp"

#include <nlohmann/json.hpp>

using plantrack::testing::Cli;
using plantrack::testing::Result;

namespace {

const char* plan_text = R"(id: city
title: 城市科技规划
issuer: 区政府
jurisdiction: 某区
period: {start: 2016-01-01, end: 2020-12-31}
cadence: year
source: {title: 规划文本, date: 2016-03-01}
goals:
  - {id: g, title: 创新能力}
targets:
  - id: patents
    title: 年专利申请量
    goal: g
    kind: flow
    per: year
    unit: 件
    rule: at_least
    value: 5000
    deadline: 2020-12-31
    baseline: {value: 3000, date: 2015-12-31}
    milestones:
      - {date: 2018-12-31, value: 4500}
    responsible: [区科委, 区知识产权局]
    source: "年专利申请量达到5000件"
  - id: share
    title: 高新技术产业占比
    goal: g
    kind: level
    unit: "%"
    rule: at_least
    value: 70
    deadline: 2018-12-31
    baseline: {value: 60, date: 2015-12-31}
    source: "高新技术产业总产值占工业总产值的比重达70%以上"
)";

struct Assessed : ::testing::Test {
  Cli cli;
  void SetUp() override {
    cli.now = Cli::at(2019, 1, 2, 0); // the plan is loaded at the start of 2019
    ASSERT_EQ(cli.run({"init"}).code, 0);
    ASSERT_EQ(cli.run({"plan", "import", cli.write("city.yaml", plan_text)}).code, 0);
    cli.now = Cli::at(2019, 6, 30, 8);
  }
  Result log(const std::string& ref, const std::string& value, const std::string& period) {
    auto r = cli.run({"log", ref, value, "--period", period});
    EXPECT_EQ(r.code, 0) << r.err;
    return r;
  }
  nlohmann::json json_of(std::vector<std::string> args) {
    args.insert(args.begin(), {"--format", "json"});
    auto r = cli.run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  }
  std::vector<std::string> refs(const nlohmann::json& status) {
    std::vector<std::string> out;
    for (const auto& p : status["plans"])
      for (const auto& t : p["targets"]) out.push_back(t["ref"]);
    return out;
  }
};

} // namespace

TEST_F(Assessed, show_json_has_definition_history_trajectory_and_figures) {
  log("city/patents", "4000", "2017");
  auto d = json_of({"show", "city/patents"});
  EXPECT_EQ(d["ref"], "city/patents");
  EXPECT_EQ(d["source"], "年专利申请量达到5000件");
  EXPECT_EQ(d["per"], "year");
  EXPECT_EQ(d["entries"].size(), 1u);
  ASSERT_EQ(d["trajectory"].size(), 3u);
  EXPECT_EQ(d["trajectory"][1]["date"], "2018-12-31");
  EXPECT_EQ(d["trajectory"][1]["point"], "milestone");
  // Through (2015-12-31, 3000) and the milestone (2018-12-31, 4500): 1096 days.
  // t_c = 2017-12-31 is 731 days in: E = 3000 + 1500*731/1096; rho = 1000 / (1500*731/1096).
  EXPECT_NEAR(d["expected"].get<double>(), 3000 + 1500.0 * 731 / 1096, 1e-9);
  EXPECT_NEAR(d["ratio"].get<double>(), 1000 / (1500.0 * 731 / 1096), 1e-9);
  // Now is 2019-06-30, 181 days past the milestone, on the stretch to (2020-12-31, 5000) of 731
  // days: E = 4500 + 500*181/731.
  EXPECT_NEAR(d["expected_now"].get<double>(), 4500 + 500.0 * 181 / 731, 1e-9);
  // Pace still needed: (5000 - 4000) / (1096 days / 365.2425).
  EXPECT_NEAR(d["needed_per_year"].get<double>(), 1000 / (1096 / 365.2425), 1e-9);
  // Forecast: the line through (0, 3000) and (731, 4000), at 1827 days.
  EXPECT_NEAR(d["forecast"].get<double>(), 3000 + 1000.0 * 1827 / 731, 1e-9);
}

TEST_F(Assessed, show_table_names_the_source_clause_and_the_figures) {
  log("city/share", "66", "2017");
  auto r = cli.run({"--lang", "en", "show", "city/share"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("source clause: 高新技术产业总产值占工业总产值的比重达70%以上\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("assessment as of 2019-06-30 (known at 2019-06-30 16:00 (+0800))\n"), std::string::npos) << r.out;
  // Past the 2018-12-31 deadline with 66 < 70: missed; final data for 2018 is missing.
  EXPECT_NE(r.out.find("status        missed\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("flags         final data missing\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("entries (1)\n"), std::string::npos) << r.out;
}

TEST_F(Assessed, show_unknown_target_is_refused) {
  auto r = cli.run({"show", "city/patent"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: plan 'city' has no target or task 'patent'; did you mean 'city/patents'?\n");
}

TEST_F(Assessed, status_filters_by_unit_deadline_and_status) {
  log("city/patents", "4000", "2017");
  EXPECT_EQ(refs(json_of({"status", "--unit", "%"})), std::vector<std::string>{"city/share"});
  EXPECT_EQ(refs(json_of({"status", "--due-before", "2020-01-01"})),
            std::vector<std::string>{"city/share"});
  EXPECT_EQ(refs(json_of({"status", "--only", "no_data"})), std::vector<std::string>{"city/share"});
  EXPECT_EQ(refs(json_of({"status", "--only", "on_track,at_risk,off_track"})),
            std::vector<std::string>{"city/patents"});
}

TEST_F(Assessed, status_only_with_an_unknown_status_is_refused) {
  auto r = cli.run({"status", "--only", "late"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: --only 'late' is not a status; use one or more of "
                   "no_data,breached,achieved,missed,insufficient_data,on_track,at_risk,off_track,"
                   "monitored "
                   "(targets), done,done_late,overdue,suspended,in_progress,not_started (tasks)\n");
}

TEST_F(Assessed, status_due_before_a_malformed_date_is_refused) {
  auto r = cli.run({"status", "--due-before", "2019-13-01"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: --due-before '2019-13-01' is not a calendar date; write "
                   "YYYY-MM-DD, e.g. 2019-06-30\n");
}

TEST_F(Assessed, check_exits_4_only_for_shown_targets_in_trouble) {
  log("city/share", "61", "2018"); // missed after 2018-12-31
  EXPECT_EQ(cli.run({"status", "--check"}).code, 4);
  EXPECT_EQ(cli.run({"status", "--check", "--unit", "件"}).code, 0);
}

TEST_F(Assessed, as_of_in_the_past_evaluates_then) {
  log("city/share", "66", "2017");
  // As of 2018-06-30 the 2018-12-31 deadline is ahead: 66 at 2017-12-31 against
  // E = 60 + 10*731/1096 -> rho = 6/(10*731/1096) = 0.8996 -> at_risk.
  auto t = json_of({"--as-of", "2018-06-30", "status"})["plans"][0]["targets"][1];
  EXPECT_EQ(t["status"], "at_risk");
  EXPECT_NEAR(t["ratio"].get<double>(), 6 / (10.0 * 731 / 1096), 1e-9);
  // Before the entry's period ended it does not count.
  auto early = json_of({"--as-of", "2017-12-30", "status"})["plans"][0]["targets"][1];
  EXPECT_EQ(early["status"], "no_data");
}

TEST_F(Assessed, known_at_reproduces_what_was_known_then) {
  log("city/share", "66", "2017"); // recorded 2019-06-30 16:00 Shanghai
  auto before = json_of({"--known-at", "2019-06-29", "status"})["plans"][0]["targets"][1];
  EXPECT_EQ(before["status"], "no_data");
  auto that_day = json_of({"--known-at", "2019-06-30", "status"})["plans"][0]["targets"][1];
  EXPECT_EQ(that_day["status"], "missed");
  auto hour_before = json_of({"--known-at", "2019-06-30T15:59:59", "status"})["plans"][0]["targets"][1];
  EXPECT_EQ(hour_before["status"], "no_data");
  auto exact = json_of({"--known-at", "2019-06-30T08:00:00Z", "status"})["plans"][0]["targets"][1];
  EXPECT_EQ(exact["status"], "missed");
}

TEST_F(Assessed, known_at_before_the_plan_was_imported_is_refused) {
  auto r = cli.run({"status", "city", "--known-at", "2018-12-31"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: plan 'city' was not yet imported at --known-at "
                   "2018-12-31T15:59:59Z; pass a later --known-at\n");
}

TEST_F(Assessed, known_at_that_does_not_parse_is_refused) {
  auto r = cli.run({"status", "--known-at", "yesterday"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "plantrack: error: --known-at 'yesterday' is not a timestamp; write YYYY-MM-DD "
                   "(end of that day, Asia/Shanghai), YYYY-MM-DDTHH:MM[:SS] (Asia/Shanghai) or "
                   "with Z or +08:00, e.g. 2019-06-30T16:00:00+08:00\n");
}

TEST_F(Assessed, year_to_date_flow_is_annualised_and_flagged_estimated) {
  log("city/patents", "4000", "2017");
  log("city/patents", "3340", "2018-01..2018-11");
  auto t = json_of({"status", "city"})["plans"][0]["targets"][0];
  // 3340 over 334 days of 2018's 365: 3340 * 365/334 = 3650.
  EXPECT_NEAR(t["current"].get<double>(), 3650, 1e-9);
  EXPECT_EQ(t["current_period"], "2018");
  EXPECT_EQ(t["flags"], nlohmann::json::array({"estimated"}));
}

TEST_F(Assessed, plan_with_bad_trajectory_inputs_is_refused_one_line_each) {
  std::string bad = plan_text;
  bad.replace(bad.find("      - {date: 2018-12-31, value: 4500}"), 39,
              "      - {date: 2018-12-31, value: 4500}\n      - {date: 2017-12-31, value: 4000}\n"
              "      - {date: 2021-06-30, value: 4900}");
  bad.replace(bad.find("    baseline: {value: 60, date: 2015-12-31}"), 43,
              "    baseline: {value: -1, date: 2015-12-31}\n    trajectory: compound");
  auto path = cli.write("bad.yaml", bad);
  auto r = cli.run({"plan", "import", path});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err,
            "plantrack: error: " + path + ":23: targets[0].milestones[1].date: '2017-12-31' is not after the date before it ('2018-12-31'); list milestones in date order\n"
            "plantrack: error: " + path + ":24: targets[0].milestones[2].date: '2021-06-30' is outside the plan period 2016-01-01..2020-12-31; move it inside\n"
            "plantrack: error: " + path + ":35: targets[1].baseline.value: a compound trajectory needs a positive baseline; use trajectory linear\n");
}
