#include "storage/postgres/entry_rows.hpp"

#include "model/enum_names.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <charconv>

namespace plantrack::storage::postgres {

const char* const entry_insert_columns =
    "id, plan_id, target_id, period, value, value_text, unit, recorded_at, recorded_by, source, "
    "note, provisional, entities, action, corrects, reason, hash, state, evidence, step, part, "
    "peer, batch";

const char* const checks_version_sql =
    "SELECT (SELECT COUNT(*) FROM plan_revisions) + (SELECT COUNT(*) FROM approvals)";

const char* const highest_entry_id_sql =
    "SELECT GREATEST((SELECT highest FROM entries_high_water), (SELECT COALESCE(MAX(id), 0) "
    "FROM entries))";

namespace {

// The names of a stored JSON array (entities, evidence); InputError when it is not one.
void read_names(const std::string& text, std::vector<std::string>& out, std::string_view what) {
  if (text == "[]") return;
  auto names = nlohmann::json::parse(text, nullptr, false);
  if (!names.is_array()) throw InputError(fmt::format("malformed {}", what));
  for (const auto& n : names)
    if (n.is_string()) out.push_back(n.get<std::string>());
}

// As SQLite's backend writes them (storage/sqlite/entry_writer.cpp): the same bytes.
std::string names_json(const std::vector<std::string>& names) {
  if (names.empty()) return "[]";
  return nlohmann::json(names).dump(-1, ' ', false, nlohmann::json::error_handler_t::ignore);
}

double parse_double(const char* text) {
  double value = 0;
  std::string_view view(text);
  auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), value);
  if (ec != std::errc() || end != view.data() + view.size())
    throw InputError(fmt::format("malformed value '{}'", view));
  return value;
}

std::int64_t parse_int(const char* text) {
  std::int64_t value = 0;
  std::string_view view(text);
  auto [end, ec] = std::from_chars(view.data(), view.data() + view.size(), value);
  if (ec != std::errc() || end != view.data() + view.size())
    throw InputError(fmt::format("malformed number '{}'", view));
  return value;
}

} // namespace

std::string double_text(double value) { return fmt::format("{}", value); }

Entry read_entry(const pqxx::row& row) {
  Entry e;
  e.id = parse_int(row[0].c_str());
  try {
    e.plan_id = row[1].c_str();
    e.target_id = row[2].c_str();
    e.period = parse_period(row[3].c_str());
    e.value = parse_double(row[4].c_str());
    e.value_text = row[5].c_str();
    e.unit = row[6].c_str();
    auto at = try_parse_timestamp(row[7].c_str());
    if (!at) throw InputError(fmt::format("malformed timestamp '{}'", row[7].c_str()));
    e.recorded_at = *at;
    e.recorded_by = row[8].c_str();
    e.source = row[9].c_str();
    e.note = row[10].c_str();
    e.provisional = parse_int(row[11].c_str()) != 0;
    read_names(row[12].c_str(), e.entities, "entities");
    auto action = from_string<Action>(row[13].c_str());
    if (!action) throw InputError(fmt::format("unknown action '{}'", row[13].c_str()));
    e.action = *action;
    if (!row[14].is_null()) e.corrects = parse_int(row[14].c_str());
    e.reason = row[15].c_str();
    e.hash = row[16].c_str();
    if (!row[17].is_null()) {
      auto state = from_string<TaskState>(row[17].c_str());
      if (!state) throw InputError(fmt::format("unknown task state '{}'", row[17].c_str()));
      e.state = state;
    }
    read_names(row[18].c_str(), e.evidence, "evidence");
    e.step = row[19].c_str();
    if (!row[20].is_null()) {
      auto part = from_string<Part>(row[20].c_str());
      if (!part) throw InputError(fmt::format("unknown part '{}'", row[20].c_str()));
      e.part = part;
    }
    e.peer = row[21].c_str();
  } catch (const InputError& bad) {
    throw CorruptEntry(e.id, bad.what());
  }
  return e;
}

void entry_params(const Entry& e, std::int64_t batch, std::vector<Param>& out) {
  out.emplace_back(std::to_string(e.id));
  out.emplace_back(e.plan_id);
  out.emplace_back(e.target_id);
  out.emplace_back(e.period.text);
  out.emplace_back(double_text(e.value));
  out.emplace_back(e.value_text);
  out.emplace_back(e.unit);
  out.emplace_back(format_timestamp(e.recorded_at));
  out.emplace_back(e.recorded_by);
  out.emplace_back(e.source);
  out.emplace_back(e.note);
  out.emplace_back(e.provisional ? "1" : "0");
  out.emplace_back(names_json(e.entities));
  out.emplace_back(std::string(to_string(e.action)));
  out.push_back(e.corrects ? Param(std::to_string(*e.corrects)) : std::nullopt);
  out.emplace_back(e.reason);
  out.emplace_back(e.hash);
  out.push_back(e.state ? Param(std::string(to_string(*e.state))) : std::nullopt);
  out.emplace_back(names_json(e.evidence));
  out.emplace_back(e.step);
  out.push_back(e.part ? Param(std::string(to_string(*e.part))) : std::nullopt);
  out.emplace_back(e.peer);
  out.push_back(batch != 0 ? Param(std::to_string(batch)) : std::nullopt);
}

} // namespace plantrack::storage::postgres
