#include "commands/commands.hpp"

#include "errors.hpp"
#include "planfile/plan_file.hpp"
#include "report/status_view.hpp"
#include "report/table.hpp"

#include <fmt/ostream.h>

#include <map>

namespace plantrack::cli {
namespace {

struct ImportOptions {
  std::vector<std::string> files;
  std::string reason;
};

void run_import(Session& session, const ImportOptions& opt) {
  std::vector<storage::PlanDocument> plans;
  std::vector<std::string> problems;
  std::map<std::string, std::string> file_of; // plan id -> file that defines it
  for (const auto& file : opt.files) {
    try {
      auto loaded = planfile::load_plan_file(file);
      auto [it, fresh] = file_of.emplace(loaded.plan.id, file);
      if (!fresh) {
        problems.push_back(fmt::format("{}:1: id: plan id '{}' is also defined by {}; import one "
                                       "of the two files, or give this plan its own id",
                                       file, loaded.plan.id, it->second));
        continue;
      }
      plans.push_back({std::move(loaded.plan), std::move(loaded.document)});
    } catch (const InputErrors& e) {
      problems.insert(problems.end(), e.lines().begin(), e.lines().end());
    } catch (const InputError& e) {
      problems.emplace_back(e.what());
    }
  }
  if (!problems.empty()) throw InputErrors(std::move(problems));

  auto storage = open_storage(session);
  auto outcomes = storage->import_plans(plans, session.now(), session.recorded_by(), opt.reason);
  for (size_t i = 0; i < plans.size(); ++i) {
    const Plan& p = plans[i].plan;
    std::string_view what = outcomes[i] == storage::ImportOutcome::created   ? "imported"
                            : outcomes[i] == storage::ImportOutcome::revised ? "revised"
                                                                             : "unchanged";
    fmt::print(session.out(), "{} {}: {} targets, {} tasks ({})\n", what, p.id, p.targets.size(),
               p.tasks.size(), opt.files[i]);
  }
}

void run_list(Session& session) {
  auto format = session.format({"table", "json"});
  auto storage = open_storage(session);
  auto plans = storage->list_plans();
  auto lang = session.lang();
  if (format == "json") {
    auto out = nlohmann::ordered_json::array();
    for (const auto& p : plans)
      out.push_back({{"id", p.id},
                     {"title", p.title},
                     {"issuer", p.issuer},
                     {"revision", p.revision},
                     {"targets", p.targets},
                     {"entries", p.entries},
                     {"imported_at", format_timestamp(p.imported_at)},
                     {"imported_by", p.imported_by}});
    session.out() << out.dump(2) << "\n";
    return;
  }
  report::Table table;
  for (auto key : {"id", "title", "revision", "targets", "entries", "imported_at"})
    table.header.emplace_back(report::label(lang, key));
  table.right_aligned = {false, false, true, true, true, false};
  for (const auto& p : plans)
    table.rows.push_back({p.id, p.title, std::to_string(p.revision), std::to_string(p.targets),
                          std::to_string(p.entries), format_local(p.imported_at, display_zone)});
  session.out() << report::render(table);
}

std::string target_rule_text(const Target& t) {
  switch (t.rule) {
  case Rule::between:
    return fmt::format("between {}..{}", report::format_value(*t.min), report::format_value(*t.max));
  case Rule::done: return "done";
  default: return fmt::format("{} {}", to_string(t.rule), report::format_value(t.value));
  }
}

void run_revisions(Session& session, storage::Storage& storage, const std::string& id,
                   const std::string& format) {
  auto revisions = storage.plan_revisions(id);
  if (format == "json") {
    auto out = nlohmann::ordered_json::array();
    for (const auto& r : revisions)
      out.push_back({{"revision", r.revision},
                     {"imported_at", format_timestamp(r.imported_at)},
                     {"imported_by", r.imported_by},
                     {"reason", r.reason},
                     {"changes", r.changes}});
    session.out() << out.dump(2) << "\n";
    return;
  }
  auto lang = session.lang();
  report::Table table;
  for (auto key : {"revision", "imported_at", "imported_by", "reason", "changes"})
    table.header.emplace_back(report::label(lang, key));
  table.right_aligned = {true};
  for (const auto& r : revisions) {
    std::vector<std::string> changes = r.changes;
    if (changes.empty()) changes.push_back("-");
    // One line per change, the revision's own cells on its first line only.
    for (size_t i = 0; i < changes.size(); ++i)
      table.rows.push_back({i == 0 ? std::to_string(r.revision) : "",
                            i == 0 ? format_local(r.imported_at, display_zone) : "",
                            i == 0 ? r.imported_by : "", i == 0 ? (r.reason.empty() ? "-" : r.reason) : "",
                            changes[i]});
  }
  session.out() << report::render(table);
}

void run_show(Session& session, const std::string& id, bool revisions) {
  auto format = session.format({"table", "json"});
  auto storage = open_storage(session);
  auto found = storage->find_plan(id);
  if (!found)
    throw InputError(fmt::format("unknown plan '{}'; see `plantrack plan list` for the plans in "
                                 "this database",
                                 id));
  if (revisions) return run_revisions(session, *storage, id, format);
  if (format == "json") {
    session.out() << found->document.dump(2) << "\n";
    return;
  }
  const Plan& p = found->plan;
  auto lang = session.lang();
  auto& out = session.out();
  fmt::print(out, "{}  {}\n", p.id, p.title);
  fmt::print(out, "{}: {}  ({})\n", lang == report::Lang::zh ? "发布" : "issuer", p.issuer,
             p.jurisdiction);
  fmt::print(out, "{}: {}..{}  {}: {}\n", lang == report::Lang::zh ? "期间" : "period",
             format_date(p.start), format_date(p.end),
             lang == report::Lang::zh ? "报送周期" : "cadence", to_string(p.cadence));
  fmt::print(out, "{}: {} ({})\n", report::label(lang, "source"), p.source.title,
             format_date(p.source.date));
  for (const auto& g : p.goals) {
    fmt::print(out, "\n[{}] {}\n", g.id, g.title);
    report::Table table;
    for (auto key : {"id", "title", "kind", "rule", "unit", "deadline", "responsible"})
      table.header.emplace_back(report::label(lang, key));
    for (const auto& t : p.targets) {
      if (t.goal != g.id) continue;
      std::string responsible;
      for (const auto& r : t.responsible) responsible += (responsible.empty() ? "" : ",") + r;
      std::string title = lang == report::Lang::en && !t.title_en.empty() ? t.title_en : t.title;
      std::string kind(to_string(t.kind));
      if (t.per) kind += "/" + std::string(to_string(*t.per));
      table.rows.push_back({t.id, title, kind, target_rule_text(t), t.unit.empty() ? "-" : t.unit,
                            format_date(t.deadline), responsible});
    }
    if (!table.rows.empty()) out << report::render(table);
  }
  if (!p.tasks.empty()) {
    fmt::print(out, "\n{}\n", report::label(lang, "tasks"));
    report::Table table;
    for (auto key : {"id", "title", "responsible"}) table.header.emplace_back(report::label(lang, key));
    for (const auto& t : p.tasks) {
      std::string responsible;
      for (const auto& r : t.responsible) responsible += (responsible.empty() ? "" : ",") + r;
      table.rows.push_back({t.id, t.title, responsible});
    }
    out << report::render(table);
  }
}

} // namespace

void setup_plan(CLI::App& app, Registry& registry) {
  auto* plan = app.add_subcommand("plan", "Load, list and inspect plans");
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
}

} // namespace plantrack::cli
