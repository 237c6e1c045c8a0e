#include "report/document.hpp"

#include "model/text.hpp"
#include "report/chart.hpp"
#include "report/entries_view.hpp"
#include "report/markup.hpp"
#include "report/scorecard_view.hpp"
#include "report/status_view.hpp"

#include <fmt/format.h>

#include <map>

namespace plantrack::report {
namespace {

using json = nlohmann::ordered_json;
using assess::Status;

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


// The report's sections, shared by md and html: metadata rows, status counts, and the
// targets grouped by goal with troubled ones first in the summary.
struct Outline {
  std::vector<std::pair<std::string, std::string>> meta;
  std::map<Status, int> counts;
  std::vector<const engine::TargetDetail*> trouble;
  std::vector<std::pair<const Goal*, std::vector<const engine::TargetDetail*>>> goals;
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
  return o;
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
  return {t.id,
          title_in(lang, t),
          current_cell(d),
          target_text(t) + " (" + format_date(t.deadline) + ")",
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
  if (!o.trouble.empty()) {
    out += fmt::format("\n{}:\n\n", label(lang, "needs_attention"));
    for (const auto* t : o.trouble)
      out += fmt::format("- **{}** {}: {}\n", md_cell(t->target.id), md_cell(title_in(lang, t->target)),
                         label(lang, t->result.status));
  }
  for (const auto& [goal, targets] : o.goals) {
    out += fmt::format("\n## {}\n\n", md_cell(goal->title));
    auto header = target_columns(lang);
    out += md_row(header) + "|";
    for (size_t i = 0; i < header.size(); ++i) out += " --- |";
    out += "\n";
    for (const auto* t : targets) out += md_row(target_cells(*t, lang));
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
.target-block { break-inside: avoid; page-break-inside: avoid; }
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
  out += org_section_html(p, lang);
  out += fmt::format("<p class=\"legend\">{}</p>\n", label(lang, "chart_legend"));
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
      if (t->target.kind != Kind::milestone) out += target_chart(*t);
      out += "</div>\n";
    }
  }
  out += "</body>\n</html>\n";
  return out;
}

std::string csv_number(const std::optional<double>& v) { return v ? fmt::format("{}", *v) : ""; }

std::string render_csv(const engine::PlanDetail& p) {
  std::string out =
      "plan,goal,target,title,unit,kind,rule,target_value,deadline,current,current_period,gap,"
      "shortfall,progress_pct,expected,expected_now,ratio,forecast,needed_per_year,status,flags,"
      "responsible,support,nature,as_of\r\n";
  for (const auto& d : p.targets) {
    const Target& t = d.target;
    const auto& a = d.result;
    std::string target_value = t.rule == Rule::between ? csv_text(format_value(*t.min) + ".." + format_value(*t.max))
                               : t.rule == Rule::done  ? std::string()
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
  json out = {{"plan", p.plan.id},
              {"title", p.plan.title},
              {"issuer", p.plan.issuer},
              {"period", info.period.empty() ? json(nullptr) : json(info.period)},
              {"as_of", format_date(p.as_of)},
              {"known_at", format_timestamp(p.known_at)},
              {"generated_by", info.generated_by},
              {"generated_at", format_timestamp(info.generated_at)},
              {"digest", p.digest},
              {"summary", {{"counts", counts}, {"needs_attention", trouble}}},
              {"goals", goals}};
  return out.dump(2) + "\n";
}

} // namespace

bool is_report_format(std::string_view f) { return f == "md" || f == "html" || f == "csv" || f == "json"; }

std::string csv_text(const std::string& text) {
  std::string s = text;
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r'))
    s.insert(0, "'");
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
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
