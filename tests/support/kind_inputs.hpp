#pragma once
// What the renderers are given for the second edition's kinds, built by hand like
// report_inputs.hpp: targets of plan "demo" with their entries and assessments as of
// 2019-06-30. The figures are chosen to be easy to read in an output.
//
//   rd          ratio %, ≥2.5 by 2020: 2017 parts 25/1000 = 2.5 with 2.6 logged (inconsistent),
//               2018 parts 30/1100 = 2.73
//   rank        rank among 海淀, 朝阳, 通州 (self), 大兴, higher is better, ≤3: 2017 complete
//               (通州 second), 2018 waiting for 朝阳 and 大兴
//   gdp         flow 亿元 (the amounts gdp-growth grows from)
//   gdp-growth  growth of gdp, yoy, ≥6 %: 2017 8 % (1080 over 1000), 2018 5 % (1134 over 1080)
//   above-avg   level %, at least the value of bj/avg: 10, 12 then 11 (2016..2018)
//   visitors    monitor 万人次: 120, 135
//   cases       keep_at_most 0 件 with clear_within 30: 3 in 2019-06, to clear by 2019-07-30

#include "support/report_inputs.hpp"

#include <sstream>

namespace plantrack::support {

// A number as an official would type it: 25, 1100, 2.6.
inline std::string typed(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

inline Target kind_target(const std::string& id, const std::string& title, Kind kind,
                          const std::string& unit, Rule rule, double value) {
  Target t;
  t.id = id;
  t.title = title;
  t.goal = "g1";
  t.kind = kind;
  t.unit = unit;
  t.rule = rule;
  t.value = value;
  t.deadline = ymd(2020, 12, 31);
  t.responsible = {"区科委"};
  t.source = title;
  return t;
}

inline Target rd_target() {
  Target t = kind_target("rd", "研发投入强度", Kind::ratio, "%", Rule::at_least, 2.5);
  t.title_en = "R&D intensity";
  t.baseline = Baseline{ymd(2015, 12, 31), 2.0, ""};
  t.numerator = RatioPart{"研发经费支出", "亿元"};
  t.denominator = RatioPart{"地区生产总值", "亿元"};
  return t;
}

inline Target rank_target() {
  Target t = kind_target("rank", "GDP排名", Kind::rank, "", Rule::at_most, 3);
  t.peers = Peers{"通州", {"海淀", "朝阳", "通州", "大兴"}, Better::higher, "亿元"};
  return t;
}

inline Target gdp_target() {
  Target t = kind_target("gdp", "地区生产总值", Kind::flow, "亿元", Rule::at_least, 1200);
  t.per = Cadence::year;
  return t;
}

inline Target growth_target() {
  Target t = kind_target("gdp-growth", "地区生产总值增速", Kind::growth, "%", Rule::at_least, 6);
  t.of = "gdp";
  return t;
}

inline Target above_avg_target() {
  Target t = kind_target("above-avg", "研发人员占比高于全市平均", Kind::level, "%", Rule::at_least, 0);
  t.value_ref = ValueRef{"bj", "avg"};
  return t;
}

inline Target visitors_target() {
  return kind_target("visitors", "科普场馆参观人次", Kind::monitor, "万人次", Rule::none, 0);
}

inline Target cases_target() {
  Target t = kind_target("cases", "安全事故", Kind::level, "件", Rule::keep_at_most, 0);
  t.clear_within = 30;
  return t;
}

inline Plan kinds_plan() {
  Plan p = demo_plan();
  p.targets = {rd_target(),       rank_target(),    gdp_target(),  growth_target(),
               above_avg_target(), visitors_target(), cases_target()};
  return p;
}

inline Entry part_entry(std::int64_t id, const std::string& period, Part part, double value) {
  Entry e = demo_entry(id, "rd", period, value, typed(value), "亿元");
  e.part = part;
  return e;
}

inline Entry peer_entry(std::int64_t id, const std::string& period, const std::string& peer,
                        double value) {
  Entry e = demo_entry(id, "rank", period, value, typed(value), "亿元");
  e.peer = peer;
  return e;
}

inline engine::TargetDetail kind_detail(const Target& target, const assess::Assessment& result) {
  engine::TargetDetail d = detail_of(target, result);
  d.plan = kinds_plan();
  return d;
}

inline engine::TargetDetail rd_detail() {
  assess::Assessment a;
  a.status = assess::Status::on_track;
  a.flags = {assess::Flag::inconsistent};
  a.target_value = 2.5;
  a.baseline = assess::Observation{ymd(2015, 12, 31), 2.0};
  a.current = 30.0 * 100 / 1100;
  a.current_period = "2018";
  a.current_date = ymd(2018, 12, 31);
  a.inconsistent_periods = {"2017"};
  a.ratio_periods = {{"2017", 25, 1000, 2.5, 2.6, true},
                     {"2018", 30, 1100, *a.current, std::nullopt, false}};
  a.series = {{ymd(2015, 12, 31), 2.0}, {ymd(2017, 12, 31), 2.5}, {ymd(2018, 12, 31), *a.current}};
  auto d = kind_detail(rd_target(), a);
  d.entries = {part_entry(1, "2017", Part::numerator, 25), part_entry(2, "2017", Part::denominator, 1000),
               demo_entry(3, "rd", "2017", 2.6, "2.6", "%"),
               part_entry(4, "2018", Part::numerator, 30), part_entry(5, "2018", Part::denominator, 1100),
               // After the as-of date: not counted.
               part_entry(6, "2019", Part::numerator, 33)};
  return d;
}

inline engine::TargetDetail rank_detail() {
  assess::Assessment a;
  a.status = assess::Status::achieved;
  a.flags = {assess::Flag::incomplete_peers};
  a.target_value = 3;
  a.baseline = assess::Observation{ymd(2017, 12, 31), 2};
  a.current = 2;
  a.current_period = "2017";
  a.current_date = ymd(2017, 12, 31);
  a.incomplete_periods = {"2018"};
  a.peer_periods = {{"2017", {{"海淀", 50}, {"通州", 45}, {"朝阳", 40}, {"大兴", 20}}, 2, {}},
                    {"2018", {{"海淀", 55}, {"通州", 48}}, std::nullopt, {"朝阳", "大兴"}}};
  a.series = {{ymd(2017, 12, 31), 2}};
  auto d = kind_detail(rank_target(), a);
  d.entries = {peer_entry(11, "2017", "海淀", 50), peer_entry(12, "2017", "朝阳", 40),
               peer_entry(13, "2017", "通州", 45), peer_entry(14, "2017", "大兴", 20),
               peer_entry(15, "2018", "海淀", 55), peer_entry(16, "2018", "通州", 48)};
  return d;
}

inline engine::TargetDetail growth_detail() {
  assess::Assessment a;
  a.status = assess::Status::at_risk;
  a.target_value = 6;
  a.baseline = assess::Observation{ymd(2017, 12, 31), 8};
  a.current = 5;
  a.current_period = "2018";
  a.current_date = ymd(2018, 12, 31);
  a.expected = 6;
  a.ratio = 5.0 / 6;
  a.gap = 1;
  a.shortfall = 1;
  a.series = {{ymd(2017, 12, 31), 8}, {ymd(2018, 12, 31), 5}};
  a.growth_sources = {{"2017", 8, 1080, "2016", 1000}, {"2018", 5, 1134, "2017", 1080}};
  auto d = kind_detail(growth_target(), a);
  d.expected_now = 6;
  return d;
}

inline engine::TargetDetail above_avg_detail() {
  assess::Assessment a;
  a.status = assess::Status::achieved;
  a.target_value = 11;
  a.baseline = assess::Observation{ymd(2016, 12, 31), 9};
  a.current = 12.5;
  a.current_period = "2018";
  a.current_date = ymd(2018, 12, 31);
  a.gap = -1.5;
  a.shortfall = 0;
  a.series = {{ymd(2016, 12, 31), 9}, {ymd(2018, 12, 31), 12.5}};
  a.reference = {{ymd(2016, 12, 31), 10}, {ymd(2017, 12, 31), 12}, {ymd(2018, 12, 31), 11}};
  auto d = kind_detail(above_avg_target(), a);
  d.entries = {demo_entry(21, "above-avg", "2016", 9, "9", "%"),
               demo_entry(22, "above-avg", "2018", 12.5, "12.5", "%")};
  d.trajectory = {{ymd(2016, 12, 31), 9, assess::PointKind::baseline},
                  {ymd(2020, 12, 31), 11, assess::PointKind::target}};
  return d;
}

inline engine::TargetDetail visitors_detail() {
  assess::Assessment a;
  a.status = assess::Status::monitored;
  a.has_target = false;
  a.baseline = assess::Observation{ymd(2017, 12, 31), 120};
  a.current = 135;
  a.current_period = "2018";
  a.current_date = ymd(2018, 12, 31);
  a.forecast = 165;
  a.series = {{ymd(2017, 12, 31), 120}, {ymd(2018, 12, 31), 135}};
  auto d = kind_detail(visitors_target(), a);
  d.entries = {demo_entry(31, "visitors", "2017", 120, "120", "万人次"),
               demo_entry(32, "visitors", "2018", 135, "135", "万人次")};
  return d;
}

inline engine::TargetDetail cases_detail() {
  assess::Assessment a;
  a.status = assess::Status::at_risk;
  a.target_value = 0;
  a.baseline = assess::Observation{ymd(2019, 5, 31), 0};
  a.current = 3;
  a.current_period = "2019-06";
  a.current_date = ymd(2019, 6, 30);
  a.gap = -3;
  a.shortfall = 3;
  a.open_exceedance = assess::Breach{"2019-06", 3};
  a.clear_by = ymd(2019, 7, 30);
  a.series = {{ymd(2019, 5, 31), 0}, {ymd(2019, 6, 30), 3}};
  auto d = kind_detail(cases_target(), a);
  d.entries = {demo_entry(41, "cases", "2019-05", 0, "0", "件"),
               demo_entry(42, "cases", "2019-06", 3, "3", "件")};
  return d;
}

} // namespace plantrack::support
