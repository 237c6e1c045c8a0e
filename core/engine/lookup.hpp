#pragma once
// Finding stored plans and targets by the names users type, with suggestions for typos, and
// as they stood at a known-at time (SPEC §2). Every use case looks names up here.

#include "model/entry.hpp"
#include "storage/storage.hpp"

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>

namespace plantrack::engine {

// What PLAN/ID names: a target or a task (exactly one is set).
struct Item {
  const Target* target = nullptr;
  const Task* task = nullptr;

  // Its lead orgs (牵头单位): whose period approval locks its entries.
  const std::vector<std::string>& lead_orgs() const {
    return task ? task->responsible : target->responsible;
  }
  // Its lead and support orgs: whose officials write its entries.
  std::vector<std::string> orgs() const {
    std::vector<std::string> all = lead_orgs();
    const auto& support = task ? task->support : target->support;
    all.insert(all.end(), support.begin(), support.end());
    return all;
  }
};

// The latest revisions of the plans a use case touches, each read once.
class Catalog {
public:
  explicit Catalog(storage::Storage& storage) : storage_(storage) {}

  // The entry `input` describes, checked against its plan and target; recorded_at is left
  // for the caller. Throws InputError naming the unknown plan or target, or the bad value.
  Entry check(const EntryInput& input);

  // The plan and target `ref` names; throws InputError with a suggestion when unknown.
  const Target& target(const TargetRef& ref);
  // The target or task `ref` names; throws InputError with a suggestion when unknown.
  Item item(const TargetRef& ref);
  // The latest revision of plan `id`; throws InputError with a suggestion when unknown.
  const Plan& plan(const std::string& id);

  // Use `plan` as the latest revision of plan `id` instead of reading it (a plan already
  // decoded for the same checks_version, EntryQueue).
  void adopt(const std::string& id, std::shared_ptr<const Plan> plan);

private:
  storage::Storage& storage_;
  std::map<std::string, std::shared_ptr<const Plan>> plans_; // nullptr: no such plan
};

// The revision of plan `id` in force at `known_at`. Throws InputError for an unknown plan
// (with a suggestion) and for one not yet imported then (naming --known-at).
storage::PlanDocument plan_at(storage::Storage& storage, const std::string& id,
                              Timestamp known_at);

// The plan of `ref` in force at `known_at`, which must hold the target or task `ref` names:
// InputError otherwise.
storage::PlanDocument plan_with_target_at(storage::Storage& storage, const TargetRef& ref,
                                          Timestamp known_at);

// Refuses `--org ORG` unless `named` (the orgs the plans shown name) holds it: InputError
// listing them, so a typo is not mistaken for an org with nothing to report.
void require_named_org(const std::set<std::string>& named, const std::string& org);

// The closest of `candidates` to `word` when it is a plausible typo, else empty.
std::string suggest(const std::string& word, const std::vector<std::string>& candidates);

} // namespace plantrack::engine
