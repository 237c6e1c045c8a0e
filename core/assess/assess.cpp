#include "assess/assess.hpp"

#include "errors.hpp"
#include "model/units.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>

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
  case Rule::between:
  case Rule::none: return 0;
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

// A target's series as its kind reads it from the counted entries: one point per observation,
// with the period it stands for (SPEC §1 "kind").
struct SeriesPoint {
  Observation obs;
  std::string period;
  Date start; // of the period the point stands for
  bool provisional = false;
  bool estimated = false;
};

struct Values {
  std::vector<SeriesPoint> points; // by date
  std::optional<Date> last_reported; // the latest period end among the counted entries
  std::vector<std::string> inconsistent, incomplete, duplicate_entities;
  std::vector<RatioPeriod> ratio_periods;   // ratio: every period with an entry
  std::vector<PeerPeriod> peer_periods;     // rank: every period with a peer's value
  std::vector<GrowthSource> growth_sources; // growth: one per point
};

// Entries of one period, in `earlier` order; the periods by end, then start.
std::vector<std::vector<const Entry*>> by_period(const std::vector<const Entry*>& sorted) {
  std::map<std::tuple<Date, Date, std::string>, std::vector<const Entry*>> groups;
  for (const Entry* e : sorted) groups[{e->period.end, e->period.start, e->period.text}].push_back(e);
  std::vector<std::vector<const Entry*>> out;
  for (auto& [key, group] : groups) out.push_back(std::move(group));
  return out;
}

// A ratio per period: the parts' ratio where both are logged (the logged ratio, if any, must
// agree within 0.5 %), else the logged ratio; a period with one part only has no value yet.
void ratio_points(const Target& target, const std::vector<const Entry*>& sorted, Values& out) {
  // Parts in units of one family (万元 over 亿元) are compared in the same unit.
  double factor = 1;
  if (target.numerator && target.denominator) try {
      factor = convert_unit(1, target.numerator->unit, target.denominator->unit);
    } catch (const InputError&) {
      factor = 1; // different things (人 over 万人口): the plan's scale says how they relate
    }
  for (const auto& group : by_period(sorted)) {
    const Entry *direct = nullptr, *numerator = nullptr, *denominator = nullptr;
    for (const Entry* e : group)
      (e->part == Part::numerator ? numerator : e->part == Part::denominator ? denominator : direct) = e;
    std::optional<double> value;
    bool provisional = false;
    const Period& p = group.front()->period;
    RatioPeriod shown{p.text, {}, {}, {}, {}, false};
    if (numerator) shown.numerator = numerator->value;
    if (denominator) shown.denominator = denominator->value;
    if (direct) shown.logged = direct->value;
    if (numerator && denominator && denominator->value != 0) {
      value = target.scale * numerator->value * factor / denominator->value;
      shown.computed = value;
      provisional = numerator->provisional || denominator->provisional;
      if (direct && std::fabs(direct->value - *value) > 0.005 * std::fabs(*value)) {
        out.inconsistent.push_back(group.front()->period.text);
        shown.inconsistent = true;
      }
    } else if (direct) {
      value = direct->value;
      provisional = direct->provisional;
    }
    out.ratio_periods.push_back(shown);
    if (!value) continue;
    out.points.push_back({{p.end, *value}, p.text, p.start, provisional, false});
  }
}

// A rank per period: computed from the peers' values once every peer has one, else the
// logged rank; periods still waiting for peers after the latest rank are `incomplete`.
void rank_points(const Target& target, const std::vector<const Entry*>& sorted, Values& out) {
  std::vector<std::string> waiting;
  for (const auto& group : by_period(sorted)) {
    const Entry* direct = nullptr;
    std::map<std::string, const Entry*> peers;
    for (const Entry* e : group)
      if (e->peer.empty())
        direct = e;
      else
        peers[e->peer] = e;
    std::optional<double> value;
    bool provisional = false;
    // Complete when every peer the plan in force names has a value; values of names a
    // revision dropped are not counted.
    bool complete = target.peers && !peers.empty() &&
                    std::all_of(target.peers->among.begin(), target.peers->among.end(),
                                [&](const std::string& name) { return peers.count(name) > 0; });
    if (complete) {
      double self = peers.at(target.peers->self)->value;
      int better = 0;
      for (const auto& name : target.peers->among) {
        const Entry* e = peers.at(name);
        provisional = provisional || e->provisional;
        bool higher = e->value > self + slack(self);
        bool lower = e->value < self - slack(self);
        if (target.peers->better == Better::higher ? higher : lower) ++better;
      }
      value = 1.0 + better;
    } else if (direct) {
      value = direct->value;
      provisional = direct->provisional;
    }
    const Period& p = group.front()->period;
    if (target.peers && !peers.empty()) {
      // The peers' values best first (ties in the order of `among`), for the views.
      PeerPeriod shown{p.text, {}, {}, {}};
      for (const auto& name : target.peers->among) {
        auto it = peers.find(name);
        if (it == peers.end())
          shown.missing.push_back(name);
        else
          shown.values.emplace_back(name, it->second->value);
      }
      bool higher = target.peers->better == Better::higher;
      std::stable_sort(shown.values.begin(), shown.values.end(), [&](const auto& a, const auto& b) {
        return higher ? a.second > b.second : a.second < b.second;
      });
      if (complete) shown.rank = static_cast<int>(*value);
      out.peer_periods.push_back(std::move(shown));
    }
    if (!peers.empty() && !complete) waiting.push_back(p.text);
    if (!value) continue;
    waiting.clear(); // only what waits after the latest rank is incomplete
    out.points.push_back({{p.end, *value}, p.text, p.start, provisional, false});
  }
  out.incomplete = waiting;
}

// The same period one year earlier, if `start..end` is a whole number of months (a month,
// quarter, year or range of months) or a single day.
std::pair<Date, Date> year_before(Date start, Date end) {
  auto back = [](Date d) {
    date::year_month_day ymd(d);
    auto y = ymd.year() - date::years(1);
    auto last = date::year_month_day_last(y, date::month_day_last(ymd.month())).day();
    return date::sys_days(y / ymd.month() / (ymd.day() > last ? last : ymd.day()));
  };
  date::year_month_day e(end);
  bool month_end = e.day() == date::year_month_day_last(e.year(), date::month_day_last(e.month())).day();
  Date b_end = back(end);
  if (month_end) { // keep the end on the month's last day (29 February a year on)
    date::year_month_day be(b_end);
    b_end = date::sys_days(date::year_month_day_last(be.year(), date::month_day_last(be.month())));
  }
  return {back(start), b_end};
}

// A growth series from the amounts of `of` (SPEC §1 "growth"): yoy against the same period a
// year earlier, cagr from `of`'s baseline.
void growth_points(const Target& target, const Values& of, std::optional<Observation> of_baseline,
                   Values& out) {
  out.last_reported = of.last_reported;
  if (target.basis == GrowthBasis::yoy) {
    for (const auto& p : of.points) {
      auto [start, end] = year_before(p.start, p.obs.t);
      for (const auto& q : of.points)
        if (q.start == start && q.obs.t == end && q.obs.value != 0) {
          double g = 100.0 * (p.obs.value / q.obs.value - 1.0);
          out.points.push_back({{p.obs.t, g}, p.period, p.start, p.provisional || q.provisional,
                                p.estimated || q.estimated});
          out.growth_sources.push_back({p.period, g, p.obs.value, q.period, q.obs.value});
          break;
        }
    }
    return;
  }
  if (!of_baseline && !of.points.empty()) of_baseline = of.points.front().obs;
  if (!of_baseline || of_baseline->value <= 0) return;
  for (const auto& p : of.points) {
    if (p.obs.t <= of_baseline->t || p.obs.value <= 0) continue;
    double years = years_between(of_baseline->t, p.obs.t);
    double g = 100.0 * (std::pow(p.obs.value / of_baseline->value, 1.0 / years) - 1.0);
    out.points.push_back({{p.obs.t, g}, p.period, p.start, p.provisional, p.estimated});
    out.growth_sources.push_back(
        {p.period, g, p.obs.value, format_date(of_baseline->t), of_baseline->value});
  }
}

Values values_of(const Target& target, const std::vector<Entry>& entries, Date until,
                 const Linked* linked, const std::string& plan_id, int depth = 0);

// The values of the target `plan_id/target_id` up to `until` (capped at its own deadline).
std::optional<Values> linked_values(const Linked* linked, const std::string& plan_id,
                                    const std::string& target_id, Date until, int depth,
                                    const Target** found = nullptr) {
  if (!linked || depth > 8) return std::nullopt; // plan files refuse cycles; this is a backstop
  const Target* t = linked->target(plan_id, target_id);
  if (!t) return std::nullopt;
  if (found) *found = t;
  static const std::vector<Entry> none;
  const std::vector<Entry>* e = linked->entries(plan_id, target_id);
  return values_of(*t, e ? *e : none, std::min(until, t->deadline), linked, plan_id, depth + 1);
}

Values values_of(const Target& target, const std::vector<Entry>& entries, Date until,
                 const Linked* linked, const std::string& plan_id, int depth) {
  Values out;
  if (target.kind == Kind::growth) {
    const Target* of = nullptr;
    auto amounts = linked_values(linked, plan_id, target.of, until, depth, &of);
    if (amounts) {
      std::optional<Observation> base;
      if (of->baseline) base = Observation{of->baseline->date, of->baseline->value};
      growth_points(target, *amounts, base, out);
    }
    return out;
  }
  std::vector<const Entry*> counted;
  for (const auto& e : entries)
    if (e.period.end <= until) counted.push_back(&e);
  std::sort(counted.begin(), counted.end(), earlier);
  if (!counted.empty()) out.last_reported = counted.back()->period.end;
  switch (target.kind) {
  case Kind::flow:
    for (const auto& p : flow_points(target, counted)) {
      Period whole = parse_period(p.period);
      out.points.push_back({p.obs, p.period, whole.start, p.provisional, p.estimated});
    }
    break;
  case Kind::cumulative: {
    double total = target.baseline ? target.baseline->value : 0;
    bool provisional = false;
    std::map<std::string, int> seen;
    for (const Entry* e : counted) {
      total += e->value;
      provisional = provisional || e->provisional;
      out.points.push_back({{e->period.end, total}, e->period.text, e->period.start, provisional, false});
      for (const auto& name : e->entities)
        if (++seen[name] == 2) out.duplicate_entities.push_back(name);
    }
    break;
  }
  case Kind::milestone: {
    bool done = false;
    for (const Entry* e : counted) {
      done = done || e->value >= 1; // done stays done
      out.points.push_back({{e->period.end, done ? 1.0 : 0.0}, e->period.text, e->period.start,
                            e->provisional, false});
    }
    break;
  }
  case Kind::ratio: ratio_points(target, counted, out); break;
  case Kind::rank: rank_points(target, counted, out); break;
  case Kind::level:
  case Kind::monitor:
  case Kind::growth:
    for (const Entry* e : counted)
      out.points.push_back({{e->period.end, e->value}, e->period.text, e->period.start,
                            e->provisional, false});
    break;
  }
  return out;
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

bool rule_holds(const Target& target, double c) { return rule_holds(target, c, target.value); }

bool rule_holds(const Target& target, double c, double v) {
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
  case Rule::none: return true;
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

Assessment assess(const Target& target, const std::vector<Entry>& entries, const Context& ctx,
                  const Linked* linked, const std::string& plan_id) {
  Assessment a;
  const Date D = ctx.as_of;
  const Date T = target.deadline;

  // SPEC §2: entries with period end <= D count, and never those ending after the deadline.
  Values values = values_of(target, entries, std::min(D, T), linked, plan_id);
  std::vector<Observation> series;
  std::vector<std::string> periods;
  for (const auto& p : values.points) {
    series.push_back(p.obs);
    periods.push_back(p.period);
  }
  a.inconsistent_periods = values.inconsistent;
  a.incomplete_periods = values.incomplete;
  a.ratio_periods = values.ratio_periods;
  a.peer_periods = values.peer_periods;
  a.growth_sources = values.growth_sources;

  // Baseline (t0, b): the target's own, else the earliest observation (SPEC §2).
  if (target.baseline)
    a.baseline = Observation{target.baseline->date, target.baseline->value};
  else if (!series.empty() && target.kind != Kind::milestone)
    a.baseline = series.front();

  // v: for `between`, whichever bound of the band is nearer the baseline; for a referenced
  // value, the referenced target's current value at t_c (below).
  a.target_value = target.value;
  if (target.rule == Rule::between && target.min && target.max) {
    double b = a.baseline ? a.baseline->value : *target.min;
    a.target_value = std::fabs(b - *target.min) <= std::fabs(*target.max - b) ? *target.min
                                                                               : *target.max;
  }
  if (target.rule == Rule::done) a.target_value = 1;
  if (target.rule == Rule::none) a.has_target = false;

  // final_data_missing: past the deadline and nothing covers the period that ends at T; for
  // a flow, that period's amount must be complete, not annualised from part of it; for a
  // growth, the growth of that period must be known.
  if (D > T) {
    bool covered;
    if (target.kind == Kind::flow) {
      Period last = period_containing(T, target.per.value_or(Cadence::year));
      covered = !series.empty() && periods.back() == last.text && !values.points.back().estimated;
    } else if (target.kind == Kind::growth) {
      covered = !series.empty() && series.back().t == T && !values.points.back().estimated;
    } else {
      Period last = period_containing(T, ctx.cadence);
      covered = values.last_reported && *values.last_reported >= last.start;
    }
    if (!covered) add_flag(a, Flag::final_data_missing);
  }
  if (!values.incomplete.empty()) add_flag(a, Flag::incomplete_peers);

  if (series.empty()) {
    a.status = Status::no_data;
    return a;
  }

  a.current = series.back().value;
  a.current_date = series.back().t;
  a.current_period = periods.back();
  const double c = *a.current;

  if (D <= T && values.last_reported && add_cadence(*values.last_reported, ctx.cadence) < D)
    add_flag(a, Flag::stale);
  if (values.points.back().estimated) add_flag(a, Flag::estimated);
  if (values.points.back().provisional) add_flag(a, Flag::provisional);
  if (!values.inconsistent.empty()) add_flag(a, Flag::inconsistent);
  a.duplicate_entities = values.duplicate_entities;
  if (!a.duplicate_entities.empty()) add_flag(a, Flag::duplicate_entity);

  // The forecast is fitted on the baseline and the counted observations.
  a.series = series;
  if (target.baseline && target.baseline->date < series.front().t)
    a.series.insert(a.series.begin(), *a.baseline);
  auto forecast = [&] {
    a.forecast = least_squares_at(a.series, T, target.trajectory == Trajectory::compound);
  };

  // Monitored without a target: actuals, trend and forecast (SPEC §2 "monitor").
  if (target.rule == Rule::none) {
    forecast();
    a.status = Status::monitored;
    return a;
  }

  // Milestones are done or not: nothing to pace, no trajectory (docs/assessment.md).
  if (target.kind == Kind::milestone) {
    a.gap = a.target_value - c;
    a.shortfall = std::max(0.0, a.target_value - c);
    a.status = c >= 1 ? Status::achieved : D > T ? Status::missed : Status::on_track;
    return a;
  }

  // A referenced value: the referenced target's current value at t_c, which must be known.
  if (target.value_ref) {
    const Target* referenced = nullptr;
    auto ref = linked_values(linked, target.value_ref->plan_id, target.value_ref->target_id, D, 0,
                             &referenced);
    std::optional<double> at_tc;
    if (ref)
      for (const auto& p : ref->points) {
        a.reference.push_back(p.obs);
        if (p.obs.t <= *a.current_date) at_tc = p.obs.value;
      }
    if (!at_tc) {
      a.has_target = false;
      a.status = Status::insufficient_data;
      forecast();
      return a;
    }
    a.target_value = *at_tc;
  }
  const double v = a.target_value;
  const double b = a.baseline->value;

  // Gap and shortfall (SPEC §2).
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
  case Rule::none: break;
  }

  // A growth rate is required every year: the trajectory is flat at v, the ratio c / v, and
  // the rate of the period that ends at T decides (SPEC §2 "growth").
  if (target.kind == Kind::growth) {
    forecast();
    a.expected = v;
    bool wants_more = target.rule == Rule::at_least || target.rule == Rule::more_than;
    if (rule_holds(target, c, v))
      a.ratio = wants_more && std::fabs(v) > slack(v) && v > 0 ? c / v : 1.0;
    else if (wants_more)
      a.ratio = v > slack(v) ? c / v : -1.0;
    else
      a.ratio = v > slack(v) && c > 0 ? v / c : -1.0;
    const auto& last = values.points.back();
    bool final_known = last.obs.t == T && !last.estimated;
    if (final_known || D > T)
      a.status = rule_holds(target, c, v) ? Status::achieved : Status::missed;
    else if (*a.ratio >= ctx.thresholds.on_track)
      a.status = Status::on_track;
    else if (*a.ratio >= ctx.thresholds.at_risk)
      a.status = Status::at_risk;
    else
      a.status = Status::off_track;
    return a;
  }

  // A target its baseline already meets has no distance to cover: what is expected is that
  // it stays met, so `expected` is v, `progress_pct` has no meaning, and the ratio is 1 while
  // the rule holds and -1 once it is lost, however the trajectory from b to v would read it
  // (docs/assessment.md).
  if (rule_holds(target, b, v)) {
    a.expected = v;
    a.ratio = rule_holds(target, c, v) ? 1.0 : -1.0;
  } else {
    // `+ 0.0` turns the -0 of no change towards a lower target into 0.
    if (std::fabs(v - b) > slack(b)) a.progress_pct = 100.0 * (c - b) / (v - b) + 0.0;
    // Ratio of actual to required change at t_c (SPEC §2 "Ratio").
    a.expected = expected_at(target, *a.baseline, v, *a.current_date);
    double required = *a.expected - b;
    if (std::fabs(required) > slack(b))
      a.ratio = (c - b) / required + 0.0;
    else
      a.ratio = (c - b) * direction(target, b, v) < -slack(b) ? -1.0 : 1.0;
  }

  // Forecast and the pace still needed.
  forecast();
  if (T > *a.current_date) a.needed_per_year = (v - c) / years_between(*a.current_date, T);

  // Status: the first row of the SPEC §2 table that applies.
  if (target.rule == Rule::keep_at_most) {
    // With clear_within, an observation over the limit is a breach only if none within DAYS
    // after it is back within the limit; observations after T may still clear it. While its
    // window is open it is an open exceedance: at_risk (docs/assessment.md).
    std::vector<SeriesPoint> clearing = values.points;
    if (target.clear_within && D > T)
      clearing = values_of(target, entries, std::min(D, T + date::days(*target.clear_within)),
                           linked, plan_id)
                     .points;
    for (size_t i = 0; i < values.points.size(); ++i) {
      const auto& p = values.points[i];
      if (p.obs.value <= v + slack(v)) continue;
      if (!target.clear_within) {
        a.first_breach = Breach{p.period, p.obs.value};
        break;
      }
      Date by = p.obs.t + date::days(*target.clear_within);
      bool cleared = std::any_of(clearing.begin(), clearing.end(), [&](const SeriesPoint& q) {
        return q.obs.t > p.obs.t && q.obs.t <= by && q.obs.value <= v + slack(v);
      });
      if (cleared) continue;
      if (by >= D) {
        if (!a.open_exceedance) {
          a.open_exceedance = Breach{p.period, p.obs.value};
          a.clear_by = by;
        }
        continue;
      }
      a.first_breach = Breach{p.period, p.obs.value};
      break;
    }
    a.status = a.first_breach      ? Status::breached
               : a.open_exceedance ? Status::at_risk
               : D >= T            ? Status::achieved
                                   : Status::on_track;
    return a;
  }
  if (rule_holds(target, c, v)) {
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
