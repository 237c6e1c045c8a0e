#include "report/plan_view.hpp"

#include "model/text.hpp"
#include "report/status_view.hpp"
#include "report/table.hpp"

#include <fmt/format.h>

namespace plantrack::report {
namespace {

std::string target_rule_text(const Target& t) {
  switch (t.rule) {
  case Rule::between: return fmt::format("between {}..{}", format_value(*t.min), format_value(*t.max));
  case Rule::done:
  case Rule::none: return std::string(to_string(t.rule));
  default:
    // A referenced value is named by its target: the number moves with it.
    return fmt::format("{} {}", to_string(t.rule),
                       t.value_ref ? t.value_ref->plan_id + "/" + t.value_ref->target_id
                                   : format_value(t.value));
  }
}

// "demo/gdp 地区生产总值": a target of `plan`, or of another plan (named without a title).
std::string named_target(const Plan& plan, const std::string& plan_id, const std::string& id,
                         Lang lang) {
  std::string ref = plan_id + "/" + id;
  const Target* t = plan_id == plan.id ? plan.find_target(id) : nullptr;
  return t ? ref + " " + title_in(lang, *t) : ref;
}

} // namespace

std::vector<std::pair<std::string, std::string>> kind_fields(const Plan& plan, const Target& t,
                                                             Lang lang) {
  std::vector<std::pair<std::string, std::string>> out;
  auto add = [&](std::string_view key, std::string text) {
    out.emplace_back(label(lang, key), std::move(text));
  };
  for (auto [part, def] : {std::pair{Part::numerator, &t.numerator}, {Part::denominator, &t.denominator}})
    if (*def) add(to_string(part), (*def)->title + " (" + (*def)->unit + ")");
  if (t.kind == Kind::ratio) add("scale", format_value(t.scale));
  if (t.peers)
    add("peers", fmt::format("{} ({}: {}; {}; {})", joined(t.peers->among, ", "),
                             label(lang, "self"), t.peers->self,
                             label(lang, t.peers->better == Better::higher ? "better_higher"
                                                                           : "better_lower"),
                             t.peers->unit));
  if (t.kind == Kind::growth) {
    add("growth_of", named_target(plan, plan.id, t.of, lang));
    add("basis", fmt::format("{} ({})",
                             label(lang, t.basis == GrowthBasis::yoy ? "basis_yoy" : "basis_cagr"),
                             to_string(t.basis)));
  }
  if (t.value_ref)
    add("referenced_target", named_target(plan, t.value_ref->plan_id, t.value_ref->target_id, lang));
  if (t.clear_within)
    add("clear_within", fmt::format("{} {}", *t.clear_within, label(lang, "days")));
  return out;
}

nlohmann::ordered_json plans_json(const std::vector<engine::PlanSummary>& plans) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& p : plans)
    out.push_back({{"id", p.id},
                   {"title", p.title},
                   {"issuer", p.issuer},
                   {"revision", p.revision},
                   {"targets", p.targets},
                   {"entries", p.entries},
                   {"imported_at", format_timestamp(p.imported_at)},
                   {"imported_by", p.imported_by}});
  return out;
}

std::string plans_table(const std::vector<engine::PlanSummary>& plans, Lang lang) {
  Table table;
  for (auto key : {"id", "title", "revision", "targets", "entries", "imported_at"})
    table.header.emplace_back(label(lang, key));
  table.right_aligned = {false, false, true, true, true, false};
  for (const auto& p : plans)
    table.rows.push_back({p.id, p.title, std::to_string(p.revision), std::to_string(p.targets),
                          std::to_string(p.entries), format_local(p.imported_at, display_zone)});
  return render(table);
}

std::string plan_text(const Plan& p, Lang lang) {
  std::string out = fmt::format("{}  {}\n", p.id, p.title);
  out += fmt::format("{}: {}  ({})\n", label(lang, "plan_issuer"), p.issuer, p.jurisdiction);
  out += fmt::format("{}: {}..{}  {}: {}\n", label(lang, "period"), format_date(p.start),
                     format_date(p.end), label(lang, "cadence"), to_string(p.cadence));
  out += fmt::format("{}: {} ({})\n", label(lang, "source"), p.source.title,
                     format_date(p.source.date));
  for (const auto& g : p.goals) {
    out += fmt::format("\n[{}] {}\n", g.id, g.title);
    Table table;
    for (auto key : {"id", "title", "kind", "rule", "unit", "deadline", "responsible", "support"})
      table.header.emplace_back(label(lang, key));
    for (const auto& t : p.targets) {
      if (t.goal != g.id) continue;
      const std::string& title = title_in(lang, t);
      std::string kind(to_string(t.kind));
      if (t.per) kind += "/" + std::string(to_string(*t.per));
      table.rows.push_back({t.id, title, kind, target_rule_text(t), t.unit.empty() ? "-" : t.unit,
                            format_date(t.deadline), joined(t.responsible, ","), joined(t.support, ",")});
    }
    if (!table.rows.empty()) out += render(table);
    // What the table has no column for: a line per target of the second edition's kinds.
    for (const auto& t : p.targets) {
      if (t.goal != g.id) continue;
      std::vector<std::string> fields;
      for (const auto& [key, text] : kind_fields(p, t, lang)) fields.push_back(key + ": " + text);
      if (!fields.empty()) out += fmt::format("  {}  {}\n", t.id, joined(fields, "; "));
    }
  }
  if (!p.tasks.empty()) {
    out += fmt::format("\n{}\n", label(lang, "tasks"));
    Table table;
    for (auto key : {"id", "title", "deadline", "responsible", "support", "appraisal"})
      table.header.emplace_back(label(lang, key));
    for (const auto& t : p.tasks) {
      std::string deadline = t.deadline ? format_date(*t.deadline) : "-";
      if (!t.steps.empty()) deadline += fmt::format(" ({}: {})", label(lang, "steps"), t.steps.size());
      table.rows.push_back({t.id, t.title, deadline, joined(t.responsible, ","),
                            joined(t.support, ","), t.appraisal.empty() ? "-" : t.appraisal});
    }
    out += render(table);
  }
  return out;
}

nlohmann::ordered_json revisions_json(const std::vector<engine::PlanRevision>& revisions) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& r : revisions)
    out.push_back({{"revision", r.revision},
                   {"imported_at", format_timestamp(r.imported_at)},
                   {"imported_by", r.imported_by},
                   {"reason", r.reason},
                   {"changes", r.changes}});
  return out;
}

std::string revisions_table(const std::vector<engine::PlanRevision>& revisions, Lang lang) {
  Table table;
  for (auto key : {"revision", "imported_at", "imported_by", "reason", "changes"})
    table.header.emplace_back(label(lang, key));
  table.right_aligned = {true};
  for (const auto& r : revisions) {
    std::vector<std::string> changes = r.changes;
    if (changes.empty()) changes.push_back("-");
    for (size_t i = 0; i < changes.size(); ++i)
      table.rows.push_back({i == 0 ? std::to_string(r.revision) : "",
                            i == 0 ? format_local(r.imported_at, display_zone) : "",
                            i == 0 ? r.imported_by : "",
                            i == 0 ? (r.reason.empty() ? "-" : r.reason) : "", changes[i]});
  }
  return render(table);
}

} // namespace plantrack::report
