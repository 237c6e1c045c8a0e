#include "commands/commands.hpp"

#include "engine/record.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {

void setup_correct(CLI::App& app, Registry& registry) {
  auto opt = std::make_shared<engine::CorrectionInput>();
  auto* cmd = app.add_subcommand("correct", "Append a correction of an entry; prints its id");
  cmd->add_option("entry", opt->replaces, "The id of the entry to correct")->required();
  cmd->add_option("value", opt->value, "The corrected value (a task: its state)")->required();
  cmd->add_option("unit", opt->unit, "The unit typed, if not the target's");
  cmd->add_option("--reason", opt->reason, "Why (required)")->required();
  cmd->add_option("--period", opt->period, "A corrected period (default: the entry's)");
  cmd->add_option("--source", opt->source, "Evidence for the correction");
  cmd->add_option("--note", opt->note, "Free text");
  cmd->add_option("--entity", opt->entities, "Counted entities (default: the entry's)");
  cmd->add_flag("--provisional", opt->provisional, "The corrected figure is still provisional");
  cmd->add_option("--evidence", opt->evidence, "Tasks: the evidence (default: the entry's)");
  cmd->add_option("--step", opt->step, "Tasks: the step completed (default: the entry's)");
  registry.add(cmd, [opt](Session& session) {
    auto input = *opt;
    input.recorded_by = session.recorded_by();
    fmt::print(session.out(), "{}\n",
               engine::correct_entry(session.store(), input, session.now()));
  });

  auto retract_opt = std::make_shared<engine::CorrectionInput>();
  auto* retract = app.add_subcommand("retract", "Append a retraction of an entry; prints its id");
  retract->add_option("entry", retract_opt->replaces, "The id of the entry to retract")->required();
  retract->add_option("--reason", retract_opt->reason, "Why (required)")->required();
  retract->add_option("--source", retract_opt->source, "Evidence for the retraction");
  retract->add_option("--note", retract_opt->note, "Free text");
  registry.add(retract, [retract_opt](Session& session) {
    auto input = *retract_opt;
    input.recorded_by = session.recorded_by();
    fmt::print(session.out(), "{}\n",
               engine::retract_entry(session.store(), input, session.now()));
  });
}

} // namespace plantrack::cli
