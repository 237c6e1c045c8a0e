#include "storage/sqlite/entry_rows.hpp"

#include "errors.hpp"
#include "storage/sqlite/stored_hash.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace plantrack::storage::sqlite {

// The column of each field; -1 for one the query does not select.
struct EntryRows::Columns {
  int id, plan_id, target_id, period, value, value_text, unit, recorded_at, recorded_by, source,
      note, provisional, entities, action, corrects, reason, hash, state, evidence, step, part, peer;
};

namespace {

// The position of `name` in a comma-separated column list, or -1 when it is not there.
constexpr int column(std::string_view list, std::string_view name) {
  for (int index = 0;; ++index) {
    auto comma = list.find(',');
    auto item = list.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    if (item == name) return index;
    if (comma == std::string_view::npos) return -1;
    list.remove_prefix(comma + 1);
  }
}

// Each field's column, found by name in the SQL text: the list and the decoder cannot drift.
constexpr EntryRows::Columns columns_of(std::string_view list) {
  return {column(list, "id"),          column(list, "plan_id"),     column(list, "target_id"),
          column(list, "period"),      column(list, "value"),       column(list, "value_text"),
          column(list, "unit"),        column(list, "recorded_at"), column(list, "recorded_by"),
          column(list, "source"),      column(list, "note"),        column(list, "provisional"),
          column(list, "entities"),    column(list, "action"),      column(list, "corrects"),
          column(list, "reason"),      column(list, "hash"),        column(list, "state"),
          column(list, "evidence"),    column(list, "step"),        column(list, "part"),
          column(list, "peer")};
}

// Whether a row holds every field that read() takes without a check.
constexpr bool readable(const EntryRows::Columns& c) {
  return c.id >= 0 && c.period >= 0 && c.value >= 0 && c.recorded_at >= 0 && c.provisional >= 0 &&
         c.entities >= 0 && c.action >= 0 && c.corrects >= 0 && c.state >= 0;
}

constexpr EntryRows::Columns whole = columns_of(PLANTRACK_ENTRY_COLUMNS);
constexpr EntryRows::Columns assessed = columns_of(PLANTRACK_ASSESSMENT_COLUMNS);
static_assert(readable(whole) && readable(assessed));

// The names of a stored JSON array (entities, evidence); InputError when it is not one.
void read_names(std::string_view text, std::vector<std::string>& out, std::string_view what) {
  if (text == "[]") return; // most entries name none: skip the JSON parser
  auto entities = nlohmann::json::parse(text, nullptr, false);
  if (!entities.is_array()) throw InputError(fmt::format("malformed {}", what));
  for (const auto& n : entities)
    if (n.is_string()) out.push_back(n.get<std::string>());
}

} // namespace

EntryRows::EntryRows() : columns_(whole) {}

EntryRows::EntryRows(std::string plan_id) : columns_(assessed), plan_id_(std::move(plan_id)) {}

void EntryRows::read(const EntryQuery& q, Entry& e) {
  const Columns& c = columns_;
  auto text = [&](int column, std::string& out) {
    if (column >= 0) out = q.text(column);
  };
  e.id = q.int64(c.id);
  try {
    if (c.plan_id >= 0)
      e.plan_id = q.text(c.plan_id);
    else
      e.plan_id = plan_id_;
    text(c.target_id, e.target_id);
    e.period = period(q.text(c.period));
    e.value = q.real(c.value);
    text(c.value_text, e.value_text);
    text(c.unit, e.unit);
    e.recorded_at = recorded_at(q.text(c.recorded_at));
    text(c.recorded_by, e.recorded_by);
    text(c.source, e.source);
    text(c.note, e.note);
    e.provisional = q.int64(c.provisional) != 0;
    read_names(q.text(c.entities), e.entities, "entities");
    if (!q.null(c.state)) {
      auto state = from_string<TaskState>(q.text(c.state));
      if (!state) throw InputError(fmt::format("unknown task state '{}'", q.text(c.state)));
      e.state = state;
    }
    if (c.evidence >= 0) read_names(q.text(c.evidence), e.evidence, "evidence");
    text(c.step, e.step);
    if (c.part >= 0 && !q.null(c.part)) {
      auto part = from_string<Part>(q.text(c.part));
      if (!part) throw InputError(fmt::format("unknown part '{}'", q.text(c.part)));
      e.part = part;
    }
    text(c.peer, e.peer);
    auto action = from_string<Action>(q.text(c.action));
    if (!action) throw InputError(fmt::format("unknown action '{}'", q.text(c.action)));
    e.action = *action;
    if (!q.null(c.corrects)) e.corrects = q.int64(c.corrects);
    text(c.reason, e.reason);
    if (c.hash >= 0) e.hash = hash_text(q.text(c.hash), q.blob(c.hash));
  } catch (const InputError& bad) {
    throw CorruptEntry(e.id, bad.what());
  }
}

const Period& EntryRows::period(std::string_view text) {
  auto known = periods_.find(std::string(text));
  if (known == periods_.end()) known = periods_.emplace(std::string(text), parse_period(text)).first;
  return known->second;
}

Timestamp EntryRows::recorded_at(std::string_view text) {
  if (!last_at_ || text != last_recorded_) {
    auto parsed = try_parse_timestamp(text);
    if (!parsed) throw InputError(fmt::format("malformed timestamp '{}'", text));
    last_recorded_ = text;
    last_at_ = *parsed;
  }
  return *last_at_;
}

} // namespace plantrack::storage::sqlite
