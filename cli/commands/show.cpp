#include "commands/commands.hpp"

#include "engine/evaluate.hpp"
#include "report/target_view.hpp"

namespace plantrack::cli {

void setup_show(CLI::App& app, Registry& registry) {
  auto ref = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand("show", "One target in depth: history, trajectory, ratio, "
                                         "forecast, needed pace");
  cmd->add_option("target", *ref, "PLAN/TARGET")->required();
  registry.add(cmd, [ref](Session& session) {
    auto format = session.format({"table", "json"});
    auto lang = session.lang();
    auto as_of = session.as_of();
    auto known_at = session.known_at();
    auto detail = engine::inspect(session.store(), parse_target_ref(*ref), as_of, known_at);
    if (format == "json")
      session.out() << report::target_detail_json(detail).dump(2) << "\n";
    else
      session.out() << report::target_detail_text(detail, lang);
  });
}

} // namespace plantrack::cli
