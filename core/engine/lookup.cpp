#include "engine/lookup.hpp"

#include "errors.hpp"
#include "model/text.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace plantrack::engine {
namespace {

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

} // namespace

std::string suggest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string best;
  size_t best_distance = std::max<size_t>(3, word.size() / 3) + 1;
  for (const auto& c : candidates) {
    size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best = c;
      best_distance = d;
    }
  }
  return best;
}

const Plan& Catalog::plan(const std::string& id) {
  auto it = plans_.find(id);
  if (it == plans_.end()) {
    auto found = storage_.find_plan(id);
    it = plans_.emplace(id, found ? std::make_shared<const Plan>(std::move(found->plan)) : nullptr)
             .first;
  }
  if (!it->second) {
    auto ids = storage_.plan_ids();
    auto guess = suggest(id, ids);
    throw NotFound(fmt::format("unknown plan '{}'; {}", id,
                                 guess.empty()
                                     ? "see `plantrack plan list` for the plans in this database"
                                     : fmt::format("did you mean '{}'?", guess)));
  }
  return *it->second;
}

void Catalog::adopt(const std::string& id, std::shared_ptr<const Plan> plan) {
  plans_[id] = std::move(plan);
}

namespace {

// The ids `ref` could have meant, for a suggestion: targets, and tasks unless `targets_only`.
[[noreturn]] void unknown_item(const Plan& p, const TargetRef& ref, bool targets_only) {
  std::vector<std::string> ids;
  for (const auto& t : p.targets) ids.push_back(t.id);
  if (!targets_only)
    for (const auto& t : p.tasks) ids.push_back(t.id);
  auto guess = suggest(ref.target_id, ids);
  bool is_task = targets_only && p.find_task(ref.target_id);
  throw NotFound(fmt::format(
      "plan '{}' has no {} '{}'; {}", ref.plan_id, targets_only ? "target" : "target or task",
      ref.target_id,
      is_task ? fmt::format("'{}' is a task, which this command does not take", ref.target_id)
      : guess.empty()
          ? fmt::format("see `plantrack plan show {}` for its {}", ref.plan_id,
                        targets_only ? "targets" : "targets and tasks")
          : fmt::format("did you mean '{}/{}'?", ref.plan_id, guess)));
}

} // namespace

const Target& Catalog::target(const TargetRef& ref) {
  const Plan& p = plan(ref.plan_id);
  if (const Target* t = p.find_target(ref.target_id)) return *t;
  unknown_item(p, ref, true);
}

Item Catalog::item(const TargetRef& ref) {
  const Plan& p = plan(ref.plan_id);
  if (const Target* t = p.find_target(ref.target_id)) return {t, nullptr};
  if (const Task* t = p.find_task(ref.target_id)) return {nullptr, t};
  unknown_item(p, ref, false);
}

Entry Catalog::check(const EntryInput& input) {
  TargetRef ref = parse_target_ref(input.ref);
  Item found = item(ref);
  return found.task ? prepare_task_entry(*found.task, ref, input)
                    : prepare_entry(*found.target, ref, input);
}

storage::PlanDocument plan_at(storage::Storage& storage, const std::string& id,
                              Timestamp known_at) {
  if (auto found = storage.find_plan(id, known_at)) return std::move(*found);
  Catalog(storage).plan(id); // unknown: throws, with a suggestion
  throw InputError(fmt::format("plan '{}' was not yet imported at --known-at {}; pass a later "
                               "--known-at",
                               id, format_timestamp(known_at)));
}

storage::PlanDocument plan_with_target_at(storage::Storage& storage, const TargetRef& ref,
                                          Timestamp known_at) {
  Catalog catalog(storage);       // owns the plan `now` points into
  Item now = catalog.item(ref); // unknown plan, target or task: throws, with a suggestion
  auto found = storage.find_plan(ref.plan_id, known_at);
  if (!found || !(now.task ? found->plan.find_task(ref.target_id) != nullptr
                           : found->plan.find_target(ref.target_id) != nullptr))
    throw InputError(fmt::format("{} '{}/{}' was not in the plan at --known-at {}; pass a "
                                 "later --known-at",
                                 now.task ? "task" : "target", ref.plan_id, ref.target_id,
                                 format_timestamp(known_at)));
  return std::move(*found);
}

void require_named_org(const std::set<std::string>& named, const std::string& org) {
  if (named.count(org)) return;
  std::string names = joined(named, ", ");
  throw InputError(
      names.empty()
          ? fmt::format("--org '{}' is not an org of the plans shown; they name none", org)
          : fmt::format("--org '{}' is not an org of the plans shown; use one of {}", org, names));
}

} // namespace plantrack::engine
