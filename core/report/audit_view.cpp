#include "report/audit_view.hpp"

#include "report/entries_view.hpp"
#include "report/markup.hpp"
#include "report/status_view.hpp"
#include "report/table.hpp"

#include <fmt/format.h>

namespace plantrack::report {
namespace {

using json = nlohmann::ordered_json;

} // namespace

json completion_json(const audit::CompletionAudit& a) {
  json targets = json::array();
  for (const auto& t : a.targets) {
    json evidence = json::array();
    for (const auto& ev : t.evidence) {
      json item = entry_json(ev.entry);
      json earlier = json::array();
      for (const auto& v : ev.earlier_versions) earlier.push_back(entry_json(v));
      item["earlier_versions"] = earlier;
      evidence.push_back(item);
    }
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
  return {{"plan", a.plan.id},
          {"title", a.plan.title},
          {"as_of", format_date(a.as_of)},
          {"known_at", format_timestamp(a.known_at)},
          {"targets", targets}};
}

std::string completion_text(const audit::CompletionAudit& a, Lang lang, bool markdown) {
  bool zh = lang == Lang::zh;
  auto heading = [&](int level, const std::string& text) {
    return markdown ? std::string(static_cast<size_t>(level), '#') + " " + text + "\n\n"
                    : text + "\n" + std::string(static_cast<size_t>(display_width(text)), level == 1 ? '=' : '-') + "\n";
  };
  auto line = [&](const std::string& key, const std::string& value) {
    return markdown ? "- " + key + ": " + value + "\n" : "  " + key + ": " + value + "\n";
  };
  std::string out = heading(1, fmt::format("{} {} {}", zh ? "完成情况审计" : "Completion audit",
                                           a.plan.id, a.plan.title));
  out += line(std::string(label(lang, "as_of")), format_date(a.as_of));
  out += line(zh ? "数据截至" : "known at", format_local(a.known_at, display_zone));
  out += "\n";
  for (const auto& t : a.targets) {
    std::string title = lang == Lang::en && !t.target.title_en.empty() ? t.target.title_en : t.target.title;
    out += heading(2, fmt::format("{} {}", t.target.id, title));
    out += line(std::string(label(lang, "target")),
                target_text(t.target) + ", " + std::string(label(lang, "deadline")) + " " +
                    format_date(t.target.deadline));
    std::string final_value = "-";
    if (t.result.current)
      final_value = (t.target.kind == Kind::milestone
                         ? std::string(*t.result.current >= 1 ? "done" : "not done")
                         : format_value(*t.result.current, t.target.precision) +
                               (t.target.unit.empty() ? "" : " " + t.target.unit)) +
                    " (" + t.result.current_period.value_or("-") + ")";
    out += line(zh ? "最终值" : "final value", final_value);
    out += line(std::string(label(lang, "ruling")),
                std::string(label(lang, to_string(t.ruling))) +
                    (t.result.first_breach ? fmt::format(" ({} {})", t.result.first_breach->period,
                                                         format_value(t.result.first_breach->value))
                                           : ""));
    if (!t.result.flags.empty()) {
      std::string flags;
      for (const auto& f : t.result.flags) flags += (flags.empty() ? "" : ", ") + std::string(label(lang, f));
      out += line(std::string(label(lang, "flags")), flags);
    }
    if (!t.entities.empty())
      out += line(zh ? "计数对象" : "entities counted", std::to_string(t.entities.size()));
    if (!t.result.duplicate_entities.empty()) {
      std::string dup;
      for (const auto& d : t.result.duplicate_entities) dup += (dup.empty() ? "" : ", ") + d;
      out += line(zh ? "重复计数" : "counted twice", dup);
    }
    if (t.evidence.empty()) {
      out += line(std::string(label(lang, "evidence")), zh ? "无" : "none");
      out += "\n";
      continue;
    }
    Table table;
    for (auto key : {"id", "period", "value", "source", "recorded_by", "recorded_at", "version"})
      table.header.emplace_back(label(lang, key));
    if (!t.entities.empty()) table.header.emplace_back(label(lang, "entities"));
    for (const auto& ev : t.evidence) {
      std::string history;
      for (const auto& v : ev.earlier_versions) {
        std::string item = fmt::format("#{} {} {} {}", v.id,
                                       v.value_text + (v.unit.empty() ? "" : " " + v.unit),
                                       v.recorded_by, format_local(v.recorded_at, display_zone));
        if (!v.reason.empty()) item += " " + v.reason;
        history += (history.empty() ? "" : "; ") + item;
      }
      if (ev.entry.corrects)
        history += fmt::format("{}{} #{}: {}", history.empty() ? "" : "; ",
                               zh ? "更正" : "corrects", *ev.entry.corrects, ev.entry.reason);
      const Entry& e = ev.entry;
      std::vector<std::string> row{std::to_string(e.id), e.period.text,
                                   e.value_text + (e.unit.empty() ? "" : " " + e.unit),
                                   e.source.empty() ? "-" : e.source, e.recorded_by,
                                   format_local(e.recorded_at, display_zone),
                                   history.empty() ? "-" : history};
      if (!t.entities.empty()) {
        std::string names;
        for (const auto& n : e.entities) names += (names.empty() ? "" : ";") + n;
        row.push_back(names);
      }
      table.rows.push_back(std::move(row));
    }
    out += markdown ? "\n" + md_table(table) : render(table);
    out += "\n";
  }
  return out;
}

} // namespace plantrack::report
