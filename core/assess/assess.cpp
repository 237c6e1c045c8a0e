#include "assess/assess.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace plantrack::assess {
namespace {

// Relative tolerance for comparing computed values with targets (unit conversions, sums).
constexpr double tolerance = 1e-9;

double slack(double v) { return tolerance * std::max(1.0, std::fabs(v)); }

double days(Date a, Date b) { return static_cast<double>((b - a).count()); }

// Deterministic order: by period end, then start, then recording time, then id.
bool earlier(const Entry* a, const Entry* b) {
  if (a->period.end != b->period.end) return a->period.end < b->period.end;
  if (a->period.start != b->period.start) return a->period.start < b->period.start;
  if (a->recorded_at != b->recorded_at) return a->recorded_at < b->recorded_at;
  return a->id < b->id;
}

// The direction in which the rule wants the value to move from the baseline: +1, -1 or 0.
int direction(const Target& target, double b, double v) {
  if (v > b + slack(b)) return 1;
  if (v < b - slack(b)) return -1;
  switch (target.rule) {
  case Rule::at_least:
  case Rule::more_than:
  case Rule::done: return 1;
  case Rule::at_most:
  case Rule::less_than:
  case Rule::keep_at_most: return -1;
  case Rule::between: return 0;
  }
  return 0;
}

// Flow targets: one observation per `per` period, the entries in it summed and scaled to the
// whole period by days (SPEC §1 "flow"); `estimated` when the entries do not cover it exactly.
struct FlowPoint {
  Observation obs;
  bool estimated = false;
  bool provisional = false;
  std::string period;
};

std::vector<FlowPoint> flow_points(const Target& target, const std::vector<const Entry*>& sorted) {
  Cadence per = target.per.value_or(Cadence::year);
  std::map<Date, std::vector<const Entry*>> groups; // keyed by the per-period's end
  for (const Entry* e : sorted) groups[period_containing(e->period.end, per).end].push_back(e);
  std::vector<FlowPoint> points;
  for (auto& [end, group] : groups) {
    Period whole = period_containing(end, per);
    // The entry ending last (the longest, then the last recorded, on ties), then earlier
    // entries that end before what is already covered: a year-to-date figure replaces the
    // shorter one before it, disjoint months add up.
    const Entry* last = nullptr;
    for (const Entry* e : group)
      if (e->period.end == group.back()->period.end &&
          (!last || e->period.start == last->period.start))
        last = e;
    std::vector<const Entry*> chosen{last};
    Date covered_from = last->period.start;
    for (auto it = group.rbegin(); it != group.rend(); ++it)
      if ((*it)->period.end < covered_from) {
        chosen.push_back(*it);
        covered_from = (*it)->period.start;
      }
    double sum = 0;
    int covered = 0;
    bool provisional = false;
    for (const Entry* e : chosen) {
      sum += e->value;
      covered += e->period.days();
      provisional = provisional || e->provisional;
    }
    FlowPoint p;
    p.period = whole.text;
    p.provisional = provisional;
    p.estimated = covered != whole.days();
    p.obs.value = p.estimated ? sum * whole.days() / covered : sum;
    p.obs.t = p.estimated ? whole.end : chosen.front()->period.end;
    points.push_back(p);
  }
  return points;
}

// Ordinary least squares through `points`, evaluated at `at` (SPEC §2 "Forecast").
std::optional<double> least_squares_at(const std::vector<Observation>& points, Date at,
                                       bool on_logs) {
  if (points.size() < 2) return std::nullopt;
  if (on_logs)
    for (const auto& p : points)
      if (p.value <= 0) on_logs = false; // ln undefined: fit the values themselves
  Date origin = points.front().t;
  double n = static_cast<double>(points.size());
  double sx = 0, sy = 0;
  for (const auto& p : points) {
    sx += days(origin, p.t);
    sy += on_logs ? std::log(p.value) : p.value;
  }
  double mx = sx / n, my = sy / n, sxx = 0, sxy = 0;
  for (const auto& p : points) {
    double dx = days(origin, p.t) - mx;
    double y = on_logs ? std::log(p.value) : p.value;
    sxx += dx * dx;
    sxy += dx * (y - my);
  }
  if (sxx == 0) return std::nullopt; // all points on one date: no pace
  double y = my + sxy / sxx * (days(origin, at) - mx);
  return on_logs ? std::exp(y) : y;
}

void add_flag(Assessment& a, Flag flag) {
  if (!a.has_flag(flag)) a.flags.push_back(flag);
}

} // namespace

bool Assessment::has_flag(Flag f) const {
  return std::find(flags.begin(), flags.end(), f) != flags.end();
}

bool rule_holds(const Target& target, double c) {
  double v = target.value;
  switch (target.rule) {
  case Rule::at_least: return c >= v - slack(v);
  case Rule::more_than: return c > v + slack(v);
  case Rule::at_most:
  case Rule::keep_at_most: return c <= v + slack(v);
  case Rule::less_than: return c < v - slack(v);
  case Rule::between:
    return c >= target.min.value_or(v) - slack(target.min.value_or(v)) &&
           c <= target.max.value_or(v) + slack(target.max.value_or(v));
  case Rule::done: return c >= 1;
  }
  return false;
}

std::vector<TrajectoryPoint> trajectory_points(const Target& target, Observation baseline,
                                               double v) {
  std::vector<TrajectoryPoint> points{{baseline.t, baseline.value, PointKind::baseline}};
  for (const auto& m : target.milestones)
    if (m.date > baseline.t && m.date < target.deadline)
      points.push_back({m.date, m.value, PointKind::milestone});
  if (target.deadline > baseline.t) points.push_back({target.deadline, v, PointKind::target});
  return points;
}

double expected_at(const Target& target, Observation baseline, double v, Date t) {
  // SPEC §2 "Trajectory": E(t) = b before t0 and v after T; piecewise between the points.
  auto points = trajectory_points(target, baseline, v);
  if (t <= points.front().t) return points.front().value;
  if (t >= points.back().t) return t >= target.deadline ? v : points.back().value;
  for (size_t i = 1; i < points.size(); ++i) {
    const auto& a = points[i - 1];
    const auto& b = points[i];
    if (t > b.t) continue;
    double f = days(a.t, t) / days(a.t, b.t);
    if (target.trajectory == Trajectory::compound && a.value > 0 && b.value > 0)
      return a.value * std::pow(b.value / a.value, f);
    return a.value + (b.value - a.value) * f;
  }
  return v;
}

Assessment assess(const Target& target, const std::vector<Entry>& entries, const Context& ctx) {
  Assessment a;
  const Date D = ctx.as_of;
  const Date T = target.deadline;

  // SPEC §2: entries with period end <= D count, and never those ending after the deadline.
  std::vector<const Entry*> counted;
  for (const auto& e : entries)
    if (e.period.end <= D && e.period.end <= T) counted.push_back(&e);
  std::sort(counted.begin(), counted.end(), earlier);

  // The series of observations this kind of target reads from its entries.
  std::vector<Observation> series;
  std::vector<std::string> periods;
  bool provisional = false;
  bool estimated = false;
  if (target.kind == Kind::flow) {
    for (const auto& p : flow_points(target, counted)) {
      series.push_back(p.obs);
      periods.push_back(p.period);
      provisional = p.provisional; // the current value is the last point's
      estimated = p.estimated;
    }
  } else if (target.kind == Kind::cumulative) {
    double total = target.baseline ? target.baseline->value : 0;
    for (const Entry* e : counted) {
      total += e->value;
      series.push_back({e->period.end, total});
      periods.push_back(e->period.text);
      provisional = provisional || e->provisional;
    }
  } else if (target.kind == Kind::milestone) {
    bool done = false;
    for (const Entry* e : counted) {
      done = done || e->value >= 1; // done stays done
      series.push_back({e->period.end, done ? 1.0 : 0.0});
      periods.push_back(e->period.text);
      provisional = e->provisional;
    }
  } else {
    for (const Entry* e : counted) {
      series.push_back({e->period.end, e->value});
      periods.push_back(e->period.text);
      provisional = e->provisional;
    }
  }

  // Baseline (t0, b): the target's own, else the earliest observation (SPEC §2).
  if (target.baseline)
    a.baseline = Observation{target.baseline->date, target.baseline->value};
  else if (!series.empty() && target.kind != Kind::milestone)
    a.baseline = series.front();

  // v: for `between`, whichever bound of the band is nearer the baseline.
  a.target_value = target.value;
  if (target.rule == Rule::between && target.min && target.max) {
    double b = a.baseline ? a.baseline->value : *target.min;
    a.target_value = std::fabs(b - *target.min) <= std::fabs(*target.max - b) ? *target.min
                                                                               : *target.max;
  }
  if (target.rule == Rule::done) a.target_value = 1;
  const double v = a.target_value;

  // final_data_missing: past the deadline and nothing covers the period that ends at T; for
  // a flow, that period's amount must be complete, not annualised from part of it.
  if (D > T) {
    bool covered;
    if (target.kind == Kind::flow) {
      Period last = period_containing(T, target.per.value_or(Cadence::year));
      covered = !series.empty() && periods.back() == last.text && !estimated;
    } else {
      Period last = period_containing(T, ctx.cadence);
      covered = std::any_of(counted.begin(), counted.end(),
                            [&](const Entry* e) { return e->period.end >= last.start; });
    }
    if (!covered) add_flag(a, Flag::final_data_missing);
  }

  if (series.empty()) {
    a.status = Status::no_data;
    return a;
  }

  const Entry* latest = counted.back();
  a.current = series.back().value;
  a.current_date = series.back().t;
  a.current_period = periods.back();
  const double c = *a.current;

  if (D <= T && add_cadence(latest->period.end, ctx.cadence) < D) add_flag(a, Flag::stale);
  if (estimated) add_flag(a, Flag::estimated);
  if (provisional) add_flag(a, Flag::provisional);
  if (target.kind == Kind::cumulative) {
    std::map<std::string, int> seen;
    for (const Entry* e : counted)
      for (const auto& name : e->entities)
        if (++seen[name] == 2) a.duplicate_entities.push_back(name);
    if (!a.duplicate_entities.empty()) add_flag(a, Flag::duplicate_entity);
  }

  // Milestones are done or not: nothing to pace, no trajectory (docs/assessment.md).
  if (target.kind == Kind::milestone) {
    a.gap = v - c;
    a.shortfall = std::max(0.0, v - c);
    a.status = c >= 1 ? Status::achieved : D > T ? Status::missed : Status::on_track;
    return a;
  }
  const double b = a.baseline->value;

  // Gap, shortfall and progress (SPEC §2).
  a.gap = v - c;
  switch (target.rule) {
  case Rule::at_least:
  case Rule::more_than:
  case Rule::done: a.shortfall = std::max(0.0, v - c); break;
  case Rule::at_most:
  case Rule::less_than:
  case Rule::keep_at_most: a.shortfall = std::max(0.0, c - v); break;
  case Rule::between:
    a.shortfall = c < *target.min ? *target.min - c : c > *target.max ? c - *target.max : 0.0;
    break;
  }
  if (std::fabs(v - b) > slack(b)) a.progress_pct = 100.0 * (c - b) / (v - b);

  // Ratio of actual to required change at t_c (SPEC §2 "Ratio").
  a.expected = expected_at(target, *a.baseline, v, *a.current_date);
  double required = *a.expected - b;
  if (std::fabs(required) > slack(b))
    a.ratio = (c - b) / required;
  else
    a.ratio = (c - b) * direction(target, b, v) < -slack(b) ? -1.0 : 1.0;
  // A target met at its baseline and lost since is moving the wrong way, however the
  // trajectory from b down to v reads it (docs/assessment.md).
  if (rule_holds(target, b) && !rule_holds(target, c)) a.ratio = -1.0;

  // Forecast over the baseline and the counted observations; pace still needed.
  a.series = series;
  if (target.baseline && target.baseline->date < series.front().t)
    a.series.insert(a.series.begin(), *a.baseline);
  a.forecast = least_squares_at(a.series, T, target.trajectory == Trajectory::compound);
  if (T > *a.current_date) a.needed_per_year = (v - c) / years_between(*a.current_date, T);

  // Status: the first row of the SPEC §2 table that applies.
  if (target.rule == Rule::keep_at_most) {
    for (size_t i = 0; i < series.size(); ++i)
      if (series[i].value > v + slack(v)) {
        a.first_breach = Breach{periods[i], series[i].value};
        break;
      }
    a.status = a.first_breach ? Status::breached : D >= T ? Status::achieved : Status::on_track;
    return a;
  }
  if (rule_holds(target, c)) {
    a.status = Status::achieved;
  } else if (D > T) {
    a.status = Status::missed;
  } else if (!target.baseline && series.size() == 1) {
    // The single entry is its own baseline: no pace, so no ratio or progress to report.
    a.status = Status::insufficient_data;
    a.ratio.reset();
    a.expected.reset();
    a.progress_pct.reset();
  } else if (*a.ratio >= ctx.thresholds.on_track) {
    a.status = Status::on_track;
  } else if (*a.ratio >= ctx.thresholds.at_risk) {
    a.status = Status::at_risk;
  } else {
    a.status = Status::off_track;
  }
  return a;
}

} // namespace plantrack::assess
