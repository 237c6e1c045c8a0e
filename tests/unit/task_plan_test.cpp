// Tasks in plan files (SPEC §1 "Task"): deadline and dated steps read back; an id shared with a
// target, a step id used twice and a date that is not one are refused with the field's path.

#include "errors.hpp"
#include "planfile/plan_file.hpp"
#include "support/dates.hpp"
#include "support/errors.hpp"
#include "support/plan_files.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace plantrack::planfile {
namespace {

using support::day;
using ::testing::ElementsAre;

std::string plan_with(const std::string& tasks) {
  return support::sample_plan_yaml("demo", "示例规划", support::sample_patents_target) +
         "tasks:\n" + tasks;
}

const std::string fund_task = R"(  - id: fund
    title: 设立引导基金
    responsible: [区金融办]
    deadline: 2019-12-31
    steps:
      - {id: launch, date: 2019-09-30, title: 基金设立}
      - {id: rules, date: 2019-03-31, title: 出台管理办法}
    appraisal: 纳入全区绩效考核
    source: "设立引导基金"
)";

std::vector<std::string> errors_of(const std::string& text) {
  return support::input_errors_of([&] { load_plan(text, "demo.yaml"); });
}

TEST(TaskPlan, deadline_and_steps_read_back_with_steps_in_date_order) {
  auto loaded = load_plan(plan_with(fund_task), "demo.yaml");
  ASSERT_EQ(loaded.plan.tasks.size(), 1u);
  const Task& t = loaded.plan.tasks[0];
  EXPECT_EQ(t.deadline, day("2019-12-31"));
  ASSERT_EQ(t.steps.size(), 2u);
  EXPECT_EQ(t.steps[0].id, "rules");
  EXPECT_EQ(t.steps[1].date, day("2019-09-30"));
  EXPECT_EQ(t.appraisal, "纳入全区绩效考核");
  ASSERT_NE(t.find_step("launch"), nullptr);
  EXPECT_EQ(t.find_step("draft"), nullptr);
  EXPECT_TRUE(t.involves("区金融办"));
  EXPECT_EQ(loaded.plan.find_task("fund"), &t);
}

TEST(TaskPlan, a_task_without_deadline_or_steps_is_open_ended) {
  auto loaded = load_plan(plan_with(R"(  - id: meet
    title: 定期召开联席会议
    source: "定期召开联席会议"
)"),
                          "demo.yaml");
  EXPECT_FALSE(loaded.plan.tasks[0].deadline.has_value());
  EXPECT_TRUE(loaded.plan.tasks[0].steps.empty());
}

TEST(TaskPlan, a_task_id_that_is_a_target_id_is_refused) {
  auto errors = errors_of(plan_with(R"(  - id: patents
    title: 专利工作
    source: "专利工作"
)"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], ::testing::HasSubstr(
                             "tasks[0].id: 'patents' is already a target id; targets and tasks "
                             "are both named PLAN/ID, so give the task its own id"));
}

TEST(TaskPlan, a_step_id_used_twice_is_refused) {
  auto errors = errors_of(plan_with(R"(  - id: fund
    title: 设立引导基金
    steps:
      - {id: rules, date: 2019-03-31, title: 出台管理办法}
      - {id: rules, date: 2019-06-30, title: 修订管理办法}
    source: "设立引导基金"
)"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], ::testing::HasSubstr("tasks[0].steps[1].id: step id 'rules' is used "
                                              "twice in task 'fund'; give each step its own id"));
}

TEST(TaskPlan, a_deadline_that_is_not_a_calendar_date_is_refused) {
  auto errors = errors_of(plan_with(R"(  - id: fund
    title: 设立引导基金
    deadline: 2019-02-30
    source: "设立引导基金"
)"));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0], ::testing::HasSubstr("tasks[0].deadline: '2019-02-30' is not a calendar date"));
}

} // namespace
} // namespace plantrack::planfile
