#include "commands/commands.hpp"

#include "engine/evaluate.hpp"
#include "report/target_view.hpp"
#include "report/task_view.hpp"

#include <variant>

namespace plantrack::cli {

void setup_show(CLI::App& app, Registry& registry) {
  auto ref = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("show", "One target or task in depth: history, trajectory, "
                                         "ratio, forecast, needed pace; a task's steps and states");
  cmd->add_option("target", *ref, "PLAN/TARGET or PLAN/TASK")->required();
  registry.add(cmd, [ref](Session& session) {
    auto format = session.format({"table", "json"});
    auto lang = session.lang();
    auto as_of = session.as_of();
    auto known_at = session.known_at();
    auto item = engine::inspect_item(session.store(), parse_target_ref(*ref), as_of, known_at);
    if (const auto* task = std::get_if<engine::TaskDetail>(&item)) {
      if (format == "json")
        session.out() << report::task_detail_json(*task).dump(2) << "\n";
      else
        session.out() << report::task_detail_text(*task, lang);
      return;
    }
    const auto& detail = std::get<engine::TargetDetail>(item);
    if (format == "json")
      session.out() << report::target_detail_json(detail).dump(2) << "\n";
    else
      session.out() << report::target_detail_text(detail, lang);
  });
}

} // namespace plantrack::cli
