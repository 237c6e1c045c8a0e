// Unit tests of the org scorecard (engine/scorecard.hpp, SPEC §2 "Org scorecard") and its
// renderers (report/scorecard_view.hpp): counts per org and role, trouble named, on-time
// reporting with its grace boundary in Asia/Shanghai, corrections and retractions.

#include "engine/scorecard.hpp"
#include "errors.hpp"
#include "report/document.hpp"
#include "report/scorecard_view.hpp"
#include "support/dates.hpp"
#include "support/errors.hpp"
#include "support/report_inputs.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace plantrack {
namespace {

using engine::Role;
using support::shanghai;
using support::ymd;

// A quarterly plan for 2019 (cadence quarter, 2019-01-01..2019-12-31).
Plan quarterly_plan() {
  Plan p;
  p.id = "q";
  p.title = "季度规划";
  p.start = ymd(2019, 1, 1);
  p.end = ymd(2019, 12, 31);
  p.cadence = Cadence::quarter;
  return p;
}

Entry entry(std::int64_t id, const std::string& period, Timestamp recorded_at) {
  Entry e;
  e.id = id;
  e.plan_id = "q";
  e.target_id = "t";
  e.period = parse_period(period);
  e.value = 1;
  e.value_text = "1";
  e.recorded_at = recorded_at;
  return e;
}

Entry replacing(std::int64_t id, const Entry& old, Timestamp recorded_at, Action action) {
  Entry e = entry(id, old.period.text, recorded_at);
  e.action = action;
  e.corrects = old.id;
  return e;
}

const Timestamp known = shanghai(2020, 6, 30, 12);

// On-time reporting of target q/t as of `as_of` with `grace` days.
engine::Timeliness on_time(const std::vector<Entry>& entries, Date as_of, int grace = 15,
                           std::optional<Date> done = std::nullopt,
                           std::optional<Date> last = std::nullopt) {
  return engine::timeliness(quarterly_plan(), "q/t", entries, as_of, known, grace, done, last);
}

std::vector<std::string> late_periods(const engine::Timeliness& t) {
  std::vector<std::string> out;
  for (const auto& l : t.late) out.push_back(l.period.text);
  return out;
}

using Periods = std::vector<std::string>;

TEST(ScorecardOnTime, a_period_is_due_once_its_grace_days_have_passed_within_the_plan) {
  // Q1 is due from 04-15 (03-31 + 15 days); Q4 ends in the plan but is due only in 2020.
  EXPECT_EQ(on_time({}, ymd(2019, 4, 14)).due, 0);
  EXPECT_EQ(on_time({}, ymd(2019, 4, 15)).due, 1);
  auto t = on_time({}, ymd(2020, 1, 14));
  EXPECT_EQ(t.due, 3);
  EXPECT_EQ(late_periods(t), (Periods{"2019Q1", "2019Q2", "2019Q3"}));
  EXPECT_FALSE(t.late[0].reported_at);
  EXPECT_EQ(on_time({}, ymd(2021, 6, 30)).due, 4); // nothing after the plan's end
}

TEST(ScorecardOnTime, no_pairs_yet_is_a_null_share_not_zero) {
  auto t = on_time({}, ymd(2019, 3, 31));
  EXPECT_EQ(t.due, 0);
  EXPECT_FALSE(t.share().has_value());
  EXPECT_EQ(on_time({}, ymd(2019, 4, 15)).share(), 0.0);
}

TEST(ScorecardOnTime, on_time_up_to_the_end_of_the_grace_day_in_shanghai) {
  Timestamp last_second = shanghai(2019, 4, 15, 23, 59, 59);
  auto in_time = on_time({entry(1, "2019Q1", last_second)}, ymd(2019, 6, 30));
  EXPECT_EQ(in_time.due, 1);
  EXPECT_EQ(in_time.on_time, 1);
  EXPECT_EQ(in_time.share(), 1.0);

  auto a_second_late =
      on_time({entry(1, "2019Q1", last_second + std::chrono::seconds{1})}, ymd(2019, 6, 30));
  EXPECT_EQ(a_second_late.on_time, 0);
  ASSERT_EQ(a_second_late.late.size(), 1u);
  EXPECT_EQ(a_second_late.late[0].ref, "q/t");
  EXPECT_EQ(a_second_late.late[0].reported_at, last_second + std::chrono::seconds{1});
}

TEST(ScorecardOnTime, grace_zero_means_by_the_end_of_the_periods_last_day) {
  auto t = on_time({entry(1, "2019Q1", shanghai(2019, 3, 31, 23, 59, 59))}, ymd(2019, 3, 31), 0);
  EXPECT_EQ(t.due, 1);
  EXPECT_EQ(t.on_time, 1);
  EXPECT_EQ(on_time({entry(1, "2019Q1", shanghai(2019, 4, 1))}, ymd(2019, 4, 1), 0).on_time, 0);
}

TEST(ScorecardOnTime, an_entry_reports_for_every_cadence_period_it_overlaps) {
  // A year entry recorded on 2020-01-10 is on time for Q4 only: Q1-Q3 were due long before.
  auto t = on_time({entry(1, "2019", shanghai(2020, 1, 10, 9))}, ymd(2020, 1, 31));
  EXPECT_EQ(t.due, 4);
  EXPECT_EQ(t.on_time, 1);
  EXPECT_EQ(late_periods(t), (Periods{"2019Q1", "2019Q2", "2019Q3"}));
  EXPECT_EQ(t.late[0].reported_at, shanghai(2020, 1, 10, 9));
  // A month entry reports for its quarter.
  EXPECT_EQ(on_time({entry(1, "2019-02", shanghai(2019, 3, 5))}, ymd(2019, 6, 30)).on_time, 1);
}

TEST(ScorecardOnTime, an_entry_whose_period_ends_after_the_as_of_date_does_not_count) {
  auto t = on_time({entry(1, "2019", shanghai(2019, 4, 1))}, ymd(2019, 6, 30));
  EXPECT_EQ(t.due, 1);
  EXPECT_EQ(t.on_time, 0);
}

TEST(ScorecardOnTime, a_correction_counts_from_the_original_entry) {
  Entry original = entry(1, "2019Q1", shanghai(2019, 4, 10));
  Entry correction = replacing(2, original, shanghai(2019, 5, 20), Action::correct);
  auto t = on_time({original, correction}, ymd(2019, 6, 30));
  EXPECT_EQ(t.on_time, 1);
  // A correction of a correction still counts from the first version.
  Entry again = replacing(3, correction, shanghai(2019, 6, 1), Action::correct);
  EXPECT_EQ(on_time({original, correction, again}, ymd(2019, 6, 30)).on_time, 1);
}

TEST(ScorecardOnTime, a_correction_known_after_the_known_at_time_is_not_seen) {
  Entry original = entry(1, "2019Q1", shanghai(2019, 5, 1)); // late
  auto t = engine::timeliness(quarterly_plan(), "q/t", {original}, ymd(2019, 6, 30),
                              shanghai(2019, 4, 30), 15, std::nullopt, std::nullopt);
  EXPECT_EQ(t.on_time, 0);
  EXPECT_FALSE(t.late[0].reported_at); // the entry is not known at 04-30
}

TEST(ScorecardOnTime, a_retracted_entry_is_no_report) {
  Entry original = entry(1, "2019Q1", shanghai(2019, 4, 10));
  Entry retraction = replacing(2, original, shanghai(2019, 4, 20), Action::retract);
  auto t = on_time({original, retraction}, ymd(2019, 6, 30));
  EXPECT_EQ(t.due, 1);
  EXPECT_EQ(t.on_time, 0);
  EXPECT_FALSE(t.late[0].reported_at);
  // A later report for the period is late.
  Entry relogged = entry(3, "2019Q1", shanghai(2019, 5, 2));
  auto again = on_time({original, retraction, relogged}, ymd(2019, 6, 30));
  EXPECT_EQ(again.on_time, 0);
  EXPECT_EQ(again.late[0].reported_at, shanghai(2019, 5, 2));
}

TEST(ScorecardOnTime, nothing_is_due_after_done_or_after_the_deadline) {
  Entry q1 = entry(1, "2019Q1", shanghai(2019, 4, 1));
  // Done in Q1 (03-31): Q2 and Q3 start after it.
  EXPECT_EQ(on_time({q1}, ymd(2019, 12, 31), 15, ymd(2019, 3, 31)).due, 1);
  // Done on 05-10: Q2 still needs its report.
  EXPECT_EQ(on_time({q1}, ymd(2019, 12, 31), 15, ymd(2019, 5, 10)).due, 2);
  // A target due 2019-06-30 needs no report for Q3.
  EXPECT_EQ(on_time({q1}, ymd(2019, 12, 31), 15, std::nullopt, ymd(2019, 6, 30)).due, 2);
}

// Plan "q": target t (lead 区科委, support 区统计局), target m (a milestone done in Q1, lead
// 区统计局), task k (lead 区发改委, support 区科委), overdue; as of 2019-12-31.
engine::PlanDetail scored_plan() {
  Plan plan = quarterly_plan();
  Target t;
  t.id = "t";
  t.title = "年专利申请量";
  t.title_en = "Patent applications";
  t.kind = Kind::level;
  t.deadline = ymd(2019, 12, 31);
  t.responsible = {"区科委"};
  t.support = {"区统计局"};
  Target m;
  m.id = "m";
  m.title = "编制专项规划";
  m.kind = Kind::milestone;
  m.rule = Rule::done;
  m.deadline = ymd(2019, 12, 31);
  m.responsible = {"区统计局"};
  Task k;
  k.id = "k";
  k.title = "召开联席会议";
  k.responsible = {"区发改委"};
  k.support = {"区科委"};
  k.deadline = ymd(2019, 6, 30);
  plan.targets = {t, m};
  plan.tasks = {k};

  engine::PlanDetail p{plan, ymd(2019, 12, 31), known, {}, {}, "digest"};
  engine::TargetDetail td{plan, t, p.as_of, known, {}, {}, std::nullopt, {}};
  td.result.status = assess::Status::off_track;
  td.entries = {entry(1, "2019Q1", shanghai(2019, 4, 2)), entry(2, "2019Q2", shanghai(2019, 8, 1))};
  engine::TargetDetail md{plan, m, p.as_of, known, {}, {}, std::nullopt, {}};
  md.result.status = assess::Status::achieved;
  Entry done = entry(3, "2019-03", shanghai(2019, 4, 3));
  done.target_id = "m";
  md.entries = {done};
  engine::TaskDetail kd{plan, k, p.as_of, known, {}, {}};
  kd.result.status = assess::TaskStatus::overdue;
  p.targets = {td, md};
  p.tasks = {kd};
  return p;
}

const engine::OrgScorecard& org(const engine::Scorecard& card, const std::string& name) {
  for (const auto& o : card.orgs)
    if (o.org == name) return o;
  throw std::runtime_error("no org " + name);
}

TEST(Scorecard, every_org_named_with_what_it_leads_and_supports) {
  auto card = engine::scorecard_of({scored_plan()}, 15);
  ASSERT_EQ(card.orgs.size(), 3u);
  EXPECT_EQ(card.as_of, ymd(2019, 12, 31));
  const auto& kw = org(card, "区科委");
  ASSERT_EQ(kw.items.size(), 2u);
  EXPECT_EQ(kw.items[0].ref, "q/t");
  EXPECT_EQ(kw.items[0].role, Role::lead);
  EXPECT_EQ(kw.items[1].ref, "q/k");
  EXPECT_EQ(kw.items[1].role, Role::support);
  EXPECT_TRUE(kw.items[1].task);
  EXPECT_EQ(kw.target_statuses.at(assess::Status::off_track), 1);
  EXPECT_EQ(kw.task_statuses.at(assess::TaskStatus::overdue), 1);
  const auto& tj = org(card, "区统计局");
  ASSERT_EQ(tj.items.size(), 2u);
  EXPECT_EQ(tj.items[0].role, Role::support); // t
  EXPECT_EQ(tj.items[1].role, Role::lead);    // m
  EXPECT_EQ(tj.target_statuses.at(assess::Status::achieved), 1);
  EXPECT_TRUE(tj.task_statuses.empty());
}

TEST(Scorecard, items_in_trouble_are_named_with_the_orgs_role) {
  auto card = engine::scorecard_of({scored_plan()}, 15);
  const auto& kw = org(card, "区科委");
  EXPECT_TRUE(kw.items[0].in_trouble); // off_track, led
  EXPECT_TRUE(kw.items[1].in_trouble); // overdue, supported
  EXPECT_FALSE(org(card, "区统计局").items[1].in_trouble); // achieved
}

TEST(Scorecard, on_time_reporting_counts_only_what_the_org_leads) {
  auto card = engine::scorecard_of({scored_plan()}, 15);
  const auto& kw = org(card, "区科委"); // t: Q1 on time, Q2 late, Q3 missing
  EXPECT_EQ(kw.on_time.due, 3);
  EXPECT_EQ(kw.on_time.on_time, 1);
  EXPECT_EQ(late_periods(kw.on_time), (Periods{"2019Q2", "2019Q3"}));
  // The milestone was done in March: only Q1 is due, and it was reported on time.
  const auto& tj = org(card, "区统计局");
  EXPECT_EQ(tj.on_time.due, 1);
  EXPECT_EQ(tj.on_time.share(), 1.0);
  // The task's lead never reported: three periods due, none on time; its supporter is not scored.
  EXPECT_EQ(org(card, "区发改委").on_time.due, 3);
  EXPECT_EQ(org(card, "区发改委").on_time.share(), 0.0);
  EXPECT_EQ(kw.items[1].on_time.due, 0);
}

TEST(Scorecard, org_keeps_one_and_refuses_an_org_no_plan_names) {
  auto card = engine::scorecard_of({scored_plan()}, 15, std::string("区发改委"));
  ASSERT_EQ(card.orgs.size(), 1u);
  EXPECT_EQ(card.orgs[0].org, "区发改委");
  EXPECT_EQ(support::input_error_of(
                [] { engine::scorecard_of({scored_plan()}, 15, std::string("区科协")); }),
            "--org '区科协' is not an org of the plans shown; use one of 区发改委, 区科委, 区统计局");
}

TEST(Scorecard, grace_days_are_a_whole_number_zero_or_more) {
  EXPECT_EQ(engine::parse_grace_days("0", "--grace"), 0);
  EXPECT_EQ(engine::parse_grace_days("30", "--grace"), 30);
  for (std::string bad : {"", "-1", "1.5", "abc", "15d", "99999"})
    EXPECT_EQ(support::input_error_of([&] { engine::parse_grace_days(bad, "--grace"); }),
              "--grace '" + bad +
                  "' is not a number of days; use a whole number from 0 to 36600, e.g. --grace 15");
}

TEST(ScorecardJson, field_names_and_null_share) {
  auto doc = report::scorecard_json(engine::scorecard_of({scored_plan()}, 15));
  EXPECT_EQ(doc["as_of"], "2019-12-31");
  EXPECT_EQ(doc["known_at"], "2020-06-30T04:00:00Z");
  EXPECT_EQ(doc["grace_days"], 15);
  ASSERT_EQ(doc["orgs"].size(), 3u);
  const auto& kw = doc["orgs"][1];
  EXPECT_EQ(kw["org"], "区科委");
  std::vector<std::string> keys;
  for (auto it = kw.begin(); it != kw.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"org", "lead", "support", "statuses", "trouble",
                                            "on_time"}));
  EXPECT_EQ(kw["lead"]["targets"], nlohmann::ordered_json::array({"q/t"}));
  EXPECT_EQ(kw["lead"]["tasks"], nlohmann::ordered_json::array());
  EXPECT_EQ(kw["support"]["tasks"], nlohmann::ordered_json::array({"q/k"}));
  EXPECT_EQ(kw["statuses"]["targets"]["off_track"], 1);
  EXPECT_EQ(kw["statuses"]["targets"]["on_track"], 0);
  EXPECT_EQ(kw["statuses"]["tasks"]["overdue"], 1);
  EXPECT_EQ(kw["trouble"][0], (nlohmann::ordered_json{{"ref", "q/t"},
                                                      {"title", "年专利申请量"},
                                                      {"status", "off_track"},
                                                      {"role", "lead"}}));
  EXPECT_EQ(kw["trouble"][1]["role"], "support");
  EXPECT_EQ(kw["on_time"]["due"], 3);
  EXPECT_EQ(kw["on_time"]["on_time"], 1);
  EXPECT_DOUBLE_EQ(kw["on_time"]["share"].get<double>(), 1.0 / 3);
  EXPECT_EQ(kw["on_time"]["late"][0], (nlohmann::ordered_json{{"ref", "q/t"},
                                                              {"period", "2019Q2"},
                                                              {"reported_at", "2019-07-31T16:00:00Z"}}));
  EXPECT_TRUE(kw["on_time"]["late"][1]["reported_at"].is_null());

  auto early = report::scorecard_json(engine::scorecard_of({scored_plan()}, 400));
  EXPECT_TRUE(early["orgs"][0]["on_time"]["share"].is_null());
}

TEST(ScorecardCsv, header_and_one_row_per_org) {
  std::string csv = report::scorecard_csv(engine::scorecard_of({scored_plan()}, 15));
  const std::string header =
      "org,lead_targets,lead_tasks,support_targets,support_tasks,targets_no_data,"
      "targets_breached,targets_achieved,targets_missed,targets_insufficient_data,"
      "targets_on_track,targets_at_risk,targets_off_track,targets_monitored,tasks_no_data,tasks_done,"
      "tasks_done_late,tasks_overdue,tasks_suspended,tasks_in_progress,tasks_not_started,trouble,"
      "reports_due,reports_on_time,on_time_share,as_of,grace_days\r\n";
  EXPECT_EQ(report::scorecard_csv_header(), header);
  EXPECT_EQ(csv, header +
                     "区发改委,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1,0,0,0,q/k,3,0,0,2019-12-31,15\r\n"
                     "区科委,1,0,0,1,0,0,0,0,0,0,0,1,0,0,0,0,1,0,0,0,q/t;q/k,3,1,0.3333333333333333,"
                     "2019-12-31,15\r\n"
                     "区统计局,1,0,1,0,0,0,1,0,0,0,0,1,0,0,0,0,0,0,0,0,q/t,1,1,1,2019-12-31,15\r\n");
}

TEST(ScorecardCsv, an_org_name_with_a_comma_or_a_formula_is_quoted_and_neutralised) {
  auto p = scored_plan();
  p.targets[0].target.responsible = {"=区科委,二处"};
  auto csv = report::scorecard_csv(engine::scorecard_of({p}, 15));
  EXPECT_NE(csv.find("\r\n\"'=区科委,二处\",1,0,"), std::string::npos) << csv;
}

TEST(ScorecardTable, chinese_labels_aligned_by_display_width) {
  std::string out = report::scorecard_table(engine::scorecard_of({scored_plan()}, 15),
                                            report::Lang::zh);
  EXPECT_EQ(out,
            "评估日期 2019-12-31  数据截至 2020-06-30 12:00 (+0800)  宽限天数 15\n"
            "\n"
            "责任单位  牵头指标  牵头任务  配合指标  配合任务  指标状态              任务状态  需关注    报送及时率\n"
            "--------  --------  --------  --------  --------  --------------------  --------  ------  ------------\n"
            "区发改委         0         1         0         0  -                     已逾期 1       1    0/3 (0.0%)\n"
            "区科委           1         0         0         1  严重滞后 1            已逾期 1       2   1/3 (33.3%)\n"
            "区统计局         1         0         1         0  已实现 1, 严重滞后 1  -              1  1/1 (100.0%)\n"
            "\n"
            "需关注:\n"
            "责任单位  角色  项目  名称          状态\n"
            "--------  ----  ----  ------------  --------\n"
            "区发改委  牵头  q/k   召开联席会议  已逾期\n"
            "区科委    牵头  q/t   年专利申请量  严重滞后\n"
            "区科委    配合  q/k   召开联席会议  已逾期\n"
            "区统计局  配合  q/t   年专利申请量  严重滞后\n"
            "\n"
            "迟报或漏报:\n"
            "责任单位  项目  期间            迟报  漏报\n"
            "--------  ----  --------------  ----  ----\n"
            "区发改委  q/k   2019Q1..2019Q3     0     3\n"
            "区科委    q/t   2019Q2..2019Q3     1     1\n");
}

TEST(ScorecardTable, english_labels_and_titles) {
  std::string out = report::scorecard_table(engine::scorecard_of({scored_plan()}, 15),
                                            report::Lang::en);
  EXPECT_NE(out.find("as of 2019-12-31  known at 2020-06-30 12:00 (+0800)  grace days 15"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("org       led targets  led tasks  supported targets  supported tasks"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("区科委    lead     q/t   Patent applications  off track"), std::string::npos)
      << out;
  EXPECT_NE(out.find("late or missing reports:"), std::string::npos);
  EXPECT_NE(out.find("not reported"), std::string::npos);
}

TEST(ScorecardTable, without_orgs) {
  engine::Scorecard card;
  card.as_of = ymd(2019, 6, 30);
  card.known_at = known;
  EXPECT_EQ(report::scorecard_table(card, report::Lang::en),
            "as of 2019-06-30  known at 2020-06-30 12:00 (+0800)  grace days 15\n\nno orgs\n");
}

TEST(ScorecardMarkdown, heading_and_pipe_tables) {
  std::string md = report::scorecard_md(engine::scorecard_of({scored_plan()}, 15), report::Lang::zh);
  EXPECT_EQ(md.rfind("# 责任单位考核\n\n评估日期 2019-12-31", 0), 0u) << md;
  EXPECT_NE(md.find("| 责任单位 | 牵头指标 | 牵头任务 | 配合指标 | 配合任务 | 指标状态 | 任务状态 | "
                    "需关注 | 报送及时率 |\n| --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |\n"
                    "| 区发改委 | 0 | 1 | 0 | 0 | - | 已逾期 1 | 1 | 0/3 (0.0%) |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("\n## 需关注\n\n"), std::string::npos);
  EXPECT_NE(md.find("\n## 迟报或漏报\n\n"), std::string::npos);
}

TEST(ScorecardHtml, the_report_has_an_org_section) {
  auto plan = support::demo_plan_detail();
  std::string html = report::render_report(plan, {"2019Q2", "统计科", known}, "html",
                                           report::Lang::zh);
  auto at = html.find("<section class=\"orgs\" id=\"orgs\">\n<h2>责任单位考核</h2>");
  ASSERT_NE(at, std::string::npos);
  EXPECT_LT(at, html.find("<div class=\"target-block\""));
  EXPECT_NE(html.find("<table class=\"scorecard\">"), std::string::npos);
  EXPECT_NE(html.find("<td>区知识产权局</td>"), std::string::npos);
  EXPECT_NE(html.find("<td>区经信委</td>"), std::string::npos);
  EXPECT_NE(html.find("<li>区经信委 (牵头): <code>demo/share</code> 高新技术产业占比: 严重滞后</li>"),
            std::string::npos);
  std::string en = report::render_report(plan, {"2019Q2", "统计科", known}, "html",
                                         report::Lang::en);
  EXPECT_NE(en.find("<h2>Org scorecard</h2>"), std::string::npos);
  EXPECT_NE(en.find("<li>区经信委 (lead): <code>demo/share</code> High-tech share: off track</li>"),
            std::string::npos);
}

TEST(ScorecardHtml, org_names_are_escaped) {
  auto plan = support::demo_plan_detail();
  plan.targets[0].target.responsible = {"<b>区科委</b>"};
  std::string html = report::org_section_html(plan, report::Lang::zh);
  EXPECT_EQ(html.find("<b>区科委</b>"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;区科委&lt;/b&gt;"), std::string::npos);
}

} // namespace
} // namespace plantrack
