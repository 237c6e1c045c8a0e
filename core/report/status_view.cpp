#include "report/status_view.hpp"

#include "model/text.hpp"
#include "report/table.hpp"

#include <fmt/format.h>

#include <cmath>

namespace plantrack::report {
namespace {

using json = nlohmann::ordered_json;

json number_or_null(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

std::string cell(const std::optional<double>& v, std::optional<int> precision) {
  return v ? format_value(*v, precision) : "-";
}

} // namespace

std::string target_text(const Target& t) {
  if (t.rule == Rule::done) return "done";
  if (t.rule == Rule::none) return "-";
  // A referenced value is named by its target: the number moves with it.
  std::string v = t.value_ref ? t.value_ref->plan_id + "/" + t.value_ref->target_id
                              : format_value(t.value, t.precision);
  std::string body;
  switch (t.rule) {
  case Rule::at_least: body = "≥" + v; break;
  case Rule::more_than: body = ">" + v; break;
  case Rule::at_most:
  case Rule::keep_at_most: body = "≤" + v; break;
  case Rule::less_than: body = "<" + v; break;
  case Rule::between:
    body = format_value(t.min.value_or(0), t.precision) + ".." +
           format_value(t.max.value_or(0), t.precision);
    break;
  case Rule::done:
  case Rule::none: break;
  }
  return t.unit.empty() ? body : body + " " + t.unit;
}

std::string target_cell(const Target& t, const assess::Assessment& a, const std::string& note) {
  if (t.rule == Rule::none) return "-";
  std::vector<std::string> notes;
  std::string body = target_text(t);
  if (t.value_ref && a.has_target) {
    Target known = t;
    known.value_ref.reset();
    known.value = a.target_value;
    body = target_text(known);
    notes.push_back(t.value_ref->plan_id + "/" + t.value_ref->target_id);
  }
  if (!note.empty()) notes.push_back(note);
  return notes.empty() ? body : body + " (" + joined(notes, ", ") + ")";
}

std::vector<std::string> flag_names(const Target& target, const std::vector<assess::Flag>& flags) {
  std::vector<std::string> names;
  for (auto f : flags) names.emplace_back(to_string(f));
  if (target.strive) names.emplace_back("strive");
  return names;
}

std::string flags_cell(const Target& target, const std::vector<assess::Flag>& flags, Lang lang,
                       std::string_view separator) {
  std::string out;
  auto add = [&](std::string_view mark) {
    if (!out.empty()) out += separator;
    out += mark;
  };
  for (auto f : flags) add(label(lang, f));
  if (target.strive) add(label(lang, "strive"));
  if (target.nature == Nature::binding) add(label(lang, Nature::binding));
  return out;
}

std::string format_value(double value, std::optional<int> precision) {
  std::string s = fmt::format("{:.{}f}", value, precision.value_or(2));
  if (!precision) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  // A value that rounds to zero is shown without a sign.
  if (s.front() == '-' && s.find_first_not_of("-0.") == std::string::npos) s.erase(0, 1);
  return s;
}

json target_json(const Plan& plan, const Target& t, const assess::Assessment& a) {
  // A referenced value is the referenced target's value at t_c, when known.
  json target = t.rule == Rule::between                   ? json::array({t.min.value_or(0), t.max.value_or(0)})
                : t.rule == Rule::done || !a.has_target   ? json(nullptr)
                : t.value_ref                             ? json(a.target_value)
                                                          : json(t.value);
  json breach = a.first_breach
                    ? json{{"period", a.first_breach->period}, {"value", a.first_breach->value}}
                    : json(nullptr);
  json out = {
      {"ref", plan.id + "/" + t.id},
      {"title", t.title},
      {"unit", t.unit},
      {"kind", to_string(t.kind)},
      {"rule", to_string(t.rule)},
      {"target", target},
      {"deadline", format_date(t.deadline)},
      {"baseline", a.baseline ? json(a.baseline->value) : json(nullptr)},
      {"baseline_date", a.baseline ? json(format_date(a.baseline->t)) : json(nullptr)},
      {"current", number_or_null(a.current)},
      {"current_period", a.current_period ? json(*a.current_period) : json(nullptr)},
      {"expected", number_or_null(a.expected)},
      {"ratio", number_or_null(a.ratio)},
      {"gap", number_or_null(a.gap)},
      {"shortfall", number_or_null(a.shortfall)},
      {"progress_pct", number_or_null(a.progress_pct)},
      {"forecast", number_or_null(a.forecast)},
      {"needed_per_year", number_or_null(a.needed_per_year)},
      {"status", to_string(a.status)},
      {"flags", flag_names(t, a.flags)},
      {"first_breach", breach},
      {"responsible", t.responsible},
      {"support", t.support},
      {"nature", to_string(t.nature)},
  };
  // What the second edition's kinds add, only where they apply.
  if (t.value_ref) out["target_ref"] = t.value_ref->plan_id + "/" + t.value_ref->target_id;
  if (t.kind == Kind::growth) {
    out["of"] = plan.id + "/" + t.of;
    out["basis"] = to_string(t.basis);
  }
  if (t.kind == Kind::ratio) out["inconsistent_periods"] = a.inconsistent_periods;
  if (t.kind == Kind::rank) out["incomplete_periods"] = a.incomplete_periods;
  if (t.clear_within)
    out["open_exceedance"] =
        a.open_exceedance ? json{{"period", a.open_exceedance->period},
                                 {"value", a.open_exceedance->value},
                                 {"clear_by", format_date(*a.clear_by)}}
                          : json(nullptr);
  return out;
}

json task_json(const Plan& plan, const Task& t, const assess::TaskAssessment& a) {
  std::vector<std::string> flags;
  for (auto f : a.flags) flags.emplace_back(to_string(f));
  json steps = json::array();
  for (const auto& s : a.steps)
    steps.push_back({{"id", s.step.id},
                     {"date", format_date(s.step.date)},
                     {"title", s.step.title},
                     {"completed", s.completed ? json(format_date(*s.completed)) : json(nullptr)},
                     {"late", s.late}});
  auto date_or_null = [](const std::optional<Date>& d) {
    return d ? json(format_date(*d)) : json(nullptr);
  };
  return {
      {"ref", plan.id + "/" + t.id},
      {"title", t.title},
      {"deadline", date_or_null(t.deadline)},
      {"state", a.state ? json(to_string(*a.state)) : json(nullptr)},
      {"status", to_string(a.status)},
      {"flags", flags},
      {"last_update", date_or_null(a.last_update)},
      {"note", a.note.empty() ? json(nullptr) : json(a.note)},
      {"responsible", t.responsible},
      {"support", t.support},
      {"last_period", a.last_period ? json(*a.last_period) : json(nullptr)},
      {"done_on", date_or_null(a.done_on)},
      {"evidence", a.evidence},
      {"steps", steps},
      {"appraisal", t.appraisal.empty() ? json(nullptr) : json(t.appraisal)},
  };
}

json plan_status_json(const engine::PlanAssessment& p) {
  json targets = json::array();
  for (const auto& [t, a] : p.targets) targets.push_back(target_json(p.plan, t, a));
  json tasks = json::array();
  for (const auto& [t, a] : p.tasks) tasks.push_back(task_json(p.plan, t, a));
  return {{"id", p.plan.id}, {"title", p.plan.title}, {"targets", targets}, {"tasks", tasks}};
}

json status_json(const engine::StatusReport& report) {
  json plans = json::array();
  for (const auto& p : report.plans) plans.push_back(plan_status_json(p));
  return {{"as_of", format_date(report.as_of)},
          {"known_at", format_timestamp(report.known_at)},
          {"plans", plans}};
}

std::string status_color(assess::Status s) {
  using assess::Status;
  switch (s) {
  case Status::on_track:
  case Status::achieved: return "\x1b[32m";
  case Status::at_risk: return "\x1b[33m";
  case Status::off_track:
  case Status::missed:
  case Status::breached: return "\x1b[31m";
  case Status::no_data:
  case Status::insufficient_data: return "\x1b[2m";
  case Status::monitored: return "";
  }
  return "";
}

std::string status_color(assess::TaskStatus s) {
  using assess::TaskStatus;
  switch (s) {
  case TaskStatus::done: return "\x1b[32m";
  case TaskStatus::done_late:
  case TaskStatus::suspended: return "\x1b[33m";
  case TaskStatus::overdue: return "\x1b[31m";
  case TaskStatus::no_data: return "\x1b[2m";
  case TaskStatus::in_progress:
  case TaskStatus::not_started: return "";
  }
  return "";
}

std::string task_flags_cell(const std::vector<assess::Flag>& flags, Lang lang,
                            std::string_view separator) {
  std::string out;
  for (auto f : flags) out += (out.empty() ? "" : std::string(separator)) + std::string(label(lang, f));
  return out;
}

std::string tasks_table(const std::vector<engine::TaskProgress>& tasks, Lang lang, bool color,
                        int note_width) {
  Table table;
  for (auto key : {"task", "title", "deadline", "state", "status", "flags", "last_update",
                   "responsible", "support", "latest_note"})
    table.header.emplace_back(label(lang, key));
  for (const auto& [t, a] : tasks) {
    table.rows.push_back({
        t.id,
        t.title,
        t.deadline ? format_date(*t.deadline) : "-",
        a.state ? std::string(label(lang, *a.state)) : "-",
        std::string(label(lang, a.status)),
        task_flags_cell(a.flags, lang, ","),
        a.last_period.value_or("-"),
        t.responsible.empty() ? "-" : joined(t.responsible, ","),
        t.support.empty() ? "-" : joined(t.support, ","),
        a.note.empty() ? "-" : excerpt(a.note, note_width),
    });
    if (color) {
      std::vector<std::string> colors(table.header.size());
      colors[4] = status_color(a.status);
      table.colors.push_back(std::move(colors));
    }
  }
  return render(table);
}

std::string status_block(const engine::PlanAssessment& p, Date as_of, Lang lang, bool color) {
  std::string out = fmt::format("{} {}  ({} {})\n", p.plan.id, p.plan.title, label(lang, "as_of"),
                                format_date(as_of));
  Table table;
  for (auto key : {"ref", "title", "current", "period", "target", "gap", "progress", "ratio",
                   "forecast", "needed_per_year", "status", "flags"})
    table.header.emplace_back(label(lang, key));
  table.right_aligned = {false, false, true,  false, true,  true,
                         true,  true,  true,  true,  false, false};
  for (const auto& [t, a] : p.targets) {
    std::string flags = flags_cell(t, a.flags, lang, ",");
    const std::string& title = title_in(lang, t);
    std::string current = !a.current ? "-"
                          : t.kind == Kind::milestone
                              ? std::string(*a.current >= 1 ? "done" : "not done")
                              : format_value(*a.current, t.precision) + " " + t.unit;
    table.rows.push_back({
        t.id,
        title,
        current,
        a.current_period.value_or("-"),
        target_cell(t, a),
        t.kind == Kind::milestone ? "-" : cell(a.gap, t.precision),
        a.progress_pct ? format_value(*a.progress_pct, 1) : "-",
        a.ratio ? format_value(*a.ratio, 2) : "-",
        cell(a.forecast, t.precision),
        cell(a.needed_per_year, t.precision),
        std::string(label(lang, a.status)) +
            (a.first_breach ? fmt::format(" {}:{}", a.first_breach->period,
                                          format_value(a.first_breach->value, t.precision))
                            : "") +
            // An exceedance still within clear_within, and the date it must be cleared by.
            (a.open_exceedance && a.clear_by
                 ? fmt::format(" {}:{} ({} {})", a.open_exceedance->period,
                               format_value(a.open_exceedance->value, t.precision),
                               label(lang, "clear_by"), format_date(*a.clear_by))
                 : ""),
        flags,
    });
    if (color) {
      std::vector<std::string> colors(table.header.size());
      colors[10] = status_color(a.status);
      table.colors.push_back(std::move(colors));
    }
  }
  if (table.rows.empty() && p.tasks.empty()) out += fmt::format("({})\n", label(lang, "no_items"));
  if (!table.rows.empty()) out += render(table);
  if (!p.tasks.empty()) out += (table.rows.empty() ? "" : "\n") + tasks_table(p.tasks, lang, color);
  return out;
}

std::string status_table(const engine::StatusReport& report, Lang lang, bool color) {
  std::string out;
  for (const auto& p : report.plans) {
    if (!out.empty()) out += "\n";
    out += status_block(p, report.as_of, lang, color);
  }
  return out;
}

StatusWriter::StatusWriter(std::ostream& out, Format format, Date as_of, Timestamp known_at,
                           Lang lang, bool color)
    : out_(out), format_(format), as_of_(as_of), known_at_(known_at), lang_(lang),
      color_(color) {}

void StatusWriter::plan(const engine::PlanAssessment& p) {
  if (format_ == Format::table) {
    if (plans_ > 0) out_ << "\n";
    out_ << status_block(p, as_of_, lang_, color_);
  } else {
    // The bytes status_json(report).dump(2) has for this plan: nested two levels deep.
    if (plans_ == 0)
      out_ << "{\n  \"as_of\": " << json(format_date(as_of_)).dump() << ",\n  \"known_at\": "
           << json(format_timestamp(known_at_)).dump() << ",\n  \"plans\": [\n";
    else
      out_ << ",\n";
    std::string text = plan_status_json(p).dump(2);
    std::string indented = "    ";
    indented.reserve(text.size() + text.size() / 8);
    for (char c : text) {
      indented += c;
      if (c == '\n') indented += "    "; // JSON strings hold no raw line breaks
    }
    out_ << indented;
  }
  for (const auto& t : p.targets) trouble_ = trouble_ || assess::in_trouble(t.result.status);
  for (const auto& t : p.tasks) trouble_ = trouble_ || assess::in_trouble(t.result.status);
  ++plans_;
}

void StatusWriter::finish() {
  if (format_ == Format::json) {
    if (plans_ == 0)
      out_ << "{\n  \"as_of\": " << json(format_date(as_of_)).dump() << ",\n  \"known_at\": "
           << json(format_timestamp(known_at_)).dump() << ",\n  \"plans\": []\n}\n";
    else
      out_ << "\n  ]\n}\n";
  }
  out_.flush();
}

} // namespace plantrack::report
