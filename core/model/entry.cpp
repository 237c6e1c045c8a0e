#include "model/entry.hpp"

#include "errors.hpp"
#include "model/text.hpp"
#include "model/units.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace plantrack {

std::vector<Entry> effective_entries(const std::vector<Entry>& entries, Timestamp known_at) {
  std::map<std::int64_t, const Entry*> by_id;
  std::map<std::int64_t, const Entry*> replaced_by; // entry id -> its correction or retraction
  for (const auto& e : entries) {
    if (e.recorded_at > known_at) continue;
    by_id[e.id] = &e;
    if (e.corrects) replaced_by[*e.corrects] = &e;
  }
  std::vector<Entry> out;
  for (const auto& [id, e] : by_id) {
    if (e->corrects) continue; // a later version: reached from the entry it replaces
    const Entry* latest = e;
    for (auto it = replaced_by.find(latest->id); it != replaced_by.end();
         it = replaced_by.find(latest->id))
      latest = it->second;
    if (latest->action != Action::retract) out.push_back(*latest);
  }
  return out;
}

std::vector<Entry> effective_entries(std::vector<Entry>&& entries, Timestamp known_at) {
  if (std::any_of(entries.begin(), entries.end(), [](const Entry& e) { return e.corrects; }))
    return effective_entries(static_cast<const std::vector<Entry>&>(entries), known_at);
  entries.erase(std::remove_if(entries.begin(), entries.end(),
                               [&](const Entry& e) { return e.recorded_at > known_at; }),
                entries.end());
  auto by_id = [](const Entry& a, const Entry& b) { return a.id < b.id; };
  if (!std::is_sorted(entries.begin(), entries.end(), by_id))
    std::sort(entries.begin(), entries.end(), by_id);
  return std::move(entries);
}

std::vector<Entry> versions_of(const std::vector<Entry>& entries, std::int64_t id) {
  std::map<std::int64_t, const Entry*> by_id, replaced_by;
  for (const auto& e : entries) {
    by_id[e.id] = &e;
    if (e.corrects) replaced_by[*e.corrects] = &e;
  }
  std::vector<Entry> chain;
  // Walk back to the first version, then forward to the latest.
  const Entry* first = by_id.count(id) ? by_id[id] : nullptr;
  while (first && first->corrects && by_id.count(*first->corrects)) first = by_id[*first->corrects];
  for (const Entry* e = first; e;) {
    chain.push_back(*e);
    auto it = replaced_by.find(e->id);
    e = it == replaced_by.end() ? nullptr : it->second;
  }
  return chain;
}

TargetRef parse_target_ref(std::string_view ref) {
  require_utf8(ref, "target");
  auto slash = ref.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == ref.size() ||
      ref.find('/', slash + 1) != std::string_view::npos)
    throw InputError(fmt::format(
        "target '{}' is not PLAN/TARGET; write e.g. tongzhou-st-2020/patent-applications "
        "(see `plantrack plan show PLAN`)",
        excerpt(ref)));
  auto target = ref.substr(slash + 1);
  std::optional<Part> part;
  if (auto colon = target.find(':'); colon != std::string_view::npos) {
    part = from_string<Part>(target.substr(colon + 1));
    if (!part || colon == 0)
      throw InputError(fmt::format("'{}' does not name a part of a ratio; write "
                                   "PLAN/TARGET:numerator or PLAN/TARGET:denominator",
                                   excerpt(ref)));
    target = target.substr(0, colon);
  }
  return {std::string(ref.substr(0, slash)), std::string(target), part};
}

namespace {

struct StateWord {
  std::string_view word;
  TaskState state;
};
constexpr StateWord chinese_state_words[] = {{"未启动", TaskState::not_started},
                                             {"推进中", TaskState::in_progress},
                                             {"已完成", TaskState::done},
                                             {"暂缓", TaskState::suspended}};

// Only UTF-8 is stored: every listing, report and JSON document must be able to show it.
void require_utf8_input(const EntryInput& input) {
  for (const auto& [text, what] : {std::pair{&input.period, "period"}, {&input.value, "value"},
                                   {&input.unit, "unit"}, {&input.source, "source"},
                                   {&input.note, "note"}, {&input.recorded_by, "recorded_by"},
                                   {&input.step, "step"}})
    require_utf8(*text, what);
  for (const auto& name : input.entities) require_utf8(name, "entity");
  for (const auto& item : input.evidence) require_utf8(item, "evidence");
}

} // namespace

std::optional<TaskState> parse_task_state(std::string_view word) {
  if (auto state = from_string<TaskState>(word)) return state;
  for (const auto& w : chinese_state_words)
    if (w.word == word) return w.state;
  return std::nullopt;
}

std::string task_state_words() {
  std::vector<std::string_view> chinese;
  for (const auto& w : chinese_state_words) chinese.push_back(w.word);
  return fmt::format("{} ({})", joined_names<TaskState>(", "), joined(chinese, ", "));
}

Entry prepare_task_entry(const Task& task, const TargetRef& ref, const EntryInput& input) {
  require_utf8_input(input);
  auto state = parse_task_state(input.value);
  if (!state)
    throw InputError(fmt::format("'{}' is not a state of task {}/{}; write one of {}",
                                 excerpt(input.value), ref.plan_id, ref.target_id,
                                 task_state_words()));
  if (!input.unit.empty())
    throw InputError(fmt::format("unit '{}' given for task {}/{}, whose entries carry a state; "
                                 "leave the unit out",
                                 excerpt(input.unit), ref.plan_id, ref.target_id));
  if (!input.entities.empty())
    throw InputError(fmt::format("entities given for task {}/{}; entities are counted by "
                                 "cumulative targets, a task's documents go in --evidence",
                                 ref.plan_id, ref.target_id));
  if (input.provisional)
    throw InputError(fmt::format("task {}/{} has no figure to be provisional; leave out "
                                 "--provisional and say what is pending in --note",
                                 ref.plan_id, ref.target_id));
  if (ref.part)
    throw InputError(fmt::format("task {}/{} has no {}; parts are for ratio targets, log the "
                                 "task as {}/{}",
                                 ref.plan_id, ref.target_id, to_string(*ref.part), ref.plan_id,
                                 ref.target_id));
  if (!input.peer.empty())
    throw InputError(fmt::format("peer '{}' given for task {}/{}; peers are for rank targets, "
                                 "leave out --peer",
                                 excerpt(input.peer), ref.plan_id, ref.target_id));
  if (!input.step.empty() && !task.find_step(input.step)) {
    std::vector<std::string_view> ids;
    for (const auto& s : task.steps) ids.push_back(s.id);
    throw InputError(
        ids.empty()
            ? fmt::format("step '{}' given, but task {}/{} has no steps; leave out --step",
                          excerpt(input.step), ref.plan_id, ref.target_id)
            : fmt::format("'{}' is not a step of task {}/{}; its steps are {}",
                          excerpt(input.step), ref.plan_id, ref.target_id, joined(ids, ", ")));
  }
  for (const auto& item : input.evidence)
    if (item.find_first_not_of(" \t") == std::string::npos)
      throw InputError("an evidence item is empty; name each document or URL, separated by ';'");
  Entry e;
  e.plan_id = ref.plan_id;
  e.target_id = ref.target_id;
  e.period = parse_period(input.period);
  e.value_text = input.value;
  e.value = *state == TaskState::done ? 1 : 0;
  e.state = state;
  e.evidence = input.evidence;
  e.step = input.step;
  e.recorded_by = input.recorded_by;
  e.source = input.source;
  e.note = input.note;
  return e;
}

Entry prepare_entry(const Target& target, const TargetRef& ref, const EntryInput& input) {
  require_utf8_input(input);
  if (!input.evidence.empty() || !input.step.empty())
    throw InputError(fmt::format("{} given for target {}/{}; evidence and steps are for tasks, "
                                 "give a target's evidence in --source",
                                 input.step.empty() ? "evidence" : "a step", ref.plan_id,
                                 ref.target_id));
  if (target.kind != Kind::milestone && parse_task_state(input.value))
    throw InputError(fmt::format("'{}' is a task state, but {}/{} is a target; log a number in "
                                 "{}",
                                 excerpt(input.value), ref.plan_id, ref.target_id,
                                 target.unit.empty() ? "its unit" : "'" + target.unit + "'"));
  std::string name = fmt::format("{}/{}", ref.plan_id, ref.target_id);
  if (target.kind == Kind::growth)
    throw InputError(fmt::format("{} is a growth rate derived from {}/{}; it is never logged, "
                                 "log the amounts of {}/{} instead",
                                 name, ref.plan_id, target.of, ref.plan_id, target.of));
  if (ref.part && target.kind != Kind::ratio)
    throw InputError(fmt::format("{} is a {} target and has no {}; parts are for ratio targets, "
                                 "log {} itself",
                                 name, to_string(target.kind), to_string(*ref.part), name));
  if (!input.peer.empty()) {
    if (target.kind != Kind::rank || !target.peers)
      throw InputError(fmt::format(
          "peer '{}' given for {}, which {}; leave out --peer", excerpt(input.peer), name,
          target.kind == Kind::rank ? "lists no peers (add peers: to the plan to rank among them)"
                                    : "is not a rank target"));
    const auto& among = target.peers->among;
    if (std::find(among.begin(), among.end(), input.peer) == among.end())
      throw InputError(fmt::format("'{}' is not a peer of {}; name one of {}", excerpt(input.peer),
                                   name, joined(among, ", ")));
  }
  // The unit a value is logged against: the part's, the peers', or the target's.
  const std::string& unit = ref.part ? target.part_unit(*ref.part)
                            : !input.peer.empty() ? target.peers->unit
                                                  : target.unit;
  Entry e;
  e.plan_id = ref.plan_id;
  e.target_id = ref.target_id;
  e.period = parse_period(input.period);
  e.value_text = input.value;
  e.unit = input.unit;
  e.part = ref.part;
  e.peer = input.peer;
  if (target.kind == Kind::milestone) {
    if (input.value == "done" || input.value == "1")
      e.value = 1;
    else if (input.value == "0")
      e.value = 0;
    else
      throw InputError(fmt::format("value '{}' does not fit milestone {}/{}; write done (or 1) "
                                   "when it is done, 0 when it is not yet",
                                   excerpt(input.value), ref.plan_id, ref.target_id));
    if (!input.unit.empty())
      throw InputError(fmt::format("unit '{}' given for milestone {}/{}, which has no unit; "
                                   "leave the unit out",
                                   excerpt(input.unit), ref.plan_id, ref.target_id));
  } else {
    double typed = parse_number(input.value);
    e.value = convert_unit(typed, input.unit, unit);
    if (!std::isfinite(e.value))
      throw InputError(fmt::format("value '{}' {} is out of range in the target's unit '{}'; "
                                   "write a smaller number",
                                   excerpt(input.value), input.unit, unit));
    if (target.kind == Kind::rank && input.peer.empty() &&
        (e.value < 1 || e.value != std::floor(e.value)))
      throw InputError(fmt::format("rank '{}' of {} is not a position; write a whole number "
                                   "from 1 (the best)",
                                   excerpt(input.value), name));
    if (ref.part == Part::denominator && e.value == 0)
      throw InputError(fmt::format("denominator '{}' of {} is zero; a ratio needs a non-zero "
                                   "denominator",
                                   excerpt(input.value), name));
  }
  e.recorded_by = input.recorded_by;
  e.source = input.source;
  e.note = input.note;
  e.provisional = input.provisional;
  e.entities = input.entities;
  for (const auto& entity : e.entities)
    if (entity.empty())
      throw InputError("an entity name is empty; name each counted entity, separated by ';'");
  return e;
}

} // namespace plantrack
