// Unit tests of the task views' pieces: the labels of task statuses and states (labels.hpp),
// excerpts by display width (table.hpp), the task colours and table (status_view.hpp), and the
// completion rulings of tasks (audit/completion.hpp).

#include "audit/completion.hpp"
#include "report/labels.hpp"
#include "report/status_view.hpp"
#include "report/table.hpp"
#include "support/dates.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace plantrack::report {
namespace {

using assess::TaskStatus;
using support::ymd;

const Label* find(std::string_view key) {
  const auto& all = all_labels();
  auto it = std::find_if(all.begin(), all.end(), [&](const Label& l) { return l.key == key; });
  return it == all.end() ? nullptr : &*it;
}

TEST(TaskLabels, every_task_status_and_state_has_its_chinese_and_english_label) {
  for (auto s : enum_values<TaskStatus>()) {
    EXPECT_EQ(label_key(s), "task_" + std::string(to_string(s)));
    const Label* row = find(label_key(s));
    ASSERT_NE(row, nullptr) << to_string(s);
    EXPECT_EQ(label(Lang::zh, s), row->zh);
    EXPECT_EQ(label(Lang::en, s), row->en);
  }
  for (auto s : enum_values<TaskState>()) {
    EXPECT_EQ(label_key(s), "state_" + std::string(to_string(s)));
    ASSERT_NE(find(label_key(s)), nullptr) << to_string(s);
  }
}

TEST(TaskLabels, states_and_statuses_in_chinese_and_english) {
  EXPECT_EQ(label(Lang::zh, TaskState::not_started), "未启动");
  EXPECT_EQ(label(Lang::zh, TaskState::in_progress), "推进中");
  EXPECT_EQ(label(Lang::zh, TaskState::done), "已完成");
  EXPECT_EQ(label(Lang::zh, TaskState::suspended), "暂缓");
  EXPECT_EQ(label(Lang::zh, TaskStatus::no_data), "无数据");
  EXPECT_EQ(label(Lang::zh, TaskStatus::done), "按期完成");
  EXPECT_EQ(label(Lang::zh, TaskStatus::done_late), "逾期完成");
  EXPECT_EQ(label(Lang::zh, TaskStatus::overdue), "已逾期");
  EXPECT_EQ(label(Lang::zh, TaskStatus::suspended), "暂缓");
  EXPECT_EQ(label(Lang::en, TaskStatus::done_late), "done late");
  EXPECT_EQ(label(Lang::en, TaskState::in_progress), "in progress");
  // "done" the state and "done" the status read differently in Chinese.
  EXPECT_NE(label(Lang::zh, TaskState::done), label(Lang::zh, TaskStatus::done));
}

TEST(TaskLabels, task_rulings) {
  EXPECT_EQ(label(Lang::zh, audit::Ruling::completed), "按期完成");
  EXPECT_EQ(label(Lang::zh, audit::Ruling::completed_late), "逾期完成");
  EXPECT_EQ(label(Lang::zh, audit::Ruling::not_completed), "未完成");
  EXPECT_EQ(label(Lang::en, audit::Ruling::open), "open (no deadline)");
}

TEST(Excerpt, cuts_by_display_width_and_flattens_lines) {
  EXPECT_EQ(excerpt("短", 10), "短");
  EXPECT_EQ(excerpt("第一行\n第二行", 20), "第一行 第二行");
  EXPECT_EQ(excerpt("平台一期上线二期招标", 9), "平台一期…"); // 4 ideographs (8) + … (1)
  EXPECT_EQ(display_width(excerpt("平台一期上线二期招标", 10)), 9); // a wide char never splits
  EXPECT_EQ(excerpt("abcdefghij", 5), "abcd…");
  EXPECT_EQ(excerpt("abcde", 5), "abcde");
}

TEST(TaskStatusColor, overdue_red_done_green_late_and_suspended_yellow) {
  EXPECT_EQ(status_color(TaskStatus::overdue), "\x1b[31m");
  EXPECT_EQ(status_color(TaskStatus::done), "\x1b[32m");
  EXPECT_EQ(status_color(TaskStatus::done_late), "\x1b[33m");
  EXPECT_EQ(status_color(TaskStatus::suspended), "\x1b[33m");
  EXPECT_EQ(status_color(TaskStatus::no_data), "\x1b[2m");
  EXPECT_EQ(status_color(TaskStatus::in_progress), "");
}

TEST(TasksTable, the_latest_note_is_cut_to_the_note_width) {
  Task t;
  t.id = "meeting";
  t.title = "定期召开联席会议";
  t.responsible = {"区科委"};
  assess::TaskAssessment a;
  a.status = TaskStatus::in_progress;
  a.state = TaskState::in_progress;
  a.last_period = "2019Q2";
  a.note = "第一次联席会议已召开,\n第二次会议议题正在征集";
  std::string out = tasks_table({{t, a}}, Lang::en, false, 12);
  EXPECT_EQ(out,
            "task     title             deadline  state        status       flags  last update  "
            "responsible  support  latest progress\n"
            "-------  ----------------  --------  -----------  -----------  -----  -----------  "
            "-----------  -------  ---------------\n"
            "meeting  定期召开联席会议  -         in progress  in progress         2019Q2       "
            "区科委       -        第一次联席…\n");
}


// ---------------------------------------------------------------------------------------------
// Completion rulings of tasks

Plan plan_with(std::vector<Task> tasks) {
  Plan p;
  p.id = "demo";
  p.title = "示例规划";
  p.start = ymd(2016, 1, 1);
  p.end = ymd(2020, 12, 31);
  p.cadence = Cadence::year;
  p.tasks = std::move(tasks);
  return p;
}

Task task(const std::string& id, std::optional<Date> deadline) {
  Task t;
  t.id = id;
  t.title = id;
  t.deadline = deadline;
  t.source = id;
  return t;
}

Entry state_entry(std::int64_t id, const std::string& task_id, const std::string& period,
                  TaskState state) {
  Entry e;
  e.id = id;
  e.plan_id = "demo";
  e.target_id = task_id;
  e.period = parse_period(period);
  e.value_text = std::string(to_string(state));
  e.state = state;
  e.recorded_at = support::shanghai(2019, 1, 1, 9);
  return e;
}

audit::Ruling ruling_of(const audit::CompletionAudit& a, const std::string& id) {
  for (const auto& t : a.tasks)
    if (t.task.id == id) return t.ruling;
  ADD_FAILURE() << "no task " << id;
  return audit::Ruling::not_due;
}

TEST(TaskCompletion, rulings_follow_the_task_status_and_deadline) {
  auto plan = plan_with({task("on-time", ymd(2018, 12, 31)), task("late", ymd(2018, 6, 30)),
                         task("open", std::nullopt), task("running", ymd(2020, 12, 31)),
                         task("missed", ymd(2018, 12, 31)), task("silent", ymd(2018, 12, 31)),
                         task("suspended", ymd(2018, 12, 31))});
  std::vector<Entry> entries{
      state_entry(1, "on-time", "2018Q3", TaskState::done),
      state_entry(2, "late", "2018Q3", TaskState::done),
      state_entry(3, "open", "2018", TaskState::in_progress),
      state_entry(4, "running", "2018", TaskState::in_progress),
      state_entry(5, "missed", "2018", TaskState::in_progress),
      state_entry(6, "suspended", "2018", TaskState::suspended),
  };
  auto a = audit::audit_completion(plan, entries, ymd(2019, 6, 30), support::shanghai(2019, 6, 30, 16));
  ASSERT_EQ(a.tasks.size(), 7u);
  EXPECT_EQ(ruling_of(a, "on-time"), audit::Ruling::completed);
  EXPECT_EQ(ruling_of(a, "late"), audit::Ruling::completed_late);
  EXPECT_EQ(ruling_of(a, "open"), audit::Ruling::open);
  EXPECT_EQ(ruling_of(a, "running"), audit::Ruling::not_due);
  EXPECT_EQ(ruling_of(a, "missed"), audit::Ruling::not_completed);
  EXPECT_EQ(ruling_of(a, "silent"), audit::Ruling::unverifiable);
  EXPECT_EQ(ruling_of(a, "suspended"), audit::Ruling::not_completed);
  EXPECT_EQ(a.tasks[0].evidence.size(), 1u);
  EXPECT_EQ(a.tasks[0].evidence[0].entry.id, 1);
}

TEST(TaskCompletion, evidence_counts_entries_after_the_deadline_but_not_after_the_as_of_date) {
  auto plan = plan_with({task("late", ymd(2018, 6, 30))});
  std::vector<Entry> entries{state_entry(1, "late", "2018Q1", TaskState::in_progress),
                             state_entry(2, "late", "2018Q3", TaskState::done),
                             state_entry(3, "late", "2019Q3", TaskState::done)};
  auto a = audit::audit_completion(plan, entries, ymd(2019, 6, 30), support::shanghai(2019, 6, 30, 16));
  ASSERT_EQ(a.tasks.size(), 1u);
  ASSERT_EQ(a.tasks[0].evidence.size(), 2u);
  EXPECT_EQ(a.tasks[0].evidence[1].entry.id, 2);
  EXPECT_EQ(a.tasks[0].result.done_on, ymd(2018, 9, 30));
}

} // namespace
} // namespace plantrack::report
