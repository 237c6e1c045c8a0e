// Unit tests of the task assessment (SPEC §2 "Task status"): every status and flag, with a
// fixed as-of date, and the rulings of docs/assessment.md ("Tasks").

#include "assess/task.hpp"
#include "support/assess_inputs.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

namespace plantrack::assess {
namespace {

using testing::ElementsAre;
using testing::IsEmpty;

using support::as_of;
using support::day;

// A quarterly task due at the end of 2019, with two dated steps.
Task fund_task() {
  Task t;
  t.id = "fund";
  t.title = "设立创业投资引导基金";
  t.responsible = {"区金融办"};
  t.deadline = day("2019-12-31");
  t.steps = {{"rules", day("2019-03-31"), "出台管理办法"}, {"launch", day("2019-09-30"), "基金设立"}};
  return t;
}

Task open_ended_task() {
  Task t = fund_task();
  t.deadline.reset();
  t.steps.clear();
  return t;
}

Entry task_entry(std::int64_t id, std::string_view period, TaskState state,
                 std::string note = "", std::string step = "") {
  Entry e = support::entry(id, period, state == TaskState::done ? 1 : 0);
  e.target_id = "fund";
  e.state = state;
  e.value_text = std::string(to_string(state));
  e.note = std::move(note);
  e.step = std::move(step);
  return e;
}

std::string status(const TaskAssessment& a) { return std::string(to_string(a.status)); }

Context quarterly(std::string_view d) { return as_of(d, Cadence::quarter); }

TEST(AssessTask, no_data_when_never_updated) {
  auto a = assess_task(fund_task(), {}, quarterly("2019-02-15"));
  EXPECT_EQ(status(a), "no_data");
  EXPECT_FALSE(a.state.has_value());
  EXPECT_FALSE(a.last_update.has_value());
  EXPECT_THAT(a.flags, IsEmpty());
}

TEST(AssessTask, no_data_when_every_entry_ends_after_as_of) {
  auto a = assess_task(fund_task(), {task_entry(1, "2019Q2", TaskState::in_progress)},
                       quarterly("2019-06-29"));
  EXPECT_EQ(status(a), "no_data");
  EXPECT_EQ(a.entries, 0u);
}

TEST(AssessTask, not_started_in_progress_and_suspended_follow_the_latest_state) {
  std::vector<Entry> entries{task_entry(1, "2019Q1", TaskState::not_started, "", "rules")};
  EXPECT_EQ(status(assess_task(fund_task(), entries, quarterly("2019-04-10"))), "not_started");
  entries.push_back(task_entry(2, "2019Q2", TaskState::in_progress, "已起草管理办法"));
  auto a = assess_task(fund_task(), entries, quarterly("2019-07-10"));
  EXPECT_EQ(status(a), "in_progress");
  EXPECT_EQ(a.state, TaskState::in_progress);
  EXPECT_EQ(a.last_period, "2019Q2");
  EXPECT_EQ(a.last_update, day("2019-06-30"));
  EXPECT_EQ(a.note, "已起草管理办法");
  entries.push_back(task_entry(3, "2019Q3", TaskState::suspended, "等待市级政策", "launch"));
  EXPECT_EQ(status(assess_task(fund_task(), entries, quarterly("2019-10-10"))), "suspended");
}

TEST(AssessTask, the_latest_period_wins_whatever_the_order_logged) {
  // A late report of an earlier quarter does not undo a later state.
  std::vector<Entry> entries{task_entry(1, "2019Q2", TaskState::in_progress),
                             task_entry(2, "2019Q1", TaskState::not_started)};
  EXPECT_EQ(status(assess_task(fund_task(), entries, quarterly("2019-07-10"))), "in_progress");
}

TEST(AssessTask, done_on_or_before_the_deadline) {
  auto a = assess_task(fund_task(),
                       {task_entry(1, "2019Q2", TaskState::in_progress),
                        task_entry(2, "2019-12-31", TaskState::done, "基金已注册")},
                       quarterly("2020-03-01"));
  EXPECT_EQ(status(a), "done");
  EXPECT_EQ(a.done_on, day("2019-12-31"));
  EXPECT_EQ(a.note, "基金已注册");
}

TEST(AssessTask, done_late_after_the_deadline) {
  auto a = assess_task(fund_task(),
                       {task_entry(1, "2019Q4", TaskState::in_progress),
                        task_entry(2, "2020-01-01", TaskState::done)},
                       quarterly("2020-03-01"));
  EXPECT_EQ(status(a), "done_late");
  EXPECT_EQ(a.done_on, day("2020-01-01"));
}

TEST(AssessTask, done_without_a_deadline_is_never_late) {
  auto a = assess_task(open_ended_task(), {task_entry(1, "2025", TaskState::done)},
                       quarterly("2026-01-01"));
  EXPECT_EQ(status(a), "done");
}

TEST(AssessTask, done_counts_from_the_first_of_the_final_run_of_done_entries) {
  // Done in Q4, reported done again in Q1 of the next year: still done on time.
  auto a = assess_task(fund_task(),
                       {task_entry(1, "2019Q4", TaskState::done), task_entry(2, "2020Q1", TaskState::done)},
                       quarterly("2020-04-10"));
  EXPECT_EQ(status(a), "done");
  EXPECT_EQ(a.done_on, day("2019-12-31"));
  // Reopened and done again after the deadline: done late.
  auto reopened = assess_task(fund_task(),
                              {task_entry(1, "2019Q3", TaskState::done),
                               task_entry(2, "2019Q4", TaskState::in_progress),
                               task_entry(3, "2020Q1", TaskState::done)},
                              quarterly("2020-04-10"));
  EXPECT_EQ(status(reopened), "done_late");
}

TEST(AssessTask, overdue_once_the_deadline_passed_without_done) {
  std::vector<Entry> entries{task_entry(1, "2019Q4", TaskState::in_progress)};
  EXPECT_EQ(status(assess_task(fund_task(), entries, quarterly("2019-12-31"))), "in_progress");
  EXPECT_EQ(status(assess_task(fund_task(), entries, quarterly("2020-01-01"))), "overdue");
  // Suspended does not excuse a missed deadline.
  entries.push_back(task_entry(2, "2019-12-31", TaskState::suspended));
  EXPECT_EQ(status(assess_task(fund_task(), entries, quarterly("2020-01-01"))), "overdue");
  EXPECT_TRUE(in_trouble(TaskStatus::overdue));
  EXPECT_FALSE(in_trouble(TaskStatus::done_late));
}

TEST(AssessTask, no_data_comes_before_overdue) {
  // SPEC's order: a task never updated is no_data, even past its deadline.
  EXPECT_EQ(status(assess_task(fund_task(), {}, quarterly("2020-06-30"))), "no_data");
}

TEST(AssessTask, step_late_when_a_step_date_passed_with_no_entry_naming_it) {
  std::vector<Entry> entries{task_entry(1, "2019Q1", TaskState::in_progress)};
  auto a = assess_task(fund_task(), entries, quarterly("2019-04-01"));
  EXPECT_THAT(a.flags, ElementsAre(Flag::step_late));
  ASSERT_EQ(a.steps.size(), 2u);
  EXPECT_TRUE(a.steps[0].late);
  EXPECT_FALSE(a.steps[1].late); // 2019-09-30 has not passed
  // On the step's own date it is not late yet.
  EXPECT_FALSE(assess_task(fund_task(), entries, quarterly("2019-03-31")).has_flag(Flag::step_late));
}

TEST(AssessTask, a_step_named_by_an_entry_is_completed_even_when_reported_late) {
  std::vector<Entry> entries{task_entry(1, "2019-04-15", TaskState::in_progress, "", "rules")};
  auto a = assess_task(fund_task(), entries, quarterly("2019-05-01"));
  EXPECT_FALSE(a.has_flag(Flag::step_late));
  EXPECT_EQ(a.steps[0].completed, day("2019-04-15"));
  EXPECT_FALSE(a.steps[0].late);
}

TEST(AssessTask, a_done_task_raises_no_step_late) {
  auto a = assess_task(fund_task(), {task_entry(1, "2019-10-31", TaskState::done)},
                       quarterly("2019-11-01"));
  EXPECT_EQ(status(a), "done");
  EXPECT_FALSE(a.has_flag(Flag::step_late));
}

TEST(AssessTask, stale_when_the_latest_report_is_more_than_one_cadence_old) {
  std::vector<Entry> entries{task_entry(1, "2019Q1", TaskState::in_progress, "", "rules")};
  EXPECT_FALSE(assess_task(fund_task(), entries, quarterly("2019-06-30")).has_flag(Flag::stale));
  EXPECT_TRUE(assess_task(fund_task(), entries, quarterly("2019-07-01")).has_flag(Flag::stale));
  // Not once done, and not after the deadline (docs/assessment.md).
  std::vector<Entry> done{task_entry(1, "2019Q1", TaskState::done)};
  EXPECT_FALSE(assess_task(fund_task(), done, quarterly("2019-11-01")).has_flag(Flag::stale));
  auto overdue = assess_task(fund_task(), entries, quarterly("2020-03-01"));
  EXPECT_EQ(status(overdue), "overdue");
  EXPECT_FALSE(overdue.has_flag(Flag::stale));
}

TEST(AssessTask, stale_without_a_deadline_goes_on) {
  auto a = assess_task(open_ended_task(), {task_entry(1, "2019Q1", TaskState::in_progress)},
                       quarterly("2021-01-01"));
  EXPECT_EQ(status(a), "in_progress");
  EXPECT_TRUE(a.has_flag(Flag::stale));
}

TEST(AssessTask, evidence_is_gathered_once_in_order_and_the_latest_note_is_kept) {
  Entry first = task_entry(1, "2019Q1", TaskState::in_progress, "起草中");
  first.evidence = {"海政发〔2019〕1号", "会议纪要"};
  Entry second = task_entry(2, "2019Q2", TaskState::in_progress); // no note this time
  second.evidence = {"会议纪要", "区政府网站通知"};
  auto a = assess_task(fund_task(), {second, first}, quarterly("2019-07-01"));
  EXPECT_THAT(a.evidence, ElementsAre("海政发〔2019〕1号", "会议纪要", "区政府网站通知"));
  EXPECT_EQ(a.note, "起草中");
}

TEST(AssessTask, entries_of_targets_are_not_read_as_states) {
  Entry value = support::entry(1, "2019Q1", 5); // no state: a target's entry
  EXPECT_EQ(status(assess_task(fund_task(), {value}, quarterly("2019-07-01"))), "no_data");
}

} // namespace
} // namespace plantrack::assess
