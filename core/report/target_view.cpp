#include "report/target_view.hpp"

#include "model/text.hpp"
#include "report/entries_view.hpp"
#include "report/plan_view.hpp"
#include "report/status_view.hpp"
#include "report/table.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace plantrack::report {
namespace {

using json = nlohmann::ordered_json;

std::string with_unit(const std::optional<double>& v, const Target& t) {
  if (!v) return "-";
  return format_value(*v, t.precision) + (t.unit.empty() ? "" : " " + t.unit);
}

std::string with_unit(double v, const std::string& unit,
                      std::optional<int> precision = std::nullopt) {
  return format_value(v, precision) + (unit.empty() ? "" : " " + unit);
}

std::string ratio_parts_text(const engine::TargetDetail& d, Lang lang) {
  const Target& t = d.target;
  const auto& rows = d.result.ratio_periods;
  if (rows.empty()) return "";
  bool any_inconsistent = std::any_of(rows.begin(), rows.end(),
                                      [](const assess::RatioPeriod& r) { return r.inconsistent; });
  Table table;
  for (auto key : {"period", "numerator", "denominator", "computed_ratio", "logged_ratio"})
    table.header.emplace_back(label(lang, key));
  if (any_inconsistent) table.header.emplace_back(label(lang, "flags"));
  table.right_aligned = {false, true, true, true, true};
  auto part = [&](const std::optional<double>& v, const std::optional<RatioPart>& def) {
    return v ? with_unit(*v, def ? def->unit : "") : "-";
  };
  for (const auto& r : rows) {
    std::vector<std::string> row{r.period, part(r.numerator, t.numerator),
                                 part(r.denominator, t.denominator), with_unit(r.computed, t),
                                 with_unit(r.logged, t)};
    if (any_inconsistent)
      row.emplace_back(r.inconsistent ? label(lang, assess::Flag::inconsistent) : "");
    table.rows.push_back(std::move(row));
  }
  return fmt::format("\n{}\n", label(lang, "ratio_parts")) + render(table);
}

std::string peer_values_text(const engine::TargetDetail& d, Lang lang) {
  const auto& periods = d.result.peer_periods;
  if (periods.empty() || !d.target.peers) return "";
  const Peers& peers = *d.target.peers;
  bool any_missing = std::any_of(periods.begin(), periods.end(),
                                 [](const assess::PeerPeriod& p) { return !p.missing.empty(); });
  Table table;
  for (auto key : {"period", "rank", "peer", "value"}) table.header.emplace_back(label(lang, key));
  if (any_missing) table.header.emplace_back(label(lang, "missing_peers"));
  table.right_aligned = {false, true, false, true};
  for (const auto& p : periods) {
    // The period, its rank and the peers missing on its first line.
    for (size_t i = 0; i < p.values.size(); ++i) {
      bool first = i == 0;
      const auto& [name, value] = p.values[i];
      std::vector<std::string> row{
          first ? p.period : "", first ? (p.rank ? std::to_string(*p.rank) : "-") : "",
          name == peers.self ? fmt::format("{} ({})", name, label(lang, "self")) : name,
          with_unit(value, peers.unit)};
      if (any_missing) row.push_back(first ? joined(p.missing, ", ") : "");
      table.rows.push_back(std::move(row));
    }
  }
  return fmt::format("\n{}\n", label(lang, "peer_values")) + render(table);
}

std::string growth_text(const engine::TargetDetail& d, Lang lang) {
  const auto& sources = d.result.growth_sources;
  if (sources.empty()) return "";
  const Target* of = d.plan.find_target(d.target.of);
  std::string unit = of ? of->unit : "";
  std::optional<int> precision = of ? of->precision : std::nullopt;
  Table table;
  for (auto key : {"period", "growth", "amount", "base_period", "base_amount"})
    table.header.emplace_back(label(lang, key));
  table.right_aligned = {false, true, true, false, true};
  for (const auto& g : sources)
    table.rows.push_back({g.period, with_unit(g.rate, d.target.unit, d.target.precision),
                          with_unit(g.amount, unit, precision), g.base_period,
                          with_unit(g.base, unit, precision)});
  return fmt::format("\n{}\n", label(lang, "growth_by_period")) + render(table);
}

} // namespace

json target_detail_json(const engine::TargetDetail& d) {
  const Target& t = d.target;
  const auto& a = d.result;
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
  // What the second edition's kinds define and what their values came from, only where they
  // apply.
  auto number = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
  if (t.kind == Kind::ratio) {
    out["scale"] = t.scale;
    for (auto [part, def] : {std::pair{Part::numerator, &t.numerator}, {Part::denominator, &t.denominator}})
      out[std::string(to_string(part))] =
          *def ? json{{"title", (*def)->title}, {"unit", (*def)->unit}} : json(nullptr);
    json periods = json::array();
    for (const auto& r : a.ratio_periods)
      periods.push_back({{"period", r.period},
                         {"numerator", number(r.numerator)},
                         {"denominator", number(r.denominator)},
                         {"computed", number(r.computed)},
                         {"logged", number(r.logged)},
                         {"inconsistent", r.inconsistent}});
    out["ratio_periods"] = periods;
  }
  if (t.peers) {
    out["peers"] = {{"self", t.peers->self},
                    {"among", t.peers->among},
                    {"better", to_string(t.peers->better)},
                    {"unit", t.peers->unit}};
    json periods = json::array();
    for (const auto& p : a.peer_periods) {
      json values = json::array();
      for (const auto& [peer, value] : p.values) values.push_back({{"peer", peer}, {"value", value}});
      periods.push_back({{"period", p.period},
                         {"rank", p.rank ? json(*p.rank) : json(nullptr)},
                         {"values", values},
                         {"missing", p.missing}});
    }
    out["peer_periods"] = periods;
  }
  if (t.kind == Kind::growth) {
    json sources = json::array();
    for (const auto& g : a.growth_sources)
      sources.push_back({{"period", g.period},
                         {"growth", g.rate},
                         {"amount", g.amount},
                         {"base_period", g.base_period},
                         {"base", g.base}});
    out["growth_sources"] = sources;
  }
  if (t.value_ref) {
    json reference = json::array();
    for (const auto& o : a.reference)
      reference.push_back({{"date", format_date(o.t)}, {"value", o.value}});
    out["reference"] = reference;
  }
  if (t.clear_within) out["clear_within"] = *t.clear_within;
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
  // A milestone's rule is its whole target ("done"), a monitor's says there is none: say it
  // once.
  std::string rule(to_string(t.rule));
  if (t.rule != Rule::done && t.rule != Rule::none) rule += " " + target_text(t);
  out += fmt::format("{}: {}  {}: {}  {}: {}", label(lang, "kind"), kind, label(lang, "rule"), rule,
                     label(lang, "deadline"), format_date(t.deadline));
  // A monitor heads for nothing and a growth rate is required every year: no trajectory.
  if (t.rule != Rule::none && t.kind != Kind::growth)
    out += fmt::format("  {}: {}", label(lang, "trajectory"), to_string(t.trajectory));
  out += "\n";
  for (const auto& [key, text] : kind_fields(d.plan, t, lang))
    out += fmt::format("{}: {}\n", key, text);
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
  // The referenced target's value at t_c, which v is (SPEC §1 "value: {ref}").
  if (t.value_ref)
    row("referenced_value",
        a.has_target && a.current_date
            ? with_unit(a.target_value, t) + " (" + format_date(*a.current_date) + ")"
            : "-");
  // A monitor has no target: nothing to expect, no gap, no pace (SPEC §2 "monitor").
  bool judged = t.rule != Rule::none;
  if (judged) {
    row("expected", with_unit(a.expected, t));
    row("expected_now", with_unit(d.expected_now, t));
    row("ratio", a.ratio ? format_value(*a.ratio, 3) : "-");
    row("gap", with_unit(a.gap, t));
    row("shortfall", with_unit(a.shortfall, t));
    row("progress", a.progress_pct ? format_value(*a.progress_pct, 1) : "-");
  }
  row("forecast", a.forecast ? with_unit(a.forecast, t) + " (" + format_date(t.deadline) + ")" : "-");
  if (judged) row("needed_per_year", with_unit(a.needed_per_year, t));
  if (t.clear_within)
    row("open_exceedance",
        a.open_exceedance ? fmt::format("{} {} ({} {})", a.open_exceedance->period,
                                        with_unit(a.open_exceedance->value, t),
                                        label(lang, "clear_by"), format_date(*a.clear_by))
                          : "-");
  out += render(facts);

  if (t.kind == Kind::ratio) out += ratio_parts_text(d, lang);
  if (t.kind == Kind::rank) out += peer_values_text(d, lang);
  if (t.kind == Kind::growth) out += growth_text(d, lang);

  if (!d.trajectory.empty() && judged && t.kind != Kind::growth) {
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
