#include "report/task_view.hpp"

#include "model/text.hpp"
#include "report/entries_view.hpp"
#include "report/status_view.hpp"
#include "report/table.hpp"

#include <fmt/format.h>

namespace plantrack::report {
namespace {

using json = nlohmann::ordered_json;

std::string date_or_dash(const std::optional<Date>& d) { return d ? format_date(*d) : "-"; }

} // namespace

json task_detail_json(const engine::TaskDetail& d) {
  const Task& t = d.task;
  json out = task_json(d.plan, t, d.result);
  out["as_of"] = format_date(d.as_of);
  out["known_at"] = format_timestamp(d.known_at);
  out["goal"] = t.goal.empty() ? json(nullptr) : json(t.goal);
  out["source"] = t.source;
  out["definition_note"] = t.note;
  out["entries"] = entries_json(d.entries);
  return out;
}

std::string task_detail_text(const engine::TaskDetail& d, Lang lang) {
  const Task& t = d.task;
  const auto& a = d.result;
  std::string out = fmt::format("{}/{}  {}\n", d.plan.id, t.id, t.title);
  for (const auto& g : d.plan.goals)
    if (g.id == t.goal) out += fmt::format("{}: [{}] {}\n", label(lang, "goal"), g.id, g.title);
  if (!t.responsible.empty())
    out += fmt::format("{}: {}\n", label(lang, "responsible"), joined(t.responsible, ", "));
  if (!t.support.empty())
    out += fmt::format("{}: {}\n", label(lang, "support"), joined(t.support, ", "));
  out += fmt::format("{}: {}\n", label(lang, "deadline"), date_or_dash(t.deadline));
  if (!t.appraisal.empty()) out += fmt::format("{}: {}\n", label(lang, "appraisal"), t.appraisal);
  if (!t.source.empty()) out += fmt::format("{}: {}\n", label(lang, "source_clause"), t.source);
  if (!t.note.empty()) out += fmt::format("{}: {}\n", label(lang, "note"), t.note);

  out += fmt::format("\n{} {} ({} {})\n", label(lang, "assessment_as_of"), format_date(d.as_of),
                     label(lang, "known_at"), format_local(d.known_at, display_zone));
  Table facts;
  facts.header = {std::string(label(lang, "item")), std::string(label(lang, "value"))};
  auto row = [&](std::string_view key, std::string value) {
    facts.rows.push_back({std::string(label(lang, key)), std::move(value)});
  };
  std::string flags = task_flags_cell(a.flags, lang, ", ");
  row("status", std::string(label(lang, a.status)));
  row("flags", flags.empty() ? "-" : flags);
  row("state", a.state ? std::string(label(lang, *a.state)) + " (" + a.last_period.value_or("-") + ")"
                       : "-");
  row("last_update", date_or_dash(a.last_update));
  row("done_on", date_or_dash(a.done_on));
  row("latest_note", a.note.empty() ? "-" : a.note);
  row("evidence", a.evidence.empty() ? "-" : joined(a.evidence, "; "));
  out += render(facts);

  if (!a.steps.empty()) {
    out += fmt::format("\n{}\n", label(lang, "steps"));
    Table steps;
    for (auto key : {"id", "date", "title", "completed_on", "late"})
      steps.header.emplace_back(label(lang, key));
    for (const auto& s : a.steps)
      steps.rows.push_back({s.step.id, format_date(s.step.date), s.step.title,
                            date_or_dash(s.completed), s.late ? std::string(label(lang, "late")) : ""});
    out += render(steps);
  }
  out += fmt::format("\n{} ({})\n", label(lang, "entry_history"), d.entries.size());
  if (!d.entries.empty()) out += entries_table(d.entries, lang);
  return out;
}

} // namespace plantrack::report
