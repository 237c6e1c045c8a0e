#include "engine/plans.hpp"

#include "engine/authorize.hpp"

#include "engine/lookup.hpp"
#include "engine/reports.hpp"
#include "errors.hpp"
#include "planfile/plan_file.hpp"

#include <fmt/format.h>

#include "model/text.hpp"

#include <algorithm>
#include <map>
#include <optional>

namespace plantrack::engine {
namespace {

// Referenced values in other plans (value: {ref: PLAN/TARGET}) name a target of a plan being
// imported or already stored, and do not go round in a cycle (a plan file checks its own).
void check_references(storage::Storage& storage, const std::vector<storage::PlanDocument>& plans,
                      const std::map<std::string, std::string>& file_of,
                      std::vector<std::string>& problems) {
  std::map<std::string, std::optional<Plan>> stored; // plans read from storage, by id
  auto plan_named = [&](const std::string& id) -> const Plan* {
    for (const auto& p : plans)
      if (p.plan.id == id) return &p.plan;
    auto it = stored.find(id);
    if (it == stored.end()) {
      auto found = storage.find_plan(id);
      it = stored.emplace(id, found ? std::optional<Plan>(std::move(found->plan)) : std::nullopt)
               .first;
    }
    return it->second ? &*it->second : nullptr;
  };
  for (const auto& doc : plans) {
    const Plan& plan = doc.plan;
    for (size_t i = 0; i < plan.targets.size(); ++i) {
      const Target& t = plan.targets[i];
      if (!t.value_ref || t.value_ref->plan_id == plan.id) continue;
      std::string where = fmt::format("{}: targets[{}].value.ref", file_of.at(plan.id), i);
      std::vector<std::string> seen{plan.id + "/" + t.id};
      ValueRef next = *t.value_ref;
      while (true) {
        std::string name = next.plan_id + "/" + next.target_id;
        const Plan* other = plan_named(next.plan_id);
        const Target* referenced = other ? other->find_target(next.target_id) : nullptr;
        if (!referenced) {
          problems.push_back(fmt::format(
              "{}: '{}' is not a target {}; import that plan first or name an existing "
              "PLAN/TARGET",
              where, name, other ? "of plan " + next.plan_id : "of a stored plan"));
          break;
        }
        if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
          seen.push_back(name);
          problems.push_back(fmt::format("{}: references go round in a cycle ({}); let one of "
                                         "them be a number",
                                         where, joined(seen, " -> ")));
          break;
        }
        seen.push_back(name);
        if (!referenced->value_ref) break;
        next = *referenced->value_ref;
      }
    }
  }
}

} // namespace

// Load each text (or, with `read_files`, the file its name names) and store them all or none.
static std::vector<PlanImported> import_plans(storage::Storage& storage,
                                              const std::vector<PlanText>& texts, Timestamp at,
                                              const std::string& by, const std::string& reason,
                                              bool read_files);

std::vector<PlanImported> import_plan_files(storage::Storage& storage,
                                            const std::vector<std::string>& files, Timestamp at,
                                            const std::string& by, const std::string& reason) {
  std::vector<PlanText> texts;
  for (const auto& file : files) texts.push_back({file, {}});
  return import_plans(storage, texts, at, by, reason, true);
}

std::vector<PlanImported> import_plan_texts(storage::Storage& storage,
                                            const std::vector<PlanText>& texts, Timestamp at,
                                            const std::string& by, const std::string& reason) {
  return import_plans(storage, texts, at, by, reason, false);
}

std::vector<PlanImported> import_plans(storage::Storage& storage,
                                       const std::vector<PlanText>& texts, Timestamp at,
                                       const std::string& by, const std::string& reason,
                                       bool read_files) {
  authorize(storage, by, access::Action::manage_plans, {}, at);
  std::vector<storage::PlanDocument> plans;
  std::vector<std::string> problems;
  std::map<std::string, std::string> file_of; // plan id -> file that defines it
  std::vector<std::string> files;
  for (const auto& text : texts) files.push_back(text.name);
  for (size_t i = 0; i < texts.size(); ++i) {
    const auto& file = texts[i].name;
    try {
      auto loaded =
          read_files ? planfile::load_plan_file(file) : planfile::load_plan(texts[i].text, file);
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
  check_references(storage, plans, file_of, problems);
  if (!problems.empty()) throw InputErrors(std::move(problems));

  auto outcomes = storage.import_plans(plans, at, by, reason);
  std::vector<PlanImported> out;
  for (size_t i = 0; i < plans.size(); ++i) {
    const Plan& p = plans[i].plan;
    out.push_back({files[i], p.id, p.targets.size(), p.tasks.size(), outcomes[i]});
  }
  return out;
}

std::vector<storage::PlanSummary> list_plans(storage::Storage& storage) {
  return storage.list_plans();
}

storage::PlanDocument find_plan(storage::Storage& storage, const std::string& id) {
  if (auto found = storage.find_plan(id)) return std::move(*found);
  throw InputError(fmt::format("unknown plan '{}'; see `plantrack plan list` for the plans in "
                               "this database",
                               id));
}

std::vector<storage::PlanRevision> plan_revisions(storage::Storage& storage,
                                                  const std::string& id) {
  find_plan(storage, id); // unknown plan: InputError
  return storage.plan_revisions(id);
}

ExportedPlan export_plan(storage::Storage& storage, const PlanExportRequest& request) {
  const std::string& id = request.plan_id;
  auto revisions = plan_revisions(storage, id); // unknown plan: InputError
  int latest = revisions.back().revision;
  int wanted = request.revision.value_or(latest);
  auto found = storage.find_plan_revision(id, wanted);
  if (!found)
    throw InputError(fmt::format("plan '{}' has no revision {}; {}, see `plantrack plan show {} "
                                 "--revisions`",
                                 id, wanted,
                                 latest == 1 ? std::string("its only revision is 1")
                                             : fmt::format("pick one of 1 to {}", latest),
                                 id));
  ExportedPlan out;
  out.revision = wanted;
  out.content = request.format == PlanFileFormat::json ? found->document.dump(2) + "\n"
                                                       : planfile::plan_yaml(found->document);
  if (!request.output.empty()) write_file(request.output, out.content, request.overwrite);
  return out;
}

} // namespace plantrack::engine
