#include "engine/linked.hpp"

#include "engine/lookup.hpp"
#include "errors.hpp"

#include <algorithm>
#include <iterator>

namespace plantrack::engine {

LinkedTargets::LinkedTargets(storage::Storage& storage, Timestamp known_at)
    : storage_(storage), known_at_(known_at) {
  linked_.target = [this](const std::string& plan_id, const std::string& target_id) {
    const Loaded* loaded = load(plan_id);
    return loaded ? loaded->plan.find_target(target_id) : nullptr;
  };
  linked_.entries = [this](const std::string& plan_id,
                           const std::string& target_id) -> const std::vector<Entry>* {
    const Loaded* loaded = load(plan_id);
    if (!loaded) return nullptr;
    auto it = loaded->entries.find(target_id);
    return it == loaded->entries.end() ? nullptr : &it->second;
  };
}

const LinkedTargets::Loaded& LinkedTargets::add(
    const Plan& plan, std::unordered_map<std::string, std::vector<Entry>> entries) {
  auto& slot = plans_[plan.id];
  slot = std::make_unique<Loaded>(Loaded{plan, std::move(entries)});
  return *slot;
}

const LinkedTargets::Loaded& LinkedTargets::add(const Plan& plan,
                                                const std::vector<Entry>& recorded) {
  std::unordered_map<std::string, std::vector<Entry>> grouped;
  for (const auto& e : recorded) grouped[e.target_id].push_back(e);
  for (auto& [id, list] : grouped) list = effective_entries(std::move(list), known_at_);
  return add(plan, std::move(grouped));
}

void LinkedTargets::forget(const std::string& id) { plans_.erase(id); }

const LinkedTargets::Loaded* LinkedTargets::load(const std::string& plan_id) {
  if (auto it = plans_.find(plan_id); it != plans_.end()) return it->second.get();
  Plan plan;
  try {
    plan = plan_at(storage_, plan_id, known_at_).plan;
  } catch (const InputError&) {
    plans_[plan_id] = nullptr; // not stored (yet): the referencing target has no target value
    return nullptr;
  }
  // assessment_entries come target by target; each run becomes that target's entries in force.
  std::unordered_map<std::string, std::vector<Entry>> grouped;
  auto rows = storage_.assessment_entries(plan_id);
  for (auto run = rows.begin(); run != rows.end();) {
    auto end = std::find_if(run, rows.end(),
                            [&](const Entry& e) { return e.target_id != run->target_id; });
    std::vector<Entry> recorded(std::make_move_iterator(run), std::make_move_iterator(end));
    std::string target_id = recorded.front().target_id;
    grouped[target_id] = effective_entries(std::move(recorded), known_at_);
    run = end;
  }
  return &add(plan, std::move(grouped));
}

} // namespace plantrack::engine
