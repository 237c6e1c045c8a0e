// Plan files with the second edition's kinds (SPEC §1): what each kind needs, what it refuses,
// each problem on one line that names the field and the fix.

#include "errors.hpp"

#include "planfile/plan_file.hpp"
#include "support/errors.hpp"
#include "support/plan_files.hpp"

#include <gmock/gmock.h>

#include <string>
#include <vector>

namespace plantrack::planfile {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string plan_with(const std::string& targets) {
  return support::test_plan_header("k", "新指标示例") + targets;
}

std::vector<std::string> errors_of(const std::string& targets) {
  return support::input_errors_of([&] { load_plan(plan_with(targets), "k.yaml"); });
}

const std::string amount = R"(  - id: amount
    title: 技术合同成交额
    goal: g
    kind: flow
    per: year
    unit: 亿元
    rule: at_least
    value: 3000
    deadline: 2020-12-31
)";

std::string target(const std::string& id, const std::string& fields) {
  return "  - id: " + id + "\n    title: 指标\n    goal: g\n    deadline: 2020-12-31\n" + fields;
}

TEST(KindsPlan, every_kind_loads_with_its_fields) {
  auto loaded = load_plan(
      plan_with(amount +
                target("share", "    kind: ratio\n    unit: \"%\"\n    rule: at_least\n    value: 1.3\n"
                                "    numerator: {title: 科技支出, unit: 万元}\n"
                                "    denominator: {title: 预算支出, unit: 亿元}\n    scale: 100\n") +
                target("rank", "    kind: rank\n    unit: 位\n    rule: at_most\n    value: 5\n"
                               "    peers: {self: 甲, among: [甲, 乙], better: lower, unit: \"%\"}\n") +
                target("growth", "    kind: growth\n    of: amount\n    basis: yoy\n    unit: \"%\"\n"
                                 "    rule: at_least\n    value: 9\n") +
                target("city", "    kind: monitor\n    unit: \"%\"\n    rule: none\n") +
                target("above", "    kind: level\n    unit: \"%\"\n    rule: more_than\n"
                                "    value: {ref: city}\n") +
                target("clear", "    kind: level\n    unit: 个\n    rule: keep_at_most\n    value: 0\n"
                                "    clear_within: 30\n")),
      "k.yaml");
  const Plan& p = loaded.plan;
  ASSERT_EQ(p.targets.size(), 7u);
  EXPECT_EQ(p.targets[1].kind, Kind::ratio);
  EXPECT_EQ(p.targets[1].numerator->unit, "万元");
  EXPECT_EQ(p.targets[1].denominator->title, "预算支出");
  EXPECT_EQ(p.targets[2].peers->among.size(), 2u);
  EXPECT_EQ(p.targets[2].peers->better, Better::lower);
  EXPECT_EQ(p.targets[3].of, "amount");
  EXPECT_EQ(p.targets[3].basis, GrowthBasis::yoy);
  EXPECT_EQ(p.targets[4].rule, Rule::none);
  ASSERT_TRUE(p.targets[5].value_ref);
  EXPECT_EQ(p.targets[5].value_ref->plan_id, "k");
  EXPECT_EQ(p.targets[5].value_ref->target_id, "city");
  EXPECT_EQ(p.targets[6].clear_within, 30);
}

struct Refused {
  std::string targets;
  std::string message;
};

TEST(KindsPlan, each_kind_refuses_what_does_not_fit_it) {
  const std::vector<Refused> cases{
      {target("share", "    kind: ratio\n    unit: \"%\"\n    rule: at_least\n    value: 1\n"
                       "    denominator: {title: 乙, unit: 亿元}\n"),
       "targets[0].numerator: a ratio target needs its numerator"},
      {target("x", "    kind: level\n    unit: \"%\"\n    rule: at_least\n    value: 1\n"
                   "    numerator: {title: 甲, unit: 亿元}\n"),
       "targets[0].numerator: 'numerator' is only for ratio targets, and this one is level"},
      {target("rank", "    kind: rank\n    unit: 位\n    rule: at_least\n    value: 5\n"),
       "targets[0].rule: a rank is better when smaller (1 is the best); use rule at_most"},
      {target("rank", "    kind: rank\n    unit: 位\n    rule: at_most\n    value: 5\n"
                      "    peers: {self: 丙, among: [甲, 乙], better: higher, unit: \"%\"}\n"),
       "targets[0].peers.self: '丙' is not one of peers.among"},
      {target("g", "    kind: growth\n    unit: \"%\"\n    rule: at_least\n    value: 9\n"),
       "targets[0].of: a growth target needs 'of: TARGET'"},
      {target("g", "    kind: growth\n    of: nowhere\n    unit: \"%\"\n    rule: at_least\n    value: 9\n"),
       "targets[0].of: 'nowhere' is not a target of this plan"},
      {target("g", "    kind: growth\n    of: g\n    unit: \"%\"\n    rule: at_least\n    value: 9\n"),
       "targets[0].of: a growth target cannot grow from itself"},
      {amount + target("g", "    kind: growth\n    of: amount\n    unit: 亿元\n    rule: at_least\n    value: 9\n"),
       "targets[1].unit: a growth rate is a percentage; use unit %"},
      {target("m", "    kind: monitor\n    unit: \"%\"\n    rule: at_least\n    value: 9\n"),
       "targets[0].rule: a monitor target is tracked without a target; use rule none"},
      {target("m", "    kind: level\n    unit: \"%\"\n    rule: none\n    value: 9\n"),
       "targets[0].value: rule none tracks without a target; remove value"},
      {target("c", "    kind: level\n    unit: 个\n    rule: at_most\n    value: 0\n    clear_within: 30\n"),
       "targets[0].clear_within: clear_within is for rule keep_at_most"},
      {target("a", "    kind: level\n    unit: \"%\"\n    rule: at_least\n    value: {ref: missing}\n"),
       "targets[0].value.ref: 'missing' is not a target of this plan"},
      {target("a", "    kind: level\n    unit: \"%\"\n    rule: at_least\n    value: {ref: b}\n") +
           target("b", "    kind: level\n    unit: \"%\"\n    rule: at_least\n    value: {ref: k/a}\n"),
       "references go round in a cycle (a -> b -> a)"},
      {target("a", "    kind: level\n    unit: \"%\"\n    rule: between\n    min: 1\n    max: 2\n"
                   "    value: {ref: b}\n"),
       "a referenced value needs rule at_least, more_than, at_most or less_than"},
      {target("a", "    kind: level\n    unit: \"%\"\n    rule: at_least\n    value: {reff: b}\n"),
       "targets[0].value: {\"reff\":\"b\"} is not a reference; write {ref: PLAN/TARGET}"},
  };
  for (const auto& c : cases) {
    auto lines = errors_of(c.targets);
    ASSERT_FALSE(lines.empty()) << c.message;
    bool found = false;
    for (const auto& line : lines) found = found || line.find(c.message) != std::string::npos;
    EXPECT_TRUE(found) << "expected '" << c.message << "' among:\n" << ::testing::PrintToString(lines);
  }
}

TEST(KindsPlan, cagr_needs_the_baseline_of_what_it_grows) {
  auto lines = errors_of(amount + target("growth", "    kind: growth\n    of: amount\n    basis: cagr\n"
                                                   "    unit: \"%\"\n    rule: at_least\n    value: 9\n"));
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_THAT(lines[0], HasSubstr("targets[1].basis: cagr grows from the baseline of 'amount', which has none"));
}

} // namespace
} // namespace plantrack::planfile
