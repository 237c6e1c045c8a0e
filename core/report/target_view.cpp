#include "report/target_view.hpp"

#include "model/text.hpp"
#include "report/entries_view.hpp"
#include "report/status_view.hpp"
#include "report/table.hpp"

#include <fmt/format.h>

namespace plantrack::report {
namespace {

using json = nlohmann::ordered_json;

std::string with_unit(const std::optional<double>& v, const Target& t) {
  if (!v) return "-";
  return format_value(*v, t.precision) + (t.unit.empty() ? "" : " " + t.unit);
}

} // namespace

json target_detail_json(const engine::TargetDetail& d) {
  const Target& t = d.target;
  json trajectory = json::array();
  for (const auto& p : d.trajectory)
    trajectory.push_back({{"date", format_date(p.t)}, {"value", p.value}, {"point", to_string(p.kind)}});
  json out = target_json(d.plan, t, d.result);
  out["as_of"] = format_date(d.as_of);
  out["known_at"] = format_timestamp(d.known_at);
  out["goal"] = t.goal;
  out["per"] = t.per ? json(to_string(*t.per)) : json(nullptr);
  out["trajectory_kind"] = to_string(t.trajectory);
  out["strive"] = t.strive;
  out["source"] = t.source;
  out["note"] = t.note;
  out["expected_now"] = d.expected_now ? json(*d.expected_now) : json(nullptr);
  out["trajectory"] = trajectory;
  out["entries"] = entries_json(d.entries);
  return out;
}

std::string target_detail_text(const engine::TargetDetail& d, Lang lang) {
  const Target& t = d.target;
  const auto& a = d.result;
  std::string out;
  out += fmt::format("{}/{}  {}\n", d.plan.id, t.id, title_in(lang, t));
  std::string kind(to_string(t.kind));
  if (t.per) kind += "/" + std::string(to_string(*t.per));
  // A milestone's rule is its whole target ("done"): say it once.
  std::string rule(to_string(t.rule));
  if (t.rule != Rule::done) rule += " " + target_text(t);
  out += fmt::format("{}: {}  {}: {}  {}: {}  {}: {}\n", label(lang, "kind"), kind,
                     label(lang, "rule"), rule, label(lang, "deadline"), format_date(t.deadline),
                     label(lang, "trajectory"), to_string(t.trajectory));
  for (const auto& g : d.plan.goals)
    if (g.id == t.goal) out += fmt::format("{}: [{}] {}\n", label(lang, "goal"), g.id, g.title);
  if (!t.responsible.empty())
    out += fmt::format("{}: {}\n", label(lang, "responsible"), joined(t.responsible, ", "));
  if (!t.support.empty())
    out += fmt::format("{}: {}\n", label(lang, "support"), joined(t.support, ", "));
  out += fmt::format("{}: {}{}\n", label(lang, "nature"), label(lang, t.nature),
                     t.strive ? ", " + std::string(label(lang, "strive")) : "");
  out += fmt::format("{}: {}\n", label(lang, "source_clause"), t.source);
  if (!t.note.empty()) out += fmt::format("{}: {}\n", label(lang, "note"), t.note);

  out += fmt::format("\n{} {} ({} {})\n", label(lang, "assessment_as_of"), format_date(d.as_of),
                     label(lang, "known_at"), format_local(d.known_at, display_zone));
  std::string flags = flags_cell(t, a.flags, lang, ", ");
  Table facts;
  facts.header = {std::string(label(lang, "item")), std::string(label(lang, "value"))};
  auto row = [&](std::string_view key, std::string value) {
    facts.rows.push_back({std::string(label(lang, key)), std::move(value)});
  };
  row("status", std::string(label(lang, a.status)) +
                    (a.first_breach ? fmt::format(" ({} {})", a.first_breach->period,
                                                  format_value(a.first_breach->value, t.precision))
                                    : ""));
  row("flags", flags.empty() ? "-" : flags);
  row("baseline", a.baseline ? with_unit(a.baseline->value, t) + " (" + format_date(a.baseline->t) + ")"
                             : "-");
  row("current", a.current ? (t.kind == Kind::milestone
                                  ? std::string(*a.current >= 1 ? "done" : "not done")
                                  : with_unit(a.current, t)) +
                                 " (" + a.current_period.value_or("-") + ")"
                           : "-");
  row("expected", with_unit(a.expected, t));
  row("expected_now", with_unit(d.expected_now, t));
  row("ratio", a.ratio ? format_value(*a.ratio, 3) : "-");
  row("gap", with_unit(a.gap, t));
  row("shortfall", with_unit(a.shortfall, t));
  row("progress", a.progress_pct ? format_value(*a.progress_pct, 1) : "-");
  row("forecast", a.forecast ? with_unit(a.forecast, t) + " (" + format_date(t.deadline) + ")" : "-");
  row("needed_per_year", with_unit(a.needed_per_year, t));
  out += render(facts);

  if (!d.trajectory.empty()) {
    out += fmt::format("\n{}\n", label(lang, "trajectory_points"));
    Table points;
    for (auto key : {"date", "value", "point"}) points.header.emplace_back(label(lang, key));
    points.right_aligned = {false, true, false};
    for (const auto& p : d.trajectory)
      points.rows.push_back({format_date(p.t), format_value(p.value, t.precision), std::string(to_string(p.kind))});
    out += render(points);
  }
  out += fmt::format("\n{} ({})\n", label(lang, "entry_history"), d.entries.size());
  if (!d.entries.empty()) out += entries_table(d.entries, lang);
  return out;
}

} // namespace plantrack::report
