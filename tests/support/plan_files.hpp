#pragma once
// Plan files the tests import, built from the parts they share: the opening of a plan (issuer,
// jurisdiction, period, cadence, source, goals) and targets more than one test uses.

#include <string>

namespace plantrack::support {

// The opening of a 测试区政府 plan with one goal `g` (目标一), through `targets:`; the caller
// appends its targets.
inline std::string test_plan_header(const std::string& id, const std::string& title,
                                    const std::string& end = "2020-12-31",
                                    const std::string& cadence = "year") {
  return "id: " + id + "\ntitle: " + title +
         "\nissuer: 测试区政府\njurisdiction: 测试区\nperiod: {start: 2016-01-01, end: " + end +
         "}\ncadence: " + cadence + R"(
source: {title: 测试文件, date: 2016-01-01}
goals:
  - {id: g, title: 目标一}
targets:
)";
}

// A 示例区人民政府 plan with one goal `growth` (增长), 2016 to 2020, and `targets` (YAML list
// items, e.g. sample_patents_target + sample_exits_target).
inline std::string sample_plan_yaml(const std::string& id, const std::string& title,
                                    const std::string& targets) {
  return "id: " + id + "\ntitle: " + title + R"(
issuer: 示例区人民政府
jurisdiction: 示例区
period: {start: 2016-01-01, end: 2020-12-31}
cadence: year
source: {title: 示例规划原文, date: 2016-05-01}
goals:
  - {id: growth, title: 增长}
targets:
)" + targets;
}

// A plan `id` of two targets with orgs, for accounts and approval: patents led by 区科委
// (supported by 区财政局), exits led by 区经信局 (test data).
inline std::string two_org_plan(const std::string& id, const std::string& title) {
  return test_plan_header(id, title) + R"(  - id: patents
    title: 年专利申请量
    goal: g
    kind: flow
    per: year
    unit: 件
    rule: at_least
    value: 5000
    deadline: 2020-12-31
    responsible: [区科委]
    support: [区财政局]
    source: "年专利申请量达到5000件"
  - id: exits
    title: 淘汰退出企业
    goal: g
    kind: cumulative
    unit: 家
    rule: at_least
    value: 53
    deadline: 2020-12-31
    baseline: {value: 0, date: 2015-12-31}
    responsible: [区经信局]
    source: "淘汰退出企业53家"
)";
}

// Patent applications, a yearly flow of at least 5000 件 by 2020 (goal growth).
inline const std::string sample_patents_target = R"(  - id: patents
    title: 年专利申请量
    goal: growth
    kind: flow
    per: year
    unit: 件
    rule: at_least
    value: 5000
    deadline: 2020-12-31
    source: "年专利申请量达到5000件"
)";

// Firms made to exit, at least 53 家 counted from 0 at the end of 2015 (goal growth).
inline const std::string sample_exits_target = R"(  - id: exits
    title: 淘汰退出企业
    goal: growth
    kind: cumulative
    unit: 家
    rule: at_least
    value: 53
    deadline: 2020-12-31
    baseline: {value: 0, date: 2015-12-31}
    source: "淘汰退出企业53家"
)";

} // namespace plantrack::support
