#include "commands/commands.hpp"

#include "engine/record.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {

void setup_log(CLI::App& app, Registry& registry) {
  auto input = std::make_shared<EntryInput>();
  auto* cmd = app.add_subcommand("log", "Append a progress entry; prints its id");
  cmd->add_option("target", input->ref,
                  "PLAN/TARGET, PLAN/TARGET:numerator or :denominator (a ratio's part), or "
                  "PLAN/TASK")
      ->required();
  cmd->add_option("value", input->value,
                  "The value (milestones: done or 0; tasks: not_started, in_progress, done, "
                  "suspended or 未启动, 推进中, 已完成, 暂缓)")
      ->required();
  cmd->add_option("unit", input->unit, "The unit typed, if not the target's (e.g. 万元)");
  cmd->add_option("--period", input->period, "2018, 2018Q2, 2018-06, 2018-06-30 or FROM..TO")
      ->required();
  cmd->add_option("--source", input->source, "Evidence: document, URL");
  cmd->add_option("--note", input->note, "Free text");
  cmd->add_option("--entity", input->entities, "A counted entity's name (repeatable)");
  cmd->add_flag("--provisional", input->provisional, "The figure is provisional");
  cmd->add_option("--evidence", input->evidence, "Tasks: a document or URL showing it (repeatable)");
  cmd->add_option("--step", input->step, "Tasks: the id of the step this entry completes");
  cmd->add_option("--peer", input->peer, "Rank targets: the peer whose value this is");
  registry.add(cmd, [input](Session& session) {
    EntryInput typed = *input;
    typed.recorded_by = session.recorded_by();
    fmt::print(session.out(), "{}\n", engine::log_entry(session.store(), typed, session.now()));
  });
}

} // namespace plantrack::cli
