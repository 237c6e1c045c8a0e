#include "commands/commands.hpp"

#include "engine/scheduling.hpp"
#include "errors.hpp"
#include "report/schedule_view.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {
namespace {

struct ScheduleOptions {
  engine::Schedule schedule;
  std::string every;
};

void run_add(Session& session, ScheduleOptions opt) {
  auto& sc = opt.schedule;
  auto every = from_string<Cadence>(opt.every);
  if (!every)
    throw InputError(fmt::format("--every '{}' is not one of {}", opt.every, joined_names<Cadence>()));
  sc.every = *every;
  std::string format = session.format({"table", "md", "html", "csv", "json"});
  sc.format = format == "table" ? "md" : format;
  sc.created_at = session.now();
  sc.created_by = session.recorded_by();
  auto added = engine::add_schedule(session.store(), sc);
  fmt::print(session.out(), "schedule {}: {} report of {} every {} into {}\n", added.name,
             added.format, added.plan_id, to_string(added.every), added.out_dir);
}

void run_list(Session& session) {
  auto format = session.format({"table", "json"});
  auto schedules = engine::list_schedules(session.store());
  if (format == "json")
    session.out() << report::schedules_json(schedules).dump(2) << "\n";
  else
    session.out() << report::schedules_table(schedules, session.lang());
}

} // namespace

void setup_schedule(CLI::App& app, Registry& registry) {
  auto* schedule = app.add_subcommand("schedule", "Scheduled reports");
  schedule->require_subcommand(1);
  auto add = std::make_shared<ScheduleOptions>();
  auto* add_cmd = schedule->add_subcommand("add", "Write PLAN's report every month, quarter or year");
  add_cmd->add_option("name", add->schedule.name, "A name for the schedule")->required();
  add_cmd->add_option("--plan", add->schedule.plan_id, "Plan id")->required();
  add_cmd->add_option("--every", add->every, "month, quarter or year")->required();
  add_cmd->add_option("--out", add->schedule.out_dir, "Folder the reports are written to")->required();
  registry.add(add_cmd, [add](Session& s) { run_add(s, *add); });

  auto* list = schedule->add_subcommand("list", "List the schedules");
  registry.add(list, [](Session& s) { run_list(s); });

  auto name = std::make_shared<std::string>();
  auto* remove = schedule->add_subcommand("remove", "Remove a schedule (its reports stay archived)");
  remove->add_option("name", *name, "Schedule name")->required();
  registry.add(remove, [name](Session& s) {
    engine::remove_schedule(s.store(), *name, s.recorded_by(), s.now());
    fmt::print(s.out(), "removed schedule {}\n", *name);
  });
}

} // namespace plantrack::cli
