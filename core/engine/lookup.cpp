#include "engine/lookup.hpp"

#include "errors.hpp"

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
    it = plans_.emplace(id, found ? std::optional<Plan>(std::move(found->plan)) : std::nullopt).first;
  }
  if (!it->second) {
    std::vector<std::string> ids;
    for (const auto& s : storage_.list_plans()) ids.push_back(s.id);
    auto guess = suggest(id, ids);
    throw InputError(fmt::format("unknown plan '{}'; {}", id,
                                 guess.empty()
                                     ? "see `plantrack plan list` for the plans in this database"
                                     : fmt::format("did you mean '{}'?", guess)));
  }
  return *it->second;
}

const Target& Catalog::target(const TargetRef& ref) {
  const Plan& p = plan(ref.plan_id);
  if (const Target* t = p.find_target(ref.target_id)) return *t;
  std::vector<std::string> ids;
  for (const auto& t : p.targets) ids.push_back(t.id);
  auto guess = suggest(ref.target_id, ids);
  throw InputError(fmt::format(
      "plan '{}' has no target '{}'; {}", ref.plan_id, ref.target_id,
      guess.empty() ? fmt::format("see `plantrack plan show {}` for its targets", ref.plan_id)
                    : fmt::format("did you mean '{}/{}'?", ref.plan_id, guess)));
}

Entry Catalog::check(const EntryInput& input) {
  TargetRef ref = parse_target_ref(input.ref);
  return prepare_entry(target(ref), ref, input);
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
  Catalog(storage).target(ref); // unknown plan or target: throws, with a suggestion
  auto found = storage.find_plan(ref.plan_id, known_at);
  if (!found || !found->plan.find_target(ref.target_id))
    throw InputError(fmt::format("target '{}/{}' was not in the plan at --known-at {}; pass a "
                                 "later --known-at",
                                 ref.plan_id, ref.target_id, format_timestamp(known_at)));
  return std::move(*found);
}

} // namespace plantrack::engine
