// Unit tests of plan files (SPEC §1 "Plan", "Target"; §3 `plan import`): loading YAML and JSON
// text, and one `file:line: path: why` line per problem.

#include "errors.hpp"
#include "planfile/plan_file.hpp"
#include "support/dates.hpp"
#include "support/errors.hpp"
#include "support/files.hpp"
#include "support/text.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace plantrack::planfile {
namespace {

using support::joined;
using support::read_file;
using support::replaced;
using support::starts_with;
using support::ymd;

// A small plan that uses every kind of field the loader maps.
const std::string demo_yaml = R"(# 示例区科技发展规划 (a test plan)
id: demo-plan
title: 示例区科技发展规划
issuer: 示例区人民政府
jurisdiction: 示例区
period: {start: 2016-01-01, end: 2020-12-31}
cadence: year
source:
  title: 示例区科技发展规划
  date: 2016-05-01
  url: https://example.invalid/plan
thresholds: {on_track: 0.9, at_risk: 0.5}
goals:
  - {id: growth, title: 科技创新能力提升}
  - {id: services, title: 科技服务}
targets:
  - id: patents
    title: 年专利申请量
    goal: growth
    kind: flow
    per: year
    unit: 件
    rule: at_least
    value: 5000
    deadline: 2020-12-31
    baseline: {value: 3000, date: 2015-12-31, source: 2015年统计公报}
    milestones:
      - {date: 2017-12-31, value: 3800}
      - {date: 2018-12-31, value: 4300}
    trajectory: compound
    thresholds: {on_track: 0.8, at_risk: 0.4}
    precision: 0
    responsible: [区科委, 区知识产权局]
    source: "年专利申请量达到5000件"
  - id: literacy-band
    title: 公民具备基本科学素质比例
    goal: services
    kind: level
    unit: "%"
    rule: between
    min: 12
    max: 14
    deadline: 2020-12-31
    source: "保持在12%至14%之间"
  - id: plan-drafted
    title: 编制完成专项规划
    goal: services
    kind: milestone
    rule: done
    deadline: 2018-12-31
    source: "编制完成专项规划"
tasks:
  - id: task-one
    title: 推进重点项目
    goal: growth
    responsible: [区科委]
    source: "推进重点项目"
)";

// The same plan written as JSON.
const std::string demo_json = R"({
  "id": "demo-plan",
  "title": "示例区科技发展规划",
  "issuer": "示例区人民政府",
  "jurisdiction": "示例区",
  "period": {"start": "2016-01-01", "end": "2020-12-31"},
  "cadence": "year",
  "source": {"title": "示例区科技发展规划", "date": "2016-05-01",
             "url": "https://example.invalid/plan"},
  "thresholds": {"on_track": 0.9, "at_risk": 0.5},
  "goals": [
    {"id": "growth", "title": "科技创新能力提升"},
    {"id": "services", "title": "科技服务"}
  ],
  "targets": [
    {
      "id": "patents",
      "title": "年专利申请量",
      "goal": "growth",
      "kind": "flow",
      "per": "year",
      "unit": "件",
      "rule": "at_least",
      "value": 5000,
      "deadline": "2020-12-31",
      "baseline": {"value": 3000, "date": "2015-12-31", "source": "2015年统计公报"},
      "milestones": [
        {"date": "2017-12-31", "value": 3800},
        {"date": "2018-12-31", "value": 4300}
      ],
      "trajectory": "compound",
      "thresholds": {"on_track": 0.8, "at_risk": 0.4},
      "precision": 0,
      "responsible": ["区科委", "区知识产权局"],
      "source": "年专利申请量达到5000件"
    },
    {
      "id": "literacy-band",
      "title": "公民具备基本科学素质比例",
      "goal": "services",
      "kind": "level",
      "unit": "%",
      "rule": "between",
      "min": 12,
      "max": 14,
      "deadline": "2020-12-31",
      "source": "保持在12%至14%之间"
    },
    {
      "id": "plan-drafted",
      "title": "编制完成专项规划",
      "goal": "services",
      "kind": "milestone",
      "rule": "done",
      "deadline": "2018-12-31",
      "source": "编制完成专项规划"
    }
  ],
  "tasks": [
    {"id": "task-one", "title": "推进重点项目", "goal": "growth", "responsible": ["区科委"],
     "source": "推进重点项目"}
  ]
}
)";

// The 1-based line of the first occurrence of `needle` in `text` (0 when absent).
int line_of(const std::string& text, const std::string& needle) {
  auto at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << "the test plan lacks: " << needle;
  if (at == std::string::npos) return 0;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

// The lines of the InputErrors that loading `text` throws (empty, and a failure, when none).
std::vector<std::string> errors_of(const std::string& text, const std::string& file = "f.yaml") {
  return support::input_errors_of([&] { load_plan(text, file); });
}

// The one error line loading `text` gives; fails unless there is exactly one.
std::string single_error(const std::string& text) {
  auto lines = errors_of(text);
  EXPECT_EQ(lines.size(), 1u) << joined(lines);
  return lines.empty() ? std::string() : lines.front();
}

void expect_demo_plan(const Plan& p) {
  EXPECT_EQ(p.id, "demo-plan");
  EXPECT_EQ(p.title, "示例区科技发展规划");
  EXPECT_EQ(p.issuer, "示例区人民政府");
  EXPECT_EQ(p.jurisdiction, "示例区");
  EXPECT_EQ(p.start, ymd(2016, 1, 1));
  EXPECT_EQ(p.end, ymd(2020, 12, 31));
  EXPECT_EQ(p.cadence, Cadence::year);
  EXPECT_EQ(p.source.title, "示例区科技发展规划");
  EXPECT_EQ(p.source.date, ymd(2016, 5, 1));
  EXPECT_EQ(p.source.url, "https://example.invalid/plan");
  ASSERT_TRUE(p.thresholds);
  EXPECT_DOUBLE_EQ(p.thresholds->on_track, 0.9);
  EXPECT_DOUBLE_EQ(p.thresholds->at_risk, 0.5);
  ASSERT_EQ(p.goals.size(), 2u);
  EXPECT_EQ(p.goals[0].id, "growth");
  EXPECT_EQ(p.goals[1].title, "科技服务");

  ASSERT_EQ(p.targets.size(), 3u);
  const Target& flow = p.targets[0];
  EXPECT_EQ(flow.id, "patents");
  EXPECT_EQ(flow.title, "年专利申请量");
  EXPECT_EQ(flow.goal, "growth");
  EXPECT_EQ(flow.kind, Kind::flow);
  ASSERT_TRUE(flow.per);
  EXPECT_EQ(*flow.per, Cadence::year);
  EXPECT_EQ(flow.unit, "件");
  EXPECT_EQ(flow.rule, Rule::at_least);
  EXPECT_EQ(flow.value, 5000.0);
  EXPECT_EQ(flow.deadline, ymd(2020, 12, 31));
  ASSERT_TRUE(flow.baseline);
  EXPECT_EQ(flow.baseline->value, 3000.0);
  EXPECT_EQ(flow.baseline->date, ymd(2015, 12, 31));
  EXPECT_EQ(flow.baseline->source, "2015年统计公报");
  ASSERT_EQ(flow.milestones.size(), 2u);
  EXPECT_EQ(flow.milestones[0].date, ymd(2017, 12, 31));
  EXPECT_EQ(flow.milestones[0].value, 3800.0);
  EXPECT_EQ(flow.milestones[1].date, ymd(2018, 12, 31));
  EXPECT_EQ(flow.milestones[1].value, 4300.0);
  EXPECT_EQ(flow.trajectory, Trajectory::compound);
  ASSERT_TRUE(flow.thresholds);
  EXPECT_DOUBLE_EQ(flow.thresholds->on_track, 0.8);
  EXPECT_DOUBLE_EQ(flow.thresholds->at_risk, 0.4);
  ASSERT_TRUE(flow.precision);
  EXPECT_EQ(*flow.precision, 0);
  EXPECT_EQ(flow.responsible, (std::vector<std::string>{"区科委", "区知识产权局"}));
  EXPECT_EQ(flow.source, "年专利申请量达到5000件");

  const Target& band = p.targets[1];
  EXPECT_EQ(band.kind, Kind::level);
  EXPECT_FALSE(band.per);
  EXPECT_EQ(band.unit, "%");
  EXPECT_EQ(band.rule, Rule::between);
  ASSERT_TRUE(band.min);
  ASSERT_TRUE(band.max);
  EXPECT_EQ(*band.min, 12.0);
  EXPECT_EQ(*band.max, 14.0);
  EXPECT_FALSE(band.baseline);
  EXPECT_TRUE(band.milestones.empty());
  EXPECT_EQ(band.trajectory, Trajectory::linear);
  EXPECT_FALSE(band.thresholds);
  EXPECT_FALSE(band.precision);

  const Target& milestone = p.targets[2];
  EXPECT_EQ(milestone.kind, Kind::milestone);
  EXPECT_EQ(milestone.rule, Rule::done);
  EXPECT_EQ(milestone.unit, "");
  EXPECT_EQ(milestone.deadline, ymd(2018, 12, 31));

  ASSERT_EQ(p.tasks.size(), 1u);
  EXPECT_EQ(p.tasks[0].id, "task-one");
  EXPECT_EQ(p.tasks[0].goal, "growth");
  EXPECT_EQ(p.tasks[0].responsible, std::vector<std::string>{"区科委"});
}

// ---------------------------------------------------------------------------------------------
// Plans that load

TEST(PlanFile, every_fixture_plan_loads) {
  namespace fs = std::filesystem;
  fs::path dir = fs::path(PLANTRACK_SOURCE_DIR) / "fixtures" / "plans";
  int loaded = 0;
  for (const auto& item : fs::directory_iterator(dir)) {
    if (item.path().extension() != ".yaml") continue;
    SCOPED_TRACE(item.path().string());
    try {
      LoadedPlan plan = load_plan(read_file(item.path()), item.path().filename().string());
      EXPECT_EQ(plan.plan.id, item.path().stem().string());
      EXPECT_EQ(plan.document["id"], item.path().stem().string());
      ++loaded;
    } catch (const InputErrors& e) {
      ADD_FAILURE() << joined(e.lines());
    }
  }
  EXPECT_GE(loaded, 5);
}

TEST(PlanFile, fixture_target_fields_map) {
  LoadedPlan tongzhou = load_plan_file(std::string(PLANTRACK_SOURCE_DIR) +
                                       "/fixtures/plans/tongzhou-st-2020.yaml");
  const Target* patents = tongzhou.plan.find_target("patent-applications");
  ASSERT_NE(patents, nullptr);
  EXPECT_EQ(patents->kind, Kind::flow);
  EXPECT_EQ(patents->per, Cadence::year);
  EXPECT_EQ(patents->unit, "件");
  EXPECT_EQ(patents->value, 5000.0);
  const Target* professionals = tongzhou.plan.find_target("professionals-per-10k");
  ASSERT_NE(professionals, nullptr);
  EXPECT_EQ(professionals->rule, Rule::more_than);
}

TEST(PlanFile, minimal_plan_fields_map) {
  LoadedPlan loaded = load_plan(demo_yaml, "demo.yaml");
  expect_demo_plan(loaded.plan);
  EXPECT_EQ(loaded.document["targets"][0]["value"], 5000);
  EXPECT_EQ(loaded.document["period"]["start"], "2016-01-01");
}

TEST(PlanFile, json_text_loads_like_yaml) {
  LoadedPlan from_yaml = load_plan(demo_yaml, "demo.yaml");
  LoadedPlan from_json = load_plan(demo_json, "demo.json");
  expect_demo_plan(from_json.plan);
  EXPECT_EQ(from_json.document, from_yaml.document)
      << from_json.document.dump(2) << "\n" << from_yaml.document.dump(2);
}

TEST(PlanFile, plan_from_document_rebuilds_the_plan) {
  LoadedPlan loaded = load_plan(demo_yaml, "demo.yaml");
  // Storage keeps the document as JSON text; reading it back must give the same plan.
  expect_demo_plan(plan_from_document(nlohmann::json::parse(loaded.document.dump())));
}

TEST(PlanFile, missing_file_is_an_input_error) {
  EXPECT_THROW(load_plan_file("/nonexistent/plantrack/plan.yaml"), InputError);
}

// ---------------------------------------------------------------------------------------------
// Schema errors

TEST(PlanFile, misspelt_rule_names_the_line_and_the_choices) {
  std::string text = replaced(demo_yaml, "    rule: at_least\n", "    rule: atleast\n");
  int line = line_of(text, "rule: atleast");
  auto lines = errors_of(text);
  EXPECT_EQ(lines, std::vector<std::string>{fmt::format(
                       "f.yaml:{}: targets[0].rule: 'atleast' is not one of at_least, more_than, "
                       "at_most, less_than, between, keep_at_most, done, none",
                       line)});
}

TEST(PlanFile, misspelt_rule_in_json_names_the_line) {
  std::string text = replaced(demo_json, R"("rule": "at_least")", R"("rule": "atleast")");
  int line = line_of(text, R"("rule": "atleast")");
  auto lines = errors_of(text, "f.json");
  EXPECT_EQ(lines, std::vector<std::string>{fmt::format(
                       "f.json:{}: targets[0].rule: 'atleast' is not one of at_least, more_than, "
                       "at_most, less_than, between, keep_at_most, done, none",
                       line)});
}

TEST(PlanFile, missing_required_field_is_reported_on_its_object) {
  std::string text = replaced(demo_yaml, "    deadline: 2018-12-31\n", "");
  int line = line_of(text, "- id: plan-drafted");
  EXPECT_EQ(single_error(text),
            fmt::format("f.yaml:{}: targets[2]: missing required field 'deadline'; add it (see "
                        "schemas/plan.schema.json)",
                        line));
}

TEST(PlanFile, missing_top_level_field_is_reported) {
  std::string text = replaced(demo_yaml, "issuer: 示例区人民政府\n", "");
  auto error = single_error(text);
  EXPECT_TRUE(starts_with(error, "f.yaml:")) << error;
  EXPECT_NE(error.find("missing required field 'issuer'"), std::string::npos) << error;
}

TEST(PlanFile, unknown_field_is_reported_with_the_allowed_fields) {
  std::string text =
      replaced(demo_yaml, "    title: 年专利申请量\n", "    title: 年专利申请量\n    colour: red\n");
  auto error = single_error(text);
  EXPECT_TRUE(starts_with(error, "f.yaml:")) << error;
  EXPECT_NE(error.find("targets[0]"), std::string::npos) << error;
  EXPECT_NE(error.find("unknown field 'colour'"), std::string::npos) << error;
  EXPECT_NE(error.find("baseline"), std::string::npos) << error; // names the allowed fields
}

TEST(PlanFile, unknown_field_names_its_own_line) {
  // `file:LINE:` is there so an editor can jump to the problem: the line of the unknown key,
  // not of the mapping that holds it.
  std::string text =
      replaced(demo_yaml, "    title: 年专利申请量\n", "    title: 年专利申请量\n    colour: red\n");
  auto error = single_error(text);
  EXPECT_TRUE(starts_with(error, fmt::format("f.yaml:{}: ", line_of(text, "colour: red"))))
      << error;

  text = demo_yaml + "owner: 区科委\n";
  error = single_error(text);
  EXPECT_TRUE(starts_with(error, fmt::format("f.yaml:{}: ", line_of(text, "owner: 区科委"))))
      << error;
  EXPECT_NE(error.find("unknown field 'owner'"), std::string::npos) << error;
}

TEST(PlanFile, quoted_number_is_not_a_number) {
  std::string text = replaced(demo_yaml, "    value: 5000\n", "    value: \"5000\"\n");
  int line = line_of(text, "value: \"5000\"");
  EXPECT_EQ(single_error(text),
            fmt::format("f.yaml:{}: targets[0].value: '5000' is not a number (write it without "
                        "quotes or units, e.g. 5000)",
                        line));
}

TEST(PlanFile, badly_formed_id_is_refused) {
  std::string text = replaced(demo_yaml, "id: demo-plan\n", "id: Demo_Plan\n");
  int line = line_of(text, "id: Demo_Plan");
  auto error = single_error(text);
  EXPECT_TRUE(starts_with(error, fmt::format("f.yaml:{}: id: 'Demo_Plan'", line))) << error;
}

TEST(PlanFile, an_empty_id_is_refused_not_a_crash) {
  // Found by fuzz_plan_file: `id:` with no value left the meaning checks reading a null id.
  std::string text = replaced(demo_yaml, "id: demo-plan\n", "id:\n");
  auto error = single_error(text);
  EXPECT_EQ(error, fmt::format("f.yaml:{}: id: has no value; write a string after the colon",
                               line_of(text, "id:")));
}

TEST(PlanFile, yaml_syntax_error_reports_the_line) {
  std::string text = replaced(demo_yaml, "    kind: flow\n", "    kind: flow: oops\n");
  int line = line_of(text, "kind: flow: oops");
  auto error = single_error(text);
  EXPECT_TRUE(starts_with(error, fmt::format("f.yaml:{}: not valid YAML or JSON", line))) << error;
}

TEST(PlanFile, a_document_that_is_not_a_mapping_is_refused) {
  auto error = single_error("- just\n- a list\n");
  EXPECT_TRUE(starts_with(error, "f.yaml:1: ")) << error;
}

TEST(PlanFile, several_schema_errors_are_all_reported_sorted_by_line) {
  std::string text = demo_yaml;
  text = replaced(text, "    kind: milestone\n", "    kind: milestones\n");
  text = replaced(text, "    value: 5000\n", "    value: \"5000\"\n");
  text = replaced(text, "    rule: at_least\n", "    rule: atleast\n");
  auto lines = errors_of(text);
  ASSERT_EQ(lines.size(), 3u) << joined(lines);
  EXPECT_EQ(lines[0], fmt::format("f.yaml:{}: targets[0].rule: 'atleast' is not one of at_least, "
                                  "more_than, at_most, less_than, between, keep_at_most, done, none",
                                  line_of(text, "rule: atleast")));
  EXPECT_EQ(lines[1], fmt::format("f.yaml:{}: targets[0].value: '5000' is not a number (write it "
                                  "without quotes or units, e.g. 5000)",
                                  line_of(text, "value: \"5000\"")));
  EXPECT_EQ(lines[2], fmt::format("f.yaml:{}: targets[2].kind: 'milestones' is not one of level, "
                                  "flow, cumulative, milestone, ratio, rank, growth, monitor",
                                  line_of(text, "kind: milestones")));
}

// ---------------------------------------------------------------------------------------------
// Errors the schema cannot express

TEST(PlanFile, impossible_date_is_refused) {
  std::string text =
      replaced(demo_yaml, "    deadline: 2020-12-31\n    baseline",
               "    deadline: 2020-13-01\n    baseline");
  int line = line_of(text, "deadline: 2020-13-01");
  EXPECT_EQ(single_error(text),
            fmt::format("f.yaml:{}: targets[0].deadline: '2020-13-01' is not a calendar date; "
                        "write YYYY-MM-DD, e.g. 2020-12-31",
                        line));
}

TEST(PlanFile, flow_target_needs_per) {
  std::string text = replaced(demo_yaml, "    per: year\n", "");
  int line = line_of(text, "- id: patents");
  auto error = single_error(text);
  EXPECT_TRUE(starts_with(error, fmt::format("f.yaml:{}: targets[0].per: ", line))) << error;
  EXPECT_NE(error.find("flow"), std::string::npos) << error;
}

TEST(PlanFile, per_on_a_level_target_is_refused) {
  std::string text = replaced(demo_yaml, "    kind: level\n", "    kind: level\n    per: year\n");
  auto error = single_error(text);
  EXPECT_TRUE(starts_with(error, fmt::format("f.yaml:{}: targets[1].per: ",
                                             line_of(text, "kind: level\n    per: year") + 1)))
      << error;
}

TEST(PlanFile, unknown_goal_is_refused) {
  std::string text = replaced(demo_yaml, "    goal: growth\n    kind: flow",
                              "    goal: nowhere\n    kind: flow");
  int line = line_of(text, "goal: nowhere");
  EXPECT_EQ(single_error(text),
            fmt::format("f.yaml:{}: targets[0].goal: 'nowhere' is not a goal of this plan; use "
                        "one of the ids under goals",
                        line));
}

TEST(PlanFile, duplicate_target_id_is_refused) {
  std::string text = replaced(demo_yaml, "  - id: plan-drafted\n", "  - id: patents\n");
  int line = line_of(text, "  - id: patents\n    title: 编制完成专项规划");
  EXPECT_EQ(single_error(text),
            fmt::format("f.yaml:{}: targets[2].id: target id 'patents' is used twice; give each "
                        "target its own id",
                        line));
}

TEST(PlanFile, between_with_min_above_max_is_refused) {
  std::string text = replaced(demo_yaml, "    min: 12\n", "    min: 15\n");
  int line = line_of(text, "min: 15");
  EXPECT_EQ(single_error(text),
            fmt::format("f.yaml:{}: targets[1].min: min 15 is above max 14; swap them", line));
}

TEST(PlanFile, milestones_out_of_order_are_refused) {
  std::string text = replaced(demo_yaml, "{date: 2017-12-31, value: 3800}",
                              "{date: 2019-06-30, value: 3800}");
  int line = line_of(text, "{date: 2018-12-31, value: 4300}");
  auto error = single_error(text);
  EXPECT_TRUE(starts_with(error, fmt::format("f.yaml:{}: targets[0].milestones[1].date: "
                                             "'2018-12-31' is not after",
                                             line)))
      << error;
}

TEST(PlanFile, milestone_outside_the_plan_period_is_refused) {
  std::string text = replaced(demo_yaml, "{date: 2018-12-31, value: 4300}",
                              "{date: 2021-06-30, value: 4300}");
  int line = line_of(text, "{date: 2021-06-30, value: 4300}");
  EXPECT_EQ(single_error(text),
            fmt::format("f.yaml:{}: targets[0].milestones[1].date: '2021-06-30' is outside the "
                        "plan period 2016-01-01..2020-12-31; move it inside",
                        line));
}

TEST(PlanFile, deadline_outside_the_plan_period_is_refused) {
  std::string text = replaced(demo_yaml, "    deadline: 2018-12-31\n", "    deadline: 2021-12-31\n");
  auto error = single_error(text);
  EXPECT_TRUE(starts_with(error, fmt::format("f.yaml:{}: targets[2].deadline: '2021-12-31' is "
                                             "outside the plan period",
                                             line_of(text, "deadline: 2021-12-31"))))
      << error;
}

TEST(PlanFile, compound_trajectory_needs_a_positive_baseline) {
  for (const char* bad : {"0", "-5"}) {
    SCOPED_TRACE(bad);
    std::string text = replaced(demo_yaml, "baseline: {value: 3000,",
                                std::string("baseline: {value: ") + bad + ",");
    int line = line_of(text, "baseline: {value:");
    auto error = single_error(text);
    EXPECT_TRUE(starts_with(error, fmt::format("f.yaml:{}: targets[0].baseline.value: ", line)))
        << error;
    EXPECT_NE(error.find("compound"), std::string::npos) << error;
  }
}

TEST(PlanFile, rule_done_only_fits_milestones) {
  // A milestone with a numeric rule (and the value that rule needs): only the rule is wrong.
  std::string text =
      replaced(demo_yaml, "    rule: done\n", "    rule: at_least\n    value: 1\n");
  auto error = single_error(text);
  EXPECT_TRUE(starts_with(error, fmt::format("f.yaml:{}: targets[2].rule: ",
                                             line_of(text, "rule: at_least\n    value: 1"))))
      << error;
}

TEST(PlanFile, several_meaning_errors_are_all_reported_sorted_by_line) {
  std::string text = demo_yaml;
  text = replaced(text, "  - id: plan-drafted\n", "  - id: patents\n");
  text = replaced(text, "    min: 12\n", "    min: 15\n");
  text = replaced(text, "    goal: growth\n    kind: flow", "    goal: nowhere\n    kind: flow");
  auto lines = errors_of(text);
  ASSERT_EQ(lines.size(), 3u) << joined(lines);
  EXPECT_TRUE(starts_with(lines[0], fmt::format("f.yaml:{}: targets[0].goal: ",
                                                line_of(text, "goal: nowhere"))))
      << lines[0];
  EXPECT_TRUE(starts_with(lines[1], fmt::format("f.yaml:{}: targets[1].min: ",
                                                line_of(text, "min: 15"))))
      << lines[1];
  EXPECT_TRUE(starts_with(lines[2],
                          fmt::format("f.yaml:{}: targets[2].id: ",
                                      line_of(text, "  - id: patents\n    title: 编制完成专项规划"))))
      << lines[2];
}

TEST(PlanFile, schema_and_meaning_errors_in_one_file_are_all_reported) {
  // One schema error (a misspelt rule) and one error the schema cannot see (an unknown goal):
  // the user should learn about both from one run, not one per run.
  std::string text = demo_yaml;
  text = replaced(text, "    rule: at_least\n", "    rule: atleast\n");
  text = replaced(text, "    goal: services\n    kind: level", "    goal: nowhere\n    kind: level");
  auto lines = errors_of(text);
  ASSERT_EQ(lines.size(), 2u) << joined(lines);
  EXPECT_TRUE(starts_with(lines[0], fmt::format("f.yaml:{}: targets[0].rule: ",
                                                line_of(text, "rule: atleast"))))
      << lines[0];
  EXPECT_TRUE(starts_with(lines[1], fmt::format("f.yaml:{}: targets[1].goal: ",
                                                line_of(text, "goal: nowhere"))))
      << lines[1];
}

// ---------------------------------------------------------------------------------------------
// Orgs and nature (SPEC §1 "Target": support, source, nature, strive)

// The demo plan with the patents target and the task given cooperating orgs, a nature and 力争.
std::string orgs_yaml() {
  std::string text = replaced(demo_yaml, "    responsible: [区科委, 区知识产权局]\n",
                              "    responsible: [区科委, 区知识产权局]\n"
                              "    support: [区财政局, 区统计局]\n"
                              "    nature: binding\n"
                              "    strive: true\n");
  return replaced(text, "    responsible: [区科委]\n    source: \"推进重点项目\"\n",
                  "    responsible: [区科委]\n    support: [区发改委]\n    source: \"推进重点项目\"\n");
}

TEST(PlanFile, support_nature_and_strive_map) {
  LoadedPlan loaded = load_plan(orgs_yaml(), "demo.yaml");
  const Target& patents = loaded.plan.targets[0];
  EXPECT_EQ(patents.responsible, (std::vector<std::string>{"区科委", "区知识产权局"}));
  EXPECT_EQ(patents.support, (std::vector<std::string>{"区财政局", "区统计局"}));
  EXPECT_EQ(patents.nature, Nature::binding);
  EXPECT_TRUE(patents.strive);
  EXPECT_TRUE(patents.involves("区科委"));
  EXPECT_TRUE(patents.involves("区统计局"));
  EXPECT_FALSE(patents.involves("区发改委"));
  EXPECT_EQ(loaded.plan.tasks[0].support, std::vector<std::string>{"区发改委"});
  // Read back from the stored document, the same.
  Plan back = plan_from_document(nlohmann::json::parse(loaded.document.dump()));
  EXPECT_EQ(back.targets[0].support, patents.support);
  EXPECT_EQ(back.targets[0].nature, Nature::binding);
  EXPECT_TRUE(back.targets[0].strive);
  EXPECT_EQ(back.tasks[0].support, std::vector<std::string>{"区发改委"});
}

TEST(PlanFile, without_support_nature_or_strive_a_target_is_expected_with_no_support) {
  LoadedPlan loaded = load_plan(demo_yaml, "demo.yaml");
  for (const auto& t : loaded.plan.targets) {
    EXPECT_TRUE(t.support.empty()) << t.id;
    EXPECT_EQ(t.nature, Nature::expected) << t.id;
    EXPECT_FALSE(t.strive) << t.id;
  }
  EXPECT_TRUE(loaded.plan.tasks[0].support.empty());
}

TEST(PlanFile, a_target_without_source_cites_the_plans_source) {
  std::string text = replaced(demo_yaml, "    source: \"编制完成专项规划\"\n", "");
  LoadedPlan loaded = load_plan(text, "demo.yaml");
  EXPECT_EQ(loaded.plan.targets[2].source, "示例区科技发展规划");
  EXPECT_FALSE(loaded.document["targets"][2].contains("source")); // the file is kept as written
  EXPECT_EQ(plan_from_document(loaded.document).targets[2].source, "示例区科技发展规划");
  EXPECT_EQ(loaded.plan.targets[0].source, "年专利申请量达到5000件");
}

TEST(PlanFile, a_task_still_needs_its_source) {
  std::string text = replaced(demo_yaml, "    source: \"推进重点项目\"\n", "");
  EXPECT_EQ(single_error(text),
            fmt::format("f.yaml:{}: tasks[0]: missing required field 'source'; add it (see "
                        "schemas/plan.schema.json)",
                        line_of(text, "- id: task-one")));
}

TEST(PlanFile, unknown_nature_names_the_choices) {
  std::string text = replaced(orgs_yaml(), "    nature: binding\n", "    nature: 约束性\n");
  EXPECT_EQ(single_error(text),
            fmt::format("f.yaml:{}: targets[0].nature: '约束性' is not one of expected, binding",
                        line_of(text, "nature: 约束性")));
}

TEST(PlanFile, strive_is_true_or_false) {
  std::string text = replaced(orgs_yaml(), "    strive: true\n", "    strive: 力争\n");
  EXPECT_EQ(single_error(text), fmt::format("f.yaml:{}: targets[0].strive: '力争' is not a boolean",
                                            line_of(text, "strive: 力争")));
}

TEST(PlanFile, support_is_a_list_of_orgs) {
  std::string text = replaced(orgs_yaml(), "    support: [区财政局, 区统计局]\n", "    support: 区财政局\n");
  EXPECT_EQ(single_error(text), fmt::format("f.yaml:{}: targets[0].support: '区财政局' is not an array",
                                            line_of(text, "support: 区财政局")));
  text = replaced(orgs_yaml(), "    support: [区财政局, 区统计局]\n", "    support: []\n");
  EXPECT_EQ(single_error(text), fmt::format("f.yaml:{}: targets[0].support: must list at least one item",
                                            line_of(text, "support: []")));
}

TEST(PlanFile, an_org_that_leads_does_not_also_support) {
  std::string text = replaced(orgs_yaml(), "    support: [区财政局, 区统计局]\n",
                              "    support: [区财政局, 区科委]\n");
  text = replaced(text, "    support: [区发改委]\n", "    support: [区科委]\n");
  EXPECT_EQ(errors_of(text),
            (std::vector<std::string>{
                fmt::format("f.yaml:{}: targets[0].support[1]: '区科委' is already responsible (the "
                            "lead); list it under responsible or support, not both",
                            line_of(text, "support: [区财政局, 区科委]")),
                fmt::format("f.yaml:{}: tasks[0].support[0]: '区科委' is already responsible (the "
                            "lead); list it under responsible or support, not both",
                            line_of(text, "support: [区科委]"))}));
}

TEST(PlanFile, the_fixture_strive_target_is_marked) {
  LoadedPlan tongzhou = load_plan_file(std::string(PLANTRACK_SOURCE_DIR) +
                                       "/fixtures/plans/tongzhou-st-2020.yaml");
  // “全区R&D经费占GDP的比重力争进入全市前列”: the one 力争 clause of the seeds.
  for (const auto& t : tongzhou.plan.targets) {
    EXPECT_EQ(t.strive, t.id == "rd-intensity-rank") << t.id;
    EXPECT_EQ(t.nature, Nature::expected) << t.id;
  }
}

} // namespace
} // namespace plantrack::planfile
