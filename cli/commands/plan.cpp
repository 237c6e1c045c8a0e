#include "commands/commands.hpp"

#include "engine/plans.hpp"
#include "report/plan_view.hpp"

#include <fmt/ostream.h>

namespace plantrack::cli {
namespace {

struct ImportOptions {
  std::vector<std::string> files;
  std::string reason;
};

std::string_view outcome_text(engine::ImportOutcome outcome) {
  switch (outcome) {
  case engine::ImportOutcome::created: return "imported";
  case engine::ImportOutcome::revised: return "revised";
  case engine::ImportOutcome::unchanged: return "unchanged";
  }
  return "imported";
}

void run_import(Session& session, const ImportOptions& opt) {
  auto by = session.recorded_by();
  for (const auto& p : engine::import_plan_files(session.store(), opt.files, session.now(), by,
                                                 opt.reason))
    fmt::print(session.out(), "{} {}: {} targets, {} tasks ({})\n", outcome_text(p.outcome),
               p.plan_id, p.targets, p.tasks, p.file);
}

void run_list(Session& session) {
  auto format = session.format({"table", "json"});
  auto plans = engine::list_plans(session.store());
  if (format == "json")
    session.out() << report::plans_json(plans).dump(2) << "\n";
  else
    session.out() << report::plans_table(plans, session.lang());
}

void run_show(Session& session, const std::string& id, bool revisions) {
  auto format = session.format({"table", "json"});
  if (revisions) {
    auto all = engine::plan_revisions(session.store(), id);
    if (format == "json")
      session.out() << report::revisions_json(all).dump(2) << "\n";
    else
      session.out() << report::revisions_table(all, session.lang());
    return;
  }
  auto found = engine::find_plan(session.store(), id);
  if (format == "json")
    session.out() << found.document.dump(2) << "\n";
  else
    session.out() << report::plan_text(found.plan, session.lang());
}

struct ExportOptions {
  std::string plan;
  int revision = 0;
  bool revision_given = false;
  std::string output;
  bool force = false;
};

void run_export(Session& session, const ExportOptions& opt) {
  // The global default "table" means the plan file's default here: YAML.
  auto format = session.format({"table", "yaml", "json"});
  engine::PlanExportRequest request;
  request.plan_id = opt.plan;
  if (opt.revision_given) request.revision = opt.revision;
  request.format = format == "json" ? engine::PlanFileFormat::json : engine::PlanFileFormat::yaml;
  bool to_stdout = opt.output.empty() || opt.output == "-";
  if (!to_stdout) request.output = opt.output;
  request.overwrite = opt.force;
  auto exported = engine::export_plan(session.store(), request);
  if (to_stdout)
    session.out() << exported.content;
  else
    fmt::print(session.out(), "wrote {} ({} revision {}, {})\n", opt.output, opt.plan,
               exported.revision, format == "json" ? "json" : "yaml");
}

} // namespace

void setup_plan(CLI::App& app, Registry& registry) {
  auto* plan = app.add_subcommand("plan", "Load, list, inspect and export plans");
  plan->require_subcommand(1);

  auto import_opt = std::make_shared<ImportOptions>();
  auto* import = plan->add_subcommand("import", "Load plan files (YAML or JSON)");
  import->add_option("files", import_opt->files, "Plan files")->required();
  import->add_option("--reason", import_opt->reason, "Why a changed plan gets a new revision");
  registry.add(import, [import_opt](Session& s) { run_import(s, *import_opt); });

  auto* list = plan->add_subcommand("list", "List the plans in the database");
  registry.add(list, [](Session& s) { run_list(s); });

  auto id = std::make_shared<std::string>();
  auto revisions = std::make_shared<bool>(false);
  auto* show = plan->add_subcommand("show", "Show a plan's goals, targets and tasks");
  show->add_option("plan", *id, "Plan id")->required();
  show->add_flag("--revisions", *revisions, "List the plan's revisions and what each changed");
  registry.add(show, [id, revisions](Session& s) { run_show(s, *id, *revisions); });

  auto export_opt = std::make_shared<ExportOptions>();
  auto* exp = plan->add_subcommand("export", "Write a plan file (--format yaml|json) that "
                                             "imports again unchanged");
  exp->add_option("plan", export_opt->plan, "Plan id")->required();
  auto* revision = exp->add_option(
      "--revision", export_opt->revision,
      "This revision (numbered as `plan show PLAN --revisions` lists them), not the latest");
  exp->add_option("-o,--output", export_opt->output, "Write to FILE instead of standard output");
  exp->add_flag("--force", export_opt->force, "Replace an existing output file");
  registry.add(exp, [export_opt, revision](Session& s) {
    export_opt->revision_given = revision->count() > 0;
    run_export(s, *export_opt);
  });
}

} // namespace plantrack::cli
