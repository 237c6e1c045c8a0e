#include "report/document.hpp"

#include "io/csv.hpp"
#include "model/text.hpp"
#include "report/chart.hpp"
#include "report/entries_view.hpp"
#include "report/markup.hpp"
#include "report/scorecard_view.hpp"
#include "report/status_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace plantrack::report {
namespace {

using json = nlohmann::ordered_json;
using assess::Status;
using assess::TaskStatus;

// Statuses that need attention, listed first in the summary.
std::string value_cell(const std::optional<double>& v, const Target& t) {
  return v ? format_value(*v, t.precision) : "-";
}

std::string current_cell(const engine::TargetDetail& d) {
  const auto& a = d.result;
  if (!a.current) return "-";
  if (d.target.kind == Kind::milestone) return *a.current >= 1 ? "done" : "not done";
  return format_value(*a.current, d.target.precision) +
         (d.target.unit.empty() ? "" : " " + d.target.unit) + " (" + a.current_period.value_or("") + ")";
}


// The plan's tasks, overdue ones first, then in the order of SPEC §2's task statuses; tasks of
// one status keep the plan's order.
std::vector<const engine::TaskDetail*> tasks_in_order(const engine::PlanDetail& p) {
  std::vector<const engine::TaskDetail*> tasks;
  for (const auto& t : p.tasks) tasks.push_back(&t);
  std::stable_sort(tasks.begin(), tasks.end(), [](const auto* x, const auto* y) {
    auto key = [](TaskStatus s) { return std::pair{!assess::in_trouble(s), s}; };
    return key(x->result.status) < key(y->result.status);
  });
  return tasks;
}

// The report's sections, shared by md and html: metadata rows, status counts, the targets
// grouped by goal with troubled ones first in the summary, and the tasks.
struct Outline {
  std::vector<std::pair<std::string, std::string>> meta;
  std::map<Status, int> counts;
  std::vector<const engine::TargetDetail*> trouble;
  std::vector<std::pair<const Goal*, std::vector<const engine::TargetDetail*>>> goals;
  std::map<TaskStatus, int> task_counts;
  std::vector<const engine::TaskDetail*> overdue;
  std::vector<const engine::TaskDetail*> tasks; // tasks_in_order
};

Outline outline(const engine::PlanDetail& p, const ReportInfo& info, Lang lang) {
  Outline o;
  auto add = [&](std::string_view key, std::string value) {
    o.meta.emplace_back(label(lang, key), std::move(value));
  };
  add("plan", p.plan.id + " " + p.plan.title);
  add("issuer", p.plan.issuer);
  add("report_period", info.period.empty() ? "-" : info.period);
  add("as_of", format_date(p.as_of));
  add("known_at", format_local(p.known_at, display_zone));
  add("generated", info.generated_by + ", " + format_local(info.generated_at, display_zone));
  add("data_digest", p.digest);
  for (const auto& t : p.targets) {
    ++o.counts[t.result.status];
    if (assess::in_trouble(t.result.status)) o.trouble.push_back(&t);
  }
  for (const auto& g : p.plan.goals) {
    std::vector<const engine::TargetDetail*> in_goal;
    for (const auto& t : p.targets)
      if (t.target.goal == g.id) in_goal.push_back(&t);
    if (!in_goal.empty()) o.goals.push_back({&g, in_goal});
  }
  o.tasks = tasks_in_order(p);
  for (const auto* t : o.tasks) {
    ++o.task_counts[t->result.status];
    if (assess::in_trouble(t->result.status)) o.overdue.push_back(t);
  }
  return o;
}

std::vector<std::string> task_columns(Lang lang) {
  std::vector<std::string> h;
  for (auto key : {"task", "title", "status", "flags", "deadline", "state", "last_update",
                   "responsible", "support", "latest_note", "evidence"})
    h.emplace_back(label(lang, key));
  return h;
}

std::vector<std::string> task_cells(const engine::TaskDetail& d, Lang lang) {
  const Task& t = d.task;
  const auto& a = d.result;
  auto or_dash = [](std::string s) { return s.empty() ? std::string("-") : s; };
  return {t.id,
          t.title,
          std::string(label(lang, a.status)),
          task_flags_cell(a.flags, lang, ", "),
          t.deadline ? format_date(*t.deadline) : "-",
          a.state ? std::string(label(lang, *a.state)) : "-",
          a.last_period.value_or("-"),
          or_dash(joined(t.responsible, ", ")),
          or_dash(joined(t.support, ", ")),
          or_dash(a.note),
          or_dash(joined(a.evidence, "; "))};
}

std::vector<std::string> target_columns(Lang lang) {
  std::vector<std::string> h;
  for (auto key : {"ref", "title", "current", "target", "gap", "progress", "expected", "forecast",
                   "needed_per_year", "status", "flags", "responsible", "support", "nature"})
    h.emplace_back(label(lang, key));
  return h;
}

std::vector<std::string> target_cells(const engine::TargetDetail& d, Lang lang) {
  const Target& t = d.target;
  const auto& a = d.result;
  std::string status(label(lang, a.status));
  if (a.first_breach)
    status += fmt::format(" ({} {})", a.first_breach->period, format_value(a.first_breach->value));
  if (a.open_exceedance && a.clear_by)
    status += fmt::format(" ({} {}, {} {})", a.open_exceedance->period,
                          format_value(a.open_exceedance->value), label(lang, "clear_by"),
                          format_date(*a.clear_by));
  return {t.id,
          title_in(lang, t),
          current_cell(d),
          target_cell(t, a, format_date(t.deadline)),
          t.kind == Kind::milestone ? "-" : value_cell(a.gap, t),
          a.progress_pct ? format_value(*a.progress_pct, 1) : "-",
          value_cell(d.expected_now, t),
          value_cell(a.forecast, t),
          value_cell(a.needed_per_year, t),
          status,
          flags_cell(t, a.flags, lang, ", "),
          joined(t.responsible, ", "),
          joined(t.support, ", "),
          std::string(label(lang, t.nature))};
}

std::string md_row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const auto& c : cells) out += " " + md_cell(c) + " |";
  return out + "\n";
}

std::string render_md(const engine::PlanDetail& p, const ReportInfo& info, Lang lang) {
  Outline o = outline(p, info, lang);
  std::string out =
      fmt::format("# {}: {}\n\n", label(lang, "status_report"), md_cell(p.plan.title));
  out += md_row({std::string(label(lang, "item")), std::string(label(lang, "content"))}) +
         "| --- | --- |\n";
  for (const auto& [k, v] : o.meta) out += md_row({k, v});
  out += fmt::format("\n## {}\n\n", label(lang, "summary"));
  out += md_row({std::string(label(lang, "status")), std::string(label(lang, "targets"))}) +
         "| --- | ---: |\n";
  for (auto s : enum_values<Status>())
    if (o.counts.count(s)) out += md_row({std::string(label(lang, s)), std::to_string(o.counts[s])});
  if (!o.tasks.empty()) {
    out += "\n" + md_row({std::string(label(lang, "status")), std::string(label(lang, "task_count"))}) +
           "| --- | ---: |\n";
    for (auto s : enum_values<TaskStatus>())
      if (o.task_counts.count(s))
        out += md_row({std::string(label(lang, s)), std::to_string(o.task_counts[s])});
  }
  if (!o.trouble.empty()) {
    out += fmt::format("\n{}:\n\n", label(lang, "needs_attention"));
    for (const auto* t : o.trouble)
      out += fmt::format("- **{}** {}: {}\n", md_cell(t->target.id), md_cell(title_in(lang, t->target)),
                         label(lang, t->result.status));
  }
  if (!o.overdue.empty()) {
    out += fmt::format("\n{}:\n\n", label(lang, "tasks_overdue"));
    for (const auto* t : o.overdue)
      out += fmt::format("- **{}** {}: {} ({} {})\n", md_cell(t->task.id), md_cell(t->task.title),
                         label(lang, t->result.status), label(lang, "deadline"),
                         format_date(*t->task.deadline));
  }
  for (const auto& [goal, targets] : o.goals) {
    out += fmt::format("\n## {}\n\n", md_cell(goal->title));
    auto header = target_columns(lang);
    out += md_row(header) + "|";
    for (size_t i = 0; i < header.size(); ++i) out += " --- |";
    out += "\n";
    for (const auto* t : targets) out += md_row(target_cells(*t, lang));
  }
  if (!o.tasks.empty()) {
    out += fmt::format("\n## {}\n\n", label(lang, "tasks"));
    auto header = task_columns(lang);
    out += md_row(header) + "|";
    for (size_t i = 0; i < header.size(); ++i) out += " --- |";
    out += "\n";
    for (const auto* t : o.tasks) out += md_row(task_cells(*t, lang));
  }
  return out;
}

constexpr std::string_view html_style = R"css(
@page { size: A4; margin: 16mm 14mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", sans-serif; font-size: 10.5pt; color: #222;
       margin: 0 auto; max-width: 190mm; line-height: 1.45; }
h1 { font-size: 17pt; margin: 0 0 8pt; }
h2 { font-size: 13pt; margin: 16pt 0 6pt; border-bottom: 1px solid #999; }
h3 { font-size: 11pt; margin: 10pt 0 4pt; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
.status-on_track, .status-achieved { color: #1a7f37; font-weight: bold; }
.status-at_risk { color: #9a6700; font-weight: bold; }
.status-off_track, .status-missed, .status-breached { color: #cf222e; font-weight: bold; }
.status-no_data, .status-insufficient_data { color: #666; }
.status-done { color: #1a7f37; font-weight: bold; }
table.tasks td { font-size: 9.5pt; }
table.tasks th, table.tasks td:nth-child(n+2):nth-child(-n+4) { white-space: nowrap; }
table.tasks td:first-child { width: 30%; }
table.tasks td.note { width: 34%; }
table.tasks div.id, table.tasks div.flags { color: #666; font-size: 8.5pt; }
div.evidence { color: #555; margin-top: 2pt; }
ul.evidence { margin: 0; padding-left: 12pt; }
.status-done_late, .status-suspended { color: #9a6700; font-weight: bold; }
.status-overdue { color: #cf222e; font-weight: bold; }
.target-block, tr.task-row { break-inside: avoid; page-break-inside: avoid; }
svg.chart { width: 100%; height: auto; max-width: 170mm; }
svg .frame { fill: #fcfcfc; stroke: #ccc; }
svg .axis { font-size: 10px; fill: #555; }
svg .axis.end, svg .label { text-anchor: end; }
svg .label { font-size: 10px; fill: #333; }
svg .target { stroke: #cf222e; stroke-dasharray: 6 3; stroke-width: 1.2; }
svg .asof { stroke: #0969da; stroke-width: 1; }
svg .trajectory { fill: none; stroke: #8c959f; stroke-width: 1.5; }
svg .milestone { fill: #8c959f; }
svg .baseline { fill: #57606a; }
svg .actual { fill: none; stroke: #0969da; stroke-width: 1.8; }
svg .entry { fill: #0969da; }
svg .entry.corrected { fill: #bf8700; }
svg .ring { fill: none; stroke: #bf8700; stroke-width: 1.5; }
svg .superseded { fill: #fff; stroke: #8c959f; stroke-width: 1.5; }
svg .forecast { stroke: #0969da; stroke-dasharray: 3 3; stroke-width: 1.2; }
.legend { font-size: 9pt; color: #555; }
@media print { a { color: inherit; text-decoration: none; } }
)css";

// An evidence item: a link when it is an http(s) URL, else text.
std::string html_evidence(const std::string& item) {
  bool url = item.rfind("http://", 0) == 0 || item.rfind("https://", 0) == 0;
  return url ? fmt::format("<a href=\"{0}\">{0}</a>", html_escape(item)) : html_escape(item);
}

// The tasks section: one table, a row per task, overdue ones first (tasks_in_order); the
// latest narrative and the evidence sit in the row's last cell, so the whole list of a
// 任务分解表 reads on a page or two.
std::string html_tasks(const std::vector<const engine::TaskDetail*>& tasks, Lang lang) {
  auto header = task_columns(lang);
  // Six columns fit A4: the task (title, id), its status (flags under it), the deadline, the
  // latest state (with its period), the orgs (support under the lead) and the latest note
  // (evidence under it).
  std::string out = fmt::format(
      "<h2>{}</h2>\n<table class=\"tasks\">\n<tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
      "<th>{}</th><th>{}</th></tr>\n",
      html_escape(label(lang, "tasks")), html_escape(header[0]), html_escape(header[2]),
      html_escape(header[4]), html_escape(header[5]), html_escape(header[7]),
      html_escape(header[9]));
  for (const auto* t : tasks) {
    auto cells = task_cells(*t, lang);
    const auto& a = t->result;
    out += fmt::format("<tr class=\"task-row\" id=\"task-{}\"><td>{}<div class=\"id\">{}</div></td>",
                       html_escape(t->task.id), html_escape(cells[1]), html_escape(cells[0]));
    out += fmt::format("<td class=\"status-{}\">{}", to_string(a.status), html_escape(cells[2]));
    if (!a.flags.empty()) out += fmt::format("<div class=\"flags\">{}</div>", html_escape(cells[3]));
    out += fmt::format("</td><td>{}</td><td>{}", html_escape(cells[4]), html_escape(cells[5]));
    if (a.last_period) out += fmt::format("<div class=\"id\">{}</div>", html_escape(*a.last_period));
    out += fmt::format("</td><td>{}", html_escape(cells[7]));
    if (!t->task.support.empty())
      out += fmt::format("<div class=\"id\">{}: {}</div>", html_escape(header[8]),
                         html_escape(cells[8]));
    out += fmt::format("</td><td class=\"note\">{}", html_escape(a.note.empty() ? "-" : a.note));
    if (!a.evidence.empty()) {
      out += fmt::format("<div class=\"evidence\">{}:</div>\n<ul class=\"evidence\">\n",
                         html_escape(header[10]));
      for (const auto& item : a.evidence) out += "<li>" + html_evidence(item) + "</li>\n";
      out += "</ul>";
    }
    out += "</td></tr>\n";
  }
  return out + "</table>\n";
}

// What the legend adds for the charts of ranks, referenced values, monitors and growth rates
// the plan has (nothing for a plan without them).
std::string legend_for_kinds(const engine::PlanDetail& p, Lang lang) {
  auto any = [&](auto pred) {
    return std::any_of(p.targets.begin(), p.targets.end(),
                       [&](const engine::TargetDetail& d) { return pred(d.target); });
  };
  std::string out;
  auto add = [&](std::string_view key) {
    out += (lang == Lang::en ? " " : "") + std::string(label(lang, key));
  };
  if (any([](const Target& t) { return t.kind == Kind::rank; })) add("legend_rank");
  if (any([](const Target& t) { return t.value_ref.has_value(); })) add("legend_ref");
  if (any([](const Target& t) { return t.rule == Rule::none; })) add("legend_monitor");
  if (any([](const Target& t) { return t.kind == Kind::growth; })) add("legend_growth");
  return out;
}

std::string render_html(const engine::PlanDetail& p, const ReportInfo& info, Lang lang) {
  Outline o = outline(p, info, lang);
  std::string title = fmt::format("{}: {}", label(lang, "status_report"), p.plan.title);
  std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n"
                                "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<h1>{}</h1>\n",
                                label(lang, "html_lang"), html_escape(title), html_style, html_escape(title));
  out += "<table class=\"meta\">\n";
  for (const auto& [k, v] : o.meta)
    out += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", html_escape(k), html_escape(v));
  out += "</table>\n";
  out += fmt::format("<h2>{}</h2>\n<table class=\"summary\">\n<tr><th>{}</th><th>{}</th></tr>\n",
                     html_escape(std::string(label(lang, "summary"))),
                     html_escape(std::string(label(lang, "status"))), label(lang, "targets"));
  for (auto s : enum_values<Status>())
    if (o.counts.count(s))
      out += fmt::format("<tr><td class=\"status-{}\">{}</td><td class=\"num\">{}</td></tr>\n",
                         to_string(s), html_escape(std::string(label(lang, s))), o.counts[s]);
  out += "</table>\n";
  if (!o.trouble.empty()) {
    out += fmt::format("<p>{}:</p>\n<ul class=\"trouble\">\n", label(lang, "needs_attention"));
    for (const auto* t : o.trouble)
      out += fmt::format("<li><b>{}</b> {}: <span class=\"status-{}\">{}</span></li>\n",
                         html_escape(t->target.id), html_escape(title_in(lang, t->target)),
                         to_string(t->result.status),
                         html_escape(std::string(label(lang, t->result.status))));
    out += "</ul>\n";
  }
  if (!o.tasks.empty()) {
    out += fmt::format("<table class=\"summary tasks\">\n<tr><th>{}</th><th>{}</th></tr>\n",
                       html_escape(label(lang, "status")), html_escape(label(lang, "task_count")));
    for (auto s : enum_values<TaskStatus>())
      if (o.task_counts.count(s))
        out += fmt::format("<tr><td class=\"status-{}\">{}</td><td class=\"num\">{}</td></tr>\n",
                           to_string(s), html_escape(label(lang, s)), o.task_counts[s]);
    out += "</table>\n";
  }
  if (!o.overdue.empty()) {
    out += fmt::format("<p>{}:</p>\n<ul class=\"trouble tasks\">\n", html_escape(label(lang, "tasks_overdue")));
    for (const auto* t : o.overdue)
      out += fmt::format("<li><b>{}</b> {}: <span class=\"status-{}\">{}</span> ({} {})</li>\n",
                         html_escape(t->task.id), html_escape(t->task.title),
                         to_string(t->result.status), html_escape(label(lang, t->result.status)),
                         html_escape(label(lang, "deadline")), format_date(*t->task.deadline));
    out += "</ul>\n";
  }
  out += org_section_html(p, lang);
  out += fmt::format("<p class=\"legend\">{}{}</p>\n", label(lang, "chart_legend"),
                     legend_for_kinds(p, lang));
  for (const auto& [goal, targets] : o.goals) {
    out += fmt::format("<h2>{}</h2>\n", html_escape(goal->title));
    auto header = target_columns(lang);
    for (const auto* t : targets) {
      auto cells = target_cells(*t, lang);
      out += fmt::format("<div class=\"target-block\" id=\"{}\">\n<h3>{} {}</h3>\n<table>\n<tr>",
                         html_escape(t->target.id), html_escape(cells[0]), html_escape(cells[1]));
      for (size_t i = 2; i < header.size(); ++i) out += "<th>" + html_escape(header[i]) + "</th>";
      out += "</tr>\n<tr>";
      for (size_t i = 2; i < cells.size(); ++i) {
        bool is_status = i == 9;
        out += fmt::format("<td{}>{}</td>",
                           is_status ? fmt::format(" class=\"status-{}\"", to_string(t->result.status))
                                     : (i >= 4 && i <= 8 ? std::string(" class=\"num\"") : std::string()),
                           html_escape(cells[i]));
      }
      out += "</tr>\n</table>\n";
      if (t->target.kind != Kind::milestone) out += target_chart(*t, lang);
      out += "</div>\n";
    }
  }
  if (!o.tasks.empty()) out += html_tasks(o.tasks, lang);
  out += "</body>\n</html>\n";
  return out;
}

std::string csv_number(const std::optional<double>& v) { return v ? fmt::format("{}", *v) : ""; }

std::string render_csv(const engine::PlanDetail& p) {
  std::string out =
      "plan,goal,target,title,unit,kind,rule,target_value,deadline,current,current_period,gap,"
      "shortfall,progress_pct,expected,expected_now,ratio,forecast,needed_per_year,status,flags,"
      "responsible,support,nature,as_of";
  // A plan with tasks gets their columns at the end, so a plan of targets reads as it did.
  bool tasks = !p.tasks.empty();
  out += tasks ? ",state,last_update,note,evidence\r\n" : "\r\n";
  for (const auto& d : p.targets) {
    const Target& t = d.target;
    const auto& a = d.result;
    // A referenced value's target is the referenced value at t_c; a monitor has none.
    std::string target_value = t.rule == Rule::between ? csv_text(format_value(*t.min) + ".." + format_value(*t.max))
                               : t.rule == Rule::done || !a.has_target ? std::string()
                               : t.value_ref ? fmt::format("{}", a.target_value)
                                             : fmt::format("{}", t.value);
    std::vector<std::string> cells{
        csv_text(p.plan.id), csv_text(t.goal), csv_text(t.id), csv_text(t.title), csv_text(t.unit),
        csv_text(std::string(to_string(t.kind))), csv_text(std::string(to_string(t.rule))),
        target_value, format_date(t.deadline), csv_number(a.current),
        csv_text(a.current_period.value_or("")), csv_number(a.gap), csv_number(a.shortfall),
        csv_number(a.progress_pct), csv_number(a.expected), csv_number(d.expected_now),
        csv_number(a.ratio), csv_number(a.forecast), csv_number(a.needed_per_year),
        csv_text(std::string(to_string(a.status))), csv_text(joined(flag_names(t, a.flags), ";")),
        csv_text(joined(t.responsible, ";")), csv_text(joined(t.support, ";")),
        csv_text(std::string(to_string(t.nature))), format_date(p.as_of)};
    if (tasks) cells.insert(cells.end(), 4, "");
    out += joined(cells, ",") + "\r\n";
  }
  // Tasks after the targets, overdue first: kind `task`, the numeric columns empty, the
  // latest period as current_period, then the task's own columns.
  for (const auto* d : tasks_in_order(p)) {
    const Task& t = d->task;
    const auto& a = d->result;
    std::vector<std::string> flags;
    for (auto f : a.flags) flags.emplace_back(to_string(f));
    std::vector<std::string> cells{
        csv_text(p.plan.id), csv_text(t.goal), csv_text(t.id), csv_text(t.title), "", "task", "",
        "", t.deadline ? format_date(*t.deadline) : "", "", csv_text(a.last_period.value_or("")),
        "", "", "", "", "", "", "", "", csv_text(std::string(to_string(a.status))),
        csv_text(joined(flags, ";")), csv_text(joined(t.responsible, ";")),
        csv_text(joined(t.support, ";")), "", format_date(p.as_of),
        a.state ? std::string(to_string(*a.state)) : "",
        a.last_update ? format_date(*a.last_update) : "", csv_text(a.note),
        csv_text(joined(a.evidence, ";"))};
    out += joined(cells, ",") + "\r\n";
  }
  return out;
}

std::string render_json(const engine::PlanDetail& p, const ReportInfo& info) {
  json counts = json::object();
  std::map<Status, int> by_status;
  json trouble = json::array();
  json goals = json::array();
  for (const auto& t : p.targets) {
    ++by_status[t.result.status];
    if (assess::in_trouble(t.result.status)) trouble.push_back(p.plan.id + "/" + t.target.id);
  }
  for (auto s : enum_values<Status>()) counts[std::string(to_string(s))] = by_status[s];
  for (const auto& g : p.plan.goals) {
    json targets = json::array();
    for (const auto& t : p.targets)
      if (t.target.goal == g.id) {
        json item = target_json(p.plan, t.target, t.result);
        item["expected_now"] = t.expected_now ? json(*t.expected_now) : json(nullptr);
        targets.push_back(item);
      }
    goals.push_back({{"id", g.id}, {"title", g.title}, {"targets", targets}});
  }
  json task_counts = json::object();
  std::map<TaskStatus, int> by_task_status;
  json overdue = json::array();
  json tasks = json::array();
  for (const auto* t : tasks_in_order(p)) {
    ++by_task_status[t->result.status];
    if (assess::in_trouble(t->result.status)) overdue.push_back(p.plan.id + "/" + t->task.id);
    tasks.push_back(task_json(p.plan, t->task, t->result));
  }
  for (auto s : enum_values<TaskStatus>()) task_counts[std::string(to_string(s))] = by_task_status[s];
  json out = {{"plan", p.plan.id},
              {"title", p.plan.title},
              {"issuer", p.plan.issuer},
              {"period", info.period.empty() ? json(nullptr) : json(info.period)},
              {"as_of", format_date(p.as_of)},
              {"known_at", format_timestamp(p.known_at)},
              {"generated_by", info.generated_by},
              {"generated_at", format_timestamp(info.generated_at)},
              {"digest", p.digest},
              {"summary",
               {{"counts", counts},
                {"needs_attention", trouble},
                {"task_counts", task_counts},
                {"overdue_tasks", overdue}}},
              {"goals", goals},
              {"tasks", tasks}};
  return out.dump(2) + "\n";
}

} // namespace

bool is_report_format(std::string_view f) { return f == "md" || f == "html" || f == "csv" || f == "json"; }

std::string csv_text(const std::string& text) {
  std::string s = text;
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    s.insert(0, "'");
  return io::csv_field(s);
}

std::string render_report(const engine::PlanDetail& plan, const ReportInfo& info,
                          std::string_view format, Lang lang) {
  if (format == "html") return render_html(plan, info, lang);
  if (format == "csv") return render_csv(plan);
  if (format == "json") return render_json(plan, info);
  return render_md(plan, info, lang);
}

engine::RenderReport renderer(Lang lang) {
  return [lang](const engine::PlanDetail& plan, const ReportInfo& info, const std::string& format) {
    return render_report(plan, info, format, lang);
  };
}

} // namespace plantrack::report
