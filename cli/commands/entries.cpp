#include "commands/commands.hpp"

#include "engine/entry_checker.hpp"
#include "errors.hpp"
#include "report/table.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {
namespace {

std::string joined(const std::vector<std::string>& items, std::string_view sep) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : std::string(sep)) + i;
  return s;
}

void run_entries(Session& session, const std::string& scope) {
  auto format = session.format({"table", "json"});
  auto storage = open_storage(session);
  storage::EntryFilter filter;
  if (!scope.empty()) {
    engine::EntryChecker checker(*storage);
    if (scope.find('/') != std::string::npos) {
      auto ref = parse_target_ref(scope);
      checker.target(ref); // unknown plan or target: InputError
      filter = {ref.plan_id, ref.target_id};
    } else {
      if (!storage->find_plan(scope))
        throw InputError(fmt::format("unknown plan '{}'; see `plantrack plan list` for the plans "
                                     "in this database",
                                     scope));
      filter.plan_id = scope;
    }
  }
  auto entries = storage->entries(filter);
  if (format == "json") {
    auto out = nlohmann::ordered_json::array();
    for (const auto& e : entries)
      out.push_back({{"id", e.id},
                     {"target", e.plan_id + "/" + e.target_id},
                     {"period", e.period.text},
                     {"value", e.value},
                     {"value_text", e.value_text},
                     {"unit", e.unit},
                     {"recorded_at", format_timestamp(e.recorded_at)},
                     {"recorded_by", e.recorded_by},
                     {"source", e.source},
                     {"note", e.note},
                     {"provisional", e.provisional},
                     {"entities", e.entities}});
    session.out() << out.dump(2) << "\n";
    return;
  }
  auto lang = session.lang();
  report::Table table;
  for (auto key : {"id", "ref", "period", "value", "recorded_at", "recorded_by", "source", "note"})
    table.header.emplace_back(report::label(lang, key));
  table.right_aligned = {true, false, false, true};
  for (const auto& e : entries) {
    std::string value = e.value_text + (e.unit.empty() ? "" : " " + e.unit);
    if (e.provisional) value += lang == report::Lang::zh ? " (初步)" : " (provisional)";
    std::string note = e.note;
    if (!e.entities.empty())
      note += (note.empty() ? "" : " ") + fmt::format("[{}]", joined(e.entities, ";"));
    table.rows.push_back({std::to_string(e.id), e.plan_id + "/" + e.target_id, e.period.text,
                          value, format_local(e.recorded_at, display_zone), e.recorded_by,
                          e.source, note});
  }
  session.out() << report::render(table);
}

} // namespace

void setup_entries(CLI::App& app, Registry& registry) {
  auto scope = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("entries", "Show the entry history");
  cmd->add_option("scope", *scope, "PLAN or PLAN/TARGET (default: all)");
  registry.add(cmd, [scope](Session& session) { run_entries(session, *scope); });
}

} // namespace plantrack::cli
