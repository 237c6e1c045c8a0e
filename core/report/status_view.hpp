#pragma once
// The status report as a table or as the JSON object of SPEC §3.

#include "engine/evaluate.hpp"
#include "report/labels.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace plantrack::report {

// One target's object in `status --format json` (SPEC §3).
nlohmann::ordered_json target_json(const Plan& plan, const Target& target,
                                   const assess::Assessment& result);

// One task's object in `status --format json` (SPEC §3): ref, title, deadline, state, status,
// flags, last_update, note (the latest narrative), responsible, support; then last_period,
// done_on, evidence, steps and appraisal.
nlohmann::ordered_json task_json(const Plan& plan, const Task& task,
                                 const assess::TaskAssessment& result);

// SPEC §3 `status --format json`: numbers at full precision, absent values null.
nlohmann::ordered_json status_json(const engine::StatusReport& report);

// One plan's object in `status --format json`: id, title, targets, tasks.
nlohmann::ordered_json plan_status_json(const engine::PlanAssessment& plan);

// The status table, one block per plan; `color` paints the status (green, yellow, red).
std::string status_table(const engine::StatusReport& report, Lang lang, bool color = false);

// One plan's block of the status table: its heading, its targets, its tasks.
std::string status_block(const engine::PlanAssessment& plan, Date as_of, Lang lang, bool color);

// Writes `status` plan by plan as the plans are assessed (engine::evaluate_each), holding
// none of them: the same bytes as status_table, or as status_json(report).dump(2) and a line
// break. finish() closes the JSON document.
class StatusWriter {
public:
  enum class Format { table, json };
  StatusWriter(std::ostream& out, Format format, Date as_of, Timestamp known_at, Lang lang,
               bool color);
  void plan(const engine::PlanAssessment& plan);
  void finish();
  // Whether a plan written had a target off_track, missed or breached, or a task overdue.
  bool trouble() const { return trouble_; }

private:
  std::ostream& out_;
  Format format_;
  Date as_of_;
  Timestamp known_at_;
  Lang lang_;
  bool color_;
  size_t plans_ = 0;
  bool trouble_ = false;
};

// The ANSI colour of a status: green on track or achieved, yellow at risk, red in trouble,
// dim without data.
std::string status_color(assess::Status s);

// The ANSI colour of a task status: green done, yellow done late or suspended, red overdue,
// dim without data, plain otherwise.
std::string status_color(assess::TaskStatus s);

// A plan's tasks as a table: id, title, deadline, state, status, flags, last update, orgs and
// the latest note cut to `note_width` columns; `color` paints the status.
std::string tasks_table(const std::vector<engine::TaskProgress>& tasks, Lang lang, bool color,
                        int note_width = 30);

// The flags of a task in `lang`, joined by `separator`.
std::string task_flags_cell(const std::vector<assess::Flag>& flags, Lang lang,
                            std::string_view separator);

// The names of `flags`, in order, then "strive" for a target the document says 力争 of: the
// flags as JSON and CSV list them (SPEC §1: strive is shown as a flag).
std::vector<std::string> flag_names(const Target& target, const std::vector<assess::Flag>& flags);

// The flags column of tables and reports in `lang`: the flags, then 力争 (strive) and
// 约束性 (binding) marks, joined by `separator`.
std::string flags_cell(const Target& target, const std::vector<assess::Flag>& flags, Lang lang,
                       std::string_view separator);

// "≥5000 件", "done", "10..20 %": the rule and value of a target, for tables.
std::string target_text(const Target& target);

// The target column of tables: target_text, then `note` (e.g. the deadline) in parentheses.
// A referenced value shows the referenced target's value at t_c and names it ("≥12.5 %
// (bj/avg)"), or the rule with the reference while that value is unknown; a monitor has none
// ("-").
std::string target_cell(const Target& target, const assess::Assessment& result,
                        const std::string& note = "");

// A value for a table cell: `precision` decimals if set, else up to two, trailing zeros cut.
std::string format_value(double value, std::optional<int> precision = std::nullopt);

} // namespace plantrack::report
