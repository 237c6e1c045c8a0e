#include "report/entries_view.hpp"

#include "io/entry_csv.hpp"
#include "model/text.hpp"
#include "report/table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace plantrack::report {

namespace {

// Which entry replaced each entry, among `entries`.
std::map<std::int64_t, const Entry*> replacements(const std::vector<Entry>& entries) {
  std::map<std::int64_t, const Entry*> by;
  for (const auto& e : entries)
    if (e.corrects) by[*e.corrects] = &e;
  return by;
}

} // namespace

nlohmann::ordered_json entry_json(const Entry& e) {
  using json = nlohmann::ordered_json;
  json out = {{"id", e.id},
              {"target", e.plan_id + "/" + e.target_id},
              {"period", e.period.text},
              // A task's entry has a state, not a number.
              {"value", e.state ? json(nullptr) : json(e.value)},
              {"value_text", e.value_text},
              {"unit", e.unit},
              {"recorded_at", format_timestamp(e.recorded_at)},
              {"recorded_by", e.recorded_by},
              {"source", e.source},
              {"note", e.note},
              {"provisional", e.provisional},
              {"entities", e.entities}};
  if (e.state) {
    // Only a task's entries carry these, so a target's entries read as they always have.
    out["state"] = to_string(*e.state);
    out["evidence"] = e.evidence;
    out["step"] = e.step.empty() ? json(nullptr) : json(e.step);
  }
  // Likewise a ratio's part and a rank's peer, only on the entries that have them.
  if (e.part) out["part"] = to_string(*e.part);
  if (!e.peer.empty()) out["peer"] = e.peer;
  json tail = {{"action", to_string(e.action)},
              {"corrects", e.corrects ? json(*e.corrects) : json(nullptr)},
              {"reason", e.reason},
              {"hash", e.hash}};
  for (auto& [k, v] : tail.items()) out[k] = v;
  return out;
}

nlohmann::ordered_json entries_json(const std::vector<Entry>& entries) {
  auto out = nlohmann::ordered_json::array();
  auto replaced = replacements(entries);
  // When any entry has a part or a peer, every entry lists it (null when it has none), so the
  // rows of one history have one shape.
  bool any_part =
      std::any_of(entries.begin(), entries.end(), [](const Entry& e) { return e.part.has_value(); });
  bool any_peer =
      std::any_of(entries.begin(), entries.end(), [](const Entry& e) { return !e.peer.empty(); });
  for (const auto& e : entries) {
    auto item = entry_json(e);
    // After `reason`, before `hash`, as entries have always been listed; part and peer before
    // `action`, where entry_json puts them.
    nlohmann::ordered_json ordered;
    for (auto& [k, v] : item.items()) {
      if (k == "action") {
        if (any_part && !e.part) ordered["part"] = nullptr;
        if (any_peer && e.peer.empty()) ordered["peer"] = nullptr;
      }
      if (k == "hash")
        ordered["replaced_by"] = replaced.count(e.id) ? nlohmann::ordered_json(replaced[e.id]->id)
                                                      : nullptr;
      ordered[k] = v;
    }
    out.push_back(std::move(ordered));
  }
  return out;
}

std::string entries_table(const std::vector<Entry>& entries, Lang lang) {
  Table table;
  for (auto key : {"id", "ref", "period", "value", "version", "recorded_at", "recorded_by",
                   "source", "note"})
    table.header.emplace_back(label(lang, key));
  // Tasks' evidence and steps get columns of their own, only when some entry has them.
  bool any_evidence = std::any_of(entries.begin(), entries.end(),
                                  [](const Entry& e) { return !e.evidence.empty(); });
  bool any_step =
      std::any_of(entries.begin(), entries.end(), [](const Entry& e) { return !e.step.empty(); });
  if (any_evidence) table.header.emplace_back(label(lang, "evidence"));
  if (any_step) table.header.emplace_back(label(lang, "step"));
  // So do a ratio's parts and a rank's peers.
  bool any_part =
      std::any_of(entries.begin(), entries.end(), [](const Entry& e) { return e.part.has_value(); });
  bool any_peer =
      std::any_of(entries.begin(), entries.end(), [](const Entry& e) { return !e.peer.empty(); });
  if (any_part) table.header.emplace_back(label(lang, "part"));
  if (any_peer) table.header.emplace_back(label(lang, "peer"));
  table.right_aligned = {true, false, false, true};
  auto replaced = replacements(entries);
  for (const auto& e : entries) {
    // The chain of versions: what this entry replaces and what replaced it.
    std::string version;
    if (e.action == Action::correct)
      version = fmt::format("{} #{}: {}", label(lang, "corrects"), *e.corrects, e.reason);
    else if (e.action == Action::retract)
      version = fmt::format("{} #{}: {}", label(lang, "retracts"), *e.corrects, e.reason);
    if (auto it = replaced.find(e.id); it != replaced.end())
      version += (version.empty() ? "" : "; ") +
                 fmt::format("{} #{}",
                             label(lang, it->second->action == Action::retract ? "retracted_by"
                                                                               : "corrected_by"),
                             it->second->id);
    if (version.empty()) version = "-";
    std::string value = e.value_text + (e.unit.empty() ? "" : " " + e.unit);
    if (e.provisional) value += fmt::format(" ({})", label(lang, "provisional_mark"));
    std::string note = e.note;
    if (!e.entities.empty()) {
      std::string names;
      for (const auto& n : e.entities) names += (names.empty() ? "" : ";") + n;
      note += (note.empty() ? "" : " ") + fmt::format("[{}]", names);
    }
    if (e.action == Action::retract) value = "-";
    std::vector<std::string> row{std::to_string(e.id), e.plan_id + "/" + e.target_id,
                                 e.period.text,         value,
                                 version,               format_local(e.recorded_at, display_zone),
                                 e.recorded_by,         e.source,
                                 note};
    if (any_evidence) row.push_back(e.evidence.empty() ? "-" : joined(e.evidence, "; "));
    if (any_step) row.push_back(e.step.empty() ? "-" : e.step);
    if (any_part) row.emplace_back(e.part ? label(lang, to_string(*e.part)) : "-");
    if (any_peer) row.push_back(e.peer.empty() ? "-" : e.peer);
    table.rows.push_back(std::move(row));
  }
  return render(table);
}

std::string entries_csv(const std::vector<Entry>& entries) {
  std::string out = io::entry_history_header();
  for (const auto& e : entries) out += io::entry_history_row(e);
  return out;
}

} // namespace plantrack::report
