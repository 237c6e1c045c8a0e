#pragma once
// What the renderers of core/report/ are given, built by hand so that every figure is known:
// plan "demo" (示例规划) with three targets and their assessments as of 2019-06-30, known at
// 2019-06-30 16:00 in Asia/Shanghai. The figures are chosen to be easy to read in an output,
// not computed by the assessment.
//
//   patents  flow 件, ≥5000 by 2020-12-31, goal g1   on_track  4400 件 (2018)
//   share    level %, ≥70 by 2020-12-31, goal g2     off_track 61.5 % (2017), stale
//   drafted  milestone, done by 2018-12-31, goal g1  achieved  done (2018-12-05)

#include "assess/assess.hpp"
#include "audit/completion.hpp"
#include "engine/evaluate.hpp"
#include "model/entry.hpp"
#include "model/plan.hpp"
#include "support/dates.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace plantrack::support {

inline const Date report_as_of = ymd(2019, 6, 30);
inline const Timestamp report_known_at = shanghai(2019, 6, 30, 16);

inline Target patents_target() {
  Target t;
  t.id = "patents";
  t.title = "年专利申请量";
  t.title_en = "Patent applications";
  t.goal = "g1";
  t.kind = Kind::flow;
  t.per = Cadence::year;
  t.unit = "件";
  t.rule = Rule::at_least;
  t.value = 5000;
  t.deadline = ymd(2020, 12, 31);
  t.baseline = Baseline{ymd(2015, 12, 31), 3000, "2015年统计公报"};
  t.responsible = {"区科委", "区知识产权局"};
  t.source = "年专利申请量达到5000件";
  return t;
}

inline Target share_target() {
  Target t;
  t.id = "share";
  t.title = "高新技术产业占比";
  t.title_en = "High-tech share";
  t.goal = "g2";
  t.kind = Kind::level;
  t.unit = "%";
  t.rule = Rule::at_least;
  t.value = 70;
  t.deadline = ymd(2020, 12, 31);
  t.baseline = Baseline{ymd(2015, 12, 31), 60, ""};
  t.responsible = {"区经信委"};
  t.source = "高新技术产业占比达到70%";
  return t;
}

inline Target drafted_target() {
  Target t;
  t.id = "drafted";
  t.title = "编制完成专项规划";
  t.goal = "g1";
  t.kind = Kind::milestone;
  t.rule = Rule::done;
  t.value = 1;
  t.deadline = ymd(2018, 12, 31);
  t.source = "编制完成专项规划";
  return t;
}

inline Plan demo_plan() {
  Plan p;
  p.id = "demo";
  p.title = "示例规划";
  p.issuer = "测试区政府";
  p.jurisdiction = "测试区";
  p.start = ymd(2016, 1, 1);
  p.end = ymd(2020, 12, 31);
  p.cadence = Cadence::year;
  p.goals = {{"g1", "创新能力", ""}, {"g2", "产业结构", ""}};
  p.targets = {patents_target(), share_target(), drafted_target()};
  return p;
}

inline assess::Assessment patents_result() {
  assess::Assessment a;
  a.status = assess::Status::on_track;
  a.target_value = 5000;
  a.baseline = assess::Observation{ymd(2015, 12, 31), 3000};
  a.current = 4400;
  a.current_period = "2018";
  a.current_date = ymd(2018, 12, 31);
  a.expected = 4200;
  a.ratio = 1.05;
  a.gap = 600;
  a.shortfall = 600;
  a.progress_pct = 70;
  a.forecast = 5100;
  a.needed_per_year = 300;
  a.series = {{ymd(2015, 12, 31), 3000}, {ymd(2017, 12, 31), 3900}, {ymd(2018, 12, 31), 4400}};
  return a;
}

inline assess::Assessment share_result() {
  assess::Assessment a;
  a.status = assess::Status::off_track;
  a.flags = {assess::Flag::stale};
  a.target_value = 70;
  a.baseline = assess::Observation{ymd(2015, 12, 31), 60};
  a.current = 61.5;
  a.current_period = "2017";
  a.current_date = ymd(2017, 12, 31);
  a.expected = 64;
  a.ratio = 0.4;
  a.gap = 8.5;
  a.shortfall = 8.5;
  a.progress_pct = 15;
  a.forecast = 63.2;
  a.needed_per_year = 2.83;
  a.series = {{ymd(2015, 12, 31), 60}, {ymd(2017, 12, 31), 61.5}};
  return a;
}

inline assess::Assessment drafted_result() {
  assess::Assessment a;
  a.status = assess::Status::achieved;
  a.target_value = 1;
  a.current = 1;
  a.current_period = "2018-12-05";
  a.current_date = ymd(2018, 12, 5);
  return a;
}

// An entry of plan demo logged by 统计科 at 2019-06-30 16:00 (+08), value as typed.
inline Entry demo_entry(std::int64_t id, const std::string& target, const std::string& period,
                        double value, const std::string& value_text, const std::string& unit = "") {
  Entry e;
  e.id = id;
  e.plan_id = "demo";
  e.target_id = target;
  e.period = parse_period(period);
  e.value = value;
  e.value_text = value_text;
  e.unit = unit;
  e.recorded_at = report_known_at;
  e.recorded_by = "统计科";
  e.hash = std::string(64, static_cast<char>('0' + id % 10));
  return e;
}

// Entry `id` replacing `replaced` (a correction, or a retraction when `value_text` is empty).
inline Entry demo_replacement(std::int64_t id, const Entry& replaced, double value,
                              const std::string& value_text, const std::string& reason) {
  Entry e = demo_entry(id, replaced.target_id, replaced.period.text, value, value_text, replaced.unit);
  e.action = value_text.empty() ? Action::retract : Action::correct;
  e.corrects = replaced.id;
  e.reason = reason;
  return e;
}

inline engine::StatusReport demo_status() {
  Plan plan = demo_plan();
  engine::PlanAssessment p{plan, {{patents_target(), patents_result()},
                                  {share_target(), share_result()},
                                  {drafted_target(), drafted_result()}},
                            {}};
  return engine::StatusReport{report_as_of, report_known_at, {p}};
}

inline engine::TargetDetail detail_of(const Target& target, const assess::Assessment& result) {
  engine::TargetDetail d;
  d.plan = demo_plan();
  d.target = target;
  d.as_of = report_as_of;
  d.known_at = report_known_at;
  d.result = result;
  return d;
}

// patents in depth: its two entries, E(as of) and the trajectory from the baseline.
inline engine::TargetDetail patents_detail() {
  engine::TargetDetail d = detail_of(patents_target(), patents_result());
  d.entries = {demo_entry(1, "patents", "2017", 3900, "3900", "件"),
               demo_entry(2, "patents", "2018", 4400, "4400", "件")};
  d.expected_now = 4400;
  d.trajectory = {{ymd(2015, 12, 31), 3000, assess::PointKind::baseline}, {ymd(2020, 12, 31), 5000, assess::PointKind::target}};
  return d;
}

inline engine::TargetDetail share_detail() {
  engine::TargetDetail d = detail_of(share_target(), share_result());
  d.entries = {demo_entry(3, "share", "2017", 61.5, "61.5", "%")};
  d.expected_now = 65.2;
  d.trajectory = {{ymd(2015, 12, 31), 60, assess::PointKind::baseline}, {ymd(2020, 12, 31), 70, assess::PointKind::target}};
  return d;
}

inline engine::TargetDetail drafted_detail() {
  engine::TargetDetail d = detail_of(drafted_target(), drafted_result());
  d.entries = {demo_entry(4, "drafted", "2018-12-05", 1, "done")};
  return d;
}

inline engine::PlanDetail demo_plan_detail() {
  return engine::PlanDetail{demo_plan(), report_as_of, report_known_at,
                            {patents_detail(), share_detail(), drafted_detail()},
                            {},
                            std::string(64, 'a')};
}

} // namespace plantrack::support
