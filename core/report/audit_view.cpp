#include "report/audit_view.hpp"

#include "model/text.hpp"
#include "report/entries_view.hpp"
#include "report/markup.hpp"
#include "report/status_view.hpp"
#include "report/table.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace plantrack::report {
namespace {

using json = nlohmann::ordered_json;

json evidence_json(const std::vector<audit::Evidence>& evidence) {
  json out = json::array();
  for (const auto& ev : evidence) {
    json item = entry_json(ev.entry);
    json earlier = json::array();
    for (const auto& v : ev.earlier_versions) earlier.push_back(entry_json(v));
    item["earlier_versions"] = earlier;
    out.push_back(item);
  }
  return out;
}

// The earlier versions of an entry and what it corrects: "#3 推进中 王 2019-05-02 09:00 原因".
std::string history_cell(const audit::Evidence& ev, Lang lang) {
  std::string history;
  for (const auto& v : ev.earlier_versions) {
    std::string item = fmt::format("#{} {} {} {}", v.id,
                                   v.value_text + (v.unit.empty() ? "" : " " + v.unit),
                                   v.recorded_by, format_local(v.recorded_at, display_zone));
    if (!v.reason.empty()) item += " " + v.reason;
    history += (history.empty() ? "" : "; ") + item;
  }
  if (ev.entry.corrects)
    history += fmt::format("{}{} #{}: {}", history.empty() ? "" : "; ", label(lang, "corrects"),
                           *ev.entry.corrects, ev.entry.reason);
  return history.empty() ? "-" : history;
}

} // namespace

json completion_json(const audit::CompletionAudit& a) {
  json targets = json::array();
  for (const auto& t : a.targets) {
    json evidence = evidence_json(t.evidence);
    json status = target_json(a.plan, t.target, t.result);
    targets.push_back({{"ref", status["ref"]},
                       {"title", t.target.title},
                       {"unit", t.target.unit},
                       {"rule", status["rule"]},
                       {"target", status["target"]},
                       {"deadline", status["deadline"]},
                       {"final_value", status["current"]},
                       {"final_period", status["current_period"]},
                       {"ruling", to_string(t.ruling)},
                       {"status", status["status"]},
                       {"flags", status["flags"]},
                       {"entities", t.entities},
                       {"duplicate_entities", t.result.duplicate_entities},
                       {"evidence", evidence}});
  }
  json tasks = json::array();
  for (const auto& t : a.tasks) {
    json status = task_json(a.plan, t.task, t.result);
    tasks.push_back({{"ref", status["ref"]},
                     {"title", t.task.title},
                     {"deadline", status["deadline"]},
                     {"final_state", status["state"]},
                     {"final_period", status["last_period"]},
                     {"done_on", status["done_on"]},
                     {"ruling", to_string(t.ruling)},
                     {"status", status["status"]},
                     {"flags", status["flags"]},
                     {"responsible", t.task.responsible},
                     {"support", t.task.support},
                     {"evidence", evidence_json(t.evidence)}});
  }
  return {{"plan", a.plan.id},
          {"title", a.plan.title},
          {"as_of", format_date(a.as_of)},
          {"known_at", format_timestamp(a.known_at)},
          {"targets", targets},
          {"tasks", tasks}};
}

std::string completion_text(const audit::CompletionAudit& a, Lang lang, bool markdown) {
  auto heading = [&](int level, const std::string& text) {
    return markdown ? std::string(static_cast<size_t>(level), '#') + " " + text + "\n\n"
                    : text + "\n" + std::string(static_cast<size_t>(display_width(text)), level == 1 ? '=' : '-') + "\n";
  };
  // A "key: value" line, the key a label.
  auto line = [&](std::string_view key, const std::string& value) {
    std::string k(label(lang, key));
    return markdown ? "- " + k + ": " + value + "\n" : "  " + k + ": " + value + "\n";
  };
  std::string out = heading(1, fmt::format("{} {} {}", label(lang, "completion_audit"), a.plan.id,
                                           a.plan.title));
  out += line("as_of", format_date(a.as_of));
  out += line("known_at", format_local(a.known_at, display_zone));
  out += "\n";
  for (const auto& t : a.targets) {
    out += heading(2, fmt::format("{} {}", t.target.id, title_in(lang, t.target)));
    out += line("target", target_cell(t.target, t.result) + ", " +
                              std::string(label(lang, "deadline")) + " " +
                              format_date(t.target.deadline));
    std::string final_value = "-";
    if (t.result.current)
      final_value = (t.target.kind == Kind::milestone
                         ? std::string(*t.result.current >= 1 ? "done" : "not done")
                         : format_value(*t.result.current, t.target.precision) +
                               (t.target.unit.empty() ? "" : " " + t.target.unit)) +
                    " (" + t.result.current_period.value_or("-") + ")";
    out += line("final_value", final_value);
    out += line("ruling",
                std::string(label(lang, t.ruling)) +
                    (t.result.first_breach ? fmt::format(" ({} {}{})", t.result.first_breach->period,
                                                         format_value(t.result.first_breach->value),
                                                         t.target.unit.empty() ? "" : " " + t.target.unit)
                                           : ""));
    if (!t.result.flags.empty()) {
      std::string flags;
      for (auto f : t.result.flags) flags += (flags.empty() ? "" : ", ") + std::string(label(lang, f));
      out += line("flags", flags);
    }
    if (!t.entities.empty()) out += line("entities_counted", std::to_string(t.entities.size()));
    if (!t.result.duplicate_entities.empty()) {
      out += line("counted_twice", joined(t.result.duplicate_entities, ", "));
    }
    if (t.evidence.empty()) {
      out += line("evidence", std::string(label(lang, "none")));
      out += "\n";
      continue;
    }
    Table table;
    for (auto key : {"id", "period", "value", "source", "recorded_by", "recorded_at", "version"})
      table.header.emplace_back(label(lang, key));
    if (!t.entities.empty()) table.header.emplace_back(label(lang, "entities"));
    // A ratio's parts and a rank's peers, when any entry has one.
    auto has = [&](auto pred) { return std::any_of(t.evidence.begin(), t.evidence.end(), pred); };
    bool any_part = has([](const audit::Evidence& ev) { return ev.entry.part.has_value(); });
    bool any_peer = has([](const audit::Evidence& ev) { return !ev.entry.peer.empty(); });
    if (any_part) table.header.emplace_back(label(lang, "part"));
    if (any_peer) table.header.emplace_back(label(lang, "peer"));
    for (const auto& ev : t.evidence) {
      const Entry& e = ev.entry;
      std::vector<std::string> row{std::to_string(e.id), e.period.text,
                                   e.value_text + (e.unit.empty() ? "" : " " + e.unit),
                                   e.source.empty() ? "-" : e.source, e.recorded_by,
                                   format_local(e.recorded_at, display_zone),
                                   history_cell(ev, lang)};
      if (!t.entities.empty()) {
        row.push_back(joined(e.entities, ";"));
      }
      if (any_part) row.emplace_back(e.part ? label(lang, to_string(*e.part)) : "-");
      if (any_peer) row.push_back(e.peer.empty() ? "-" : e.peer);
      table.rows.push_back(std::move(row));
    }
    out += markdown ? "\n" + md_table(table) : render(table);
    out += "\n";
  }
  for (const auto& t : a.tasks) {
    const auto& r = t.result;
    out += heading(2, fmt::format("{} {}", t.task.id, t.task.title));
    out += line("deadline", t.task.deadline ? format_date(*t.task.deadline) : "-");
    if (!t.task.responsible.empty()) out += line("responsible", joined(t.task.responsible, ", "));
    if (!t.task.support.empty()) out += line("support", joined(t.task.support, ", "));
    out += line("final_state", r.state ? std::string(label(lang, *r.state)) + " (" +
                                             r.last_period.value_or("-") + ")"
                                       : "-");
    if (r.done_on) out += line("done_on", format_date(*r.done_on));
    out += line("status", std::string(label(lang, r.status)));
    out += line("ruling", std::string(label(lang, t.ruling)));
    if (!r.flags.empty()) out += line("flags", task_flags_cell(r.flags, lang, ", "));
    if (t.evidence.empty()) {
      out += line("evidence", std::string(label(lang, "none")));
      out += "\n";
      continue;
    }
    Table table;
    for (auto key : {"id", "period", "state", "note", "evidence", "step", "recorded_by",
                     "recorded_at", "version"})
      table.header.emplace_back(label(lang, key));
    for (const auto& ev : t.evidence) {
      const Entry& e = ev.entry;
      table.rows.push_back({std::to_string(e.id), e.period.text, e.value_text,
                            e.note.empty() ? "-" : e.note,
                            e.evidence.empty() ? "-" : joined(e.evidence, "; "),
                            e.step.empty() ? "-" : e.step, e.recorded_by,
                            format_local(e.recorded_at, display_zone), history_cell(ev, lang)});
    }
    out += markdown ? "\n" + md_table(table) : render(table);
    out += "\n";
  }
  return out;
}

nlohmann::ordered_json refusals_json(const std::vector<Refusal>& refusals) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& r : refusals)
    out.push_back({{"id", r.id},
                   {"at", format_timestamp(r.at)},
                   {"by", r.by},
                   {"action", r.action},
                   {"message", r.message}});
  return out;
}

std::string refusals_table(const std::vector<Refusal>& refusals, Lang lang) {
  Table table;
  for (auto key : {"acted_at", "acted_by", "action", "message"})
    table.header.emplace_back(label(lang, key));
  for (const auto& r : refusals)
    table.rows.push_back({format_local(r.at, display_zone), r.by, r.action, r.message});
  return render(table);
}

} // namespace plantrack::report
