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
  case Rule::done: return "done";
  default: return fmt::format("{} {}", to_string(t.rule), format_value(t.value));
  }
}

} // namespace

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
