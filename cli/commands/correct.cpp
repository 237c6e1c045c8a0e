#include "commands/commands.hpp"

#include "engine/corrections.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {
namespace {

struct CorrectOptions {
  engine::CorrectionInput input;
  std::vector<std::string> entities;
  bool provisional = false;
};

// Append the replacing entry and print its id.
void append(Session& session, storage::Storage& storage, Entry entry) {
  entry.recorded_at = session.now();
  std::vector<Entry> batch{std::move(entry)};
  fmt::print(session.out(), "{}\n", storage.append_entries(batch).front());
}

} // namespace

void setup_correct(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<CorrectOptions>();
  auto* cmd = app.add_subcommand("correct", "Append a correction of an entry; prints its id");
  cmd->add_option("entry", opt->input.replaces, "The id of the entry to correct")->required();
  cmd->add_option("value", opt->input.value, "The corrected value")->required();
  cmd->add_option("unit", opt->input.unit, "The unit typed, if not the target's");
  cmd->add_option("--reason", opt->input.reason, "Why (required)")->required();
  cmd->add_option("--period", opt->input.period, "A corrected period (default: the entry's)");
  cmd->add_option("--source", opt->input.source, "Evidence for the correction");
  cmd->add_option("--note", opt->input.note, "Free text");
  cmd->add_option("--entity", opt->entities, "Counted entities (default: the entry's)");
  cmd->add_flag("--provisional", opt->provisional, "The corrected figure is still provisional");
  registry.add(cmd, [opt](Session& session) {
    auto storage = open_storage(session);
    auto input = opt->input;
    input.recorded_by = session.recorded_by();
    Entry e = engine::correction(*storage, input);
    if (!opt->entities.empty()) e.entities = opt->entities;
    e.provisional = opt->provisional;
    append(session, *storage, std::move(e));
  });

  auto retract_opt = std::make_shared<engine::CorrectionInput>();
  auto* retract = app.add_subcommand("retract", "Append a retraction of an entry; prints its id");
  retract->add_option("entry", retract_opt->replaces, "The id of the entry to retract")->required();
  retract->add_option("--reason", retract_opt->reason, "Why (required)")->required();
  retract->add_option("--source", retract_opt->source, "Evidence for the retraction");
  retract->add_option("--note", retract_opt->note, "Free text");
  registry.add(retract, [retract_opt](Session& session) {
    auto storage = open_storage(session);
    auto input = *retract_opt;
    input.recorded_by = session.recorded_by();
    append(session, *storage, engine::retraction(*storage, input));
  });
}

} // namespace plantrack::cli
