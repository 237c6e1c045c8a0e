#include "report/chart.hpp"

#include "report/markup.hpp"
#include "report/status_view.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <set>

namespace plantrack::report {
namespace {

constexpr double width = 640, height = 230;
constexpr double left = 64, right = 24, top = 18, bottom = 34;

struct Scale {
  Date t0, t1;
  double v0, v1;
  bool inverted = false; // ranks: the smallest value (1, the best) at the top
  double x(Date t) const {
    double span = static_cast<double>((t1 - t0).count());
    return left + (width - left - right) * static_cast<double>((t - t0).count()) / (span > 0 ? span : 1);
  }
  double y(double v) const {
    double span = v1 - v0;
    double f = (v - v0) / (span > 0 ? span : 1);
    return top + (height - top - bottom) * (inverted ? f : 1 - f);
  }
};

std::string num(double v) { return fmt::format("{:.1f}", v); }

} // namespace

std::string target_chart(const engine::TargetDetail& d, Lang lang) {
  const Target& t = d.target;
  const auto& a = d.result;
  // A rank is drawn upside down, 1 (the best) at the top, on whole numbers; a forecast better
  // than 1 is drawn at 1.
  const bool rank = t.kind == Kind::rank;
  std::optional<double> forecast = a.forecast;
  if (rank && forecast) forecast = std::max(1.0, *forecast);
  // The target line: none for a monitor, the referenced target's values as a step line for a
  // referenced value (none while they are unknown), else v (both bounds for a band; a growth
  // rate's flat line). A growth has no trajectory of its own: the rate is required every year.
  const bool step_target = t.value_ref.has_value();
  const bool constant_target = t.rule != Rule::none && !step_target && a.has_target;
  const bool trajectory = t.rule != Rule::none && a.has_target && t.kind != Kind::growth;
  // The extent: every date and value drawn.
  std::vector<Date> dates{t.deadline, d.as_of};
  std::vector<double> values;
  if (constant_target) values.push_back(a.target_value);
  if (step_target)
    for (const auto& o : a.reference) dates.push_back(o.t), values.push_back(o.value);
  if (t.rule == Rule::between) values.insert(values.end(), {*t.min, *t.max});
  if (trajectory)
    for (const auto& p : d.trajectory) dates.push_back(p.t), values.push_back(p.value);
  for (const auto& o : a.series) dates.push_back(o.t), values.push_back(o.value);
  if (forecast) values.push_back(*forecast);
  if (rank || values.empty()) values.push_back(rank ? 1 : 0);
  // Superseded versions of level and flow entries are drawn at their own value.
  std::set<std::int64_t> in_force;
  for (const auto& e : effective_entries(d.entries, d.known_at)) in_force.insert(e.id);
  bool raw_values = t.kind == Kind::level || t.kind == Kind::flow;
  std::vector<const Entry*> superseded, corrections;
  for (const auto& e : d.entries) {
    if (e.action == Action::correct && in_force.count(e.id)) corrections.push_back(&e);
    if (!in_force.count(e.id) && e.action != Action::retract && raw_values &&
        e.period.end <= t.deadline) {
      superseded.push_back(&e);
      dates.push_back(e.period.end);
      values.push_back(e.value);
    }
  }
  Scale s{*std::min_element(dates.begin(), dates.end()), *std::max_element(dates.begin(), dates.end()),
          *std::min_element(values.begin(), values.end()), *std::max_element(values.begin(), values.end()),
          rank};
  double pad = rank ? 0.5 : (s.v1 - s.v0) * 0.08; // half a place: every rank on the plot
  if (pad == 0) pad = std::max(1.0, std::fabs(s.v1) * 0.1);
  s.v0 -= pad;
  s.v1 += pad;

  std::string ref = d.plan.id + "/" + t.id;
  std::string svg = fmt::format(
      "<svg class=\"chart\" data-target=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" "
      "viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\">\n<title>{}</title>\n",
      html_escape(ref), width, height, width, height, html_escape(title_in(lang, t)));
  // Frame and axes labels: first and last date, lowest and highest value.
  svg += fmt::format("<rect class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n",
                     left, top, width - left - right, height - top - bottom);
  svg += fmt::format("<text class=\"axis\" x=\"{}\" y=\"{}\">{}</text>\n", left, height - 12,
                     format_date(s.t0));
  svg += fmt::format("<text class=\"axis end\" x=\"{}\" y=\"{}\">{}</text>\n", width - right,
                     height - 12, format_date(s.t1));
  if (rank) {
    // Whole places from 1 down, at most six labels.
    int last = static_cast<int>(std::floor(s.v1 - pad));
    int step = std::max(1, static_cast<int>(std::ceil((last - 1) / 5.0)));
    for (int r = 1; r <= last; r += step)
      svg += fmt::format("<text class=\"axis end\" x=\"{}\" y=\"{}\">{}</text>\n", left - 6,
                         num(s.y(r)), r);
  } else {
    svg += fmt::format("<text class=\"axis end\" x=\"{}\" y=\"{}\">{}</text>\n", left - 6,
                       num(s.y(s.v1 - pad)) , html_escape(format_value(s.v1 - pad, t.precision)));
    svg += fmt::format("<text class=\"axis end\" x=\"{}\" y=\"{}\">{}</text>\n", left - 6,
                       num(s.y(s.v0 + pad)), html_escape(format_value(s.v0 + pad, t.precision)));
  }
  // The target line (both bounds for a band).
  auto target_line = [&](double v) {
    svg += fmt::format("<line class=\"target\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", left,
                       num(s.y(v)), width - right, num(s.y(v)));
    svg += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\">{}</text>\n", width - right - 4,
                       num(s.y(v) - 4), html_escape(target_text(t)));
  };
  if (step_target && !a.reference.empty()) {
    // The target moves with the referenced target: level from each of its values to the next.
    std::string points;
    for (size_t i = 0; i < a.reference.size(); ++i) {
      const auto& o = a.reference[i];
      if (i > 0) points += num(s.x(o.t)) + "," + num(s.y(a.reference[i - 1].value)) + " ";
      points += num(s.x(o.t)) + "," + num(s.y(o.value)) + " ";
    }
    double last = a.reference.back().value;
    points += num(s.x(s.t1)) + "," + num(s.y(last));
    svg += fmt::format("<polyline class=\"target\" fill=\"none\" points=\"{}\"/>\n", points);
    svg += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\">{}</text>\n", width - right - 4,
                       num(s.y(last) - 4), html_escape(target_text(t)));
  } else if (constant_target && t.rule == Rule::between) {
    target_line(*t.min);
    target_line(*t.max);
  } else if (constant_target) {
    target_line(a.target_value);
  }
  // The as-of date.
  svg += fmt::format("<line class=\"asof\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n",
                     num(s.x(d.as_of)), top, height - bottom);
  svg += fmt::format("<text class=\"label\" x=\"{}\" y=\"{}\">{}</text>\n", num(s.x(d.as_of) + 3),
                     top + 10, format_date(d.as_of));
  // The trajectory through baseline, milestones and target.
  if (trajectory && d.trajectory.size() >= 2) {
    std::string points;
    for (const auto& p : d.trajectory) points += num(s.x(p.t)) + "," + num(s.y(p.value)) + " ";
    points.pop_back();
    svg += fmt::format("<polyline class=\"trajectory\" points=\"{}\"/>\n", points);
    for (const auto& p : d.trajectory)
      if (p.kind == assess::PointKind::milestone)
        svg += fmt::format("<rect class=\"milestone\" x=\"{}\" y=\"{}\" width=\"7\" height=\"7\" "
                           "transform=\"rotate(45 {} {})\"><title>{} {}</title></rect>\n",
                           num(s.x(p.t) - 3.5), num(s.y(p.value) - 3.5), num(s.x(p.t)),
                           num(s.y(p.value)), format_date(p.t), format_value(p.value));
  }
  if (a.baseline)
    svg += fmt::format("<rect class=\"baseline\" x=\"{}\" y=\"{}\" width=\"8\" height=\"8\"><title>"
                       "{} {} {}</title></rect>\n",
                       num(s.x(a.baseline->t) - 4), num(s.y(a.baseline->value) - 4),
                       html_escape(label(lang, "baseline")),
                       format_date(a.baseline->t), format_value(a.baseline->value));
  // The forecast from the current value to the deadline.
  if (forecast && a.current && a.current_date && *a.current_date < t.deadline)
    svg += fmt::format("<line class=\"forecast\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"><title>"
                       "{} {}</title></line>\n",
                       num(s.x(*a.current_date)), num(s.y(*a.current)), num(s.x(t.deadline)),
                       num(s.y(*forecast)), html_escape(label(lang, "forecast")),
                       format_value(*a.forecast, t.precision));
  // The observations in force, joined; superseded versions hollow; corrected ones ringed.
  if (a.series.size() >= 2) {
    std::string points;
    for (const auto& o : a.series) points += num(s.x(o.t)) + "," + num(s.y(o.value)) + " ";
    points.pop_back();
    svg += fmt::format("<polyline class=\"actual\" points=\"{}\"/>\n", points);
  }
  std::set<Date> corrected_at;
  for (const Entry* e : corrections) corrected_at.insert(e->period.end);
  for (const auto& o : a.series) {
    bool corrected = corrected_at.count(o.t) > 0;
    svg += fmt::format("<circle class=\"entry{}\" cx=\"{}\" cy=\"{}\" r=\"3.5\"><title>{} {}{}"
                       "</title></circle>\n",
                       corrected ? " corrected" : "", num(s.x(o.t)), num(s.y(o.value)),
                       format_date(o.t), format_value(o.value, t.precision),
                       corrected ? fmt::format(" ({})", html_escape(label(lang, "chart_corrected")))
                                 : std::string());
    if (corrected)
      svg += fmt::format("<circle class=\"ring\" cx=\"{}\" cy=\"{}\" r=\"6.5\"/>\n", num(s.x(o.t)),
                         num(s.y(o.value)));
  }
  for (const Entry* e : superseded)
    svg += fmt::format("<circle class=\"superseded\" cx=\"{}\" cy=\"{}\" r=\"3.5\"><title>#{} {} "
                       "{} ({})</title></circle>\n",
                       num(s.x(e->period.end)), num(s.y(e->value)), e->id, e->period.text,
                       html_escape(e->value_text), html_escape(label(lang, "chart_superseded")));
  svg += "</svg>\n";
  return svg;
}

} // namespace plantrack::report
