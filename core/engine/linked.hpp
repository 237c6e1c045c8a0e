#pragma once
// The other targets an assessment reads (SPEC §1): a growth target its `of`, a target with a
// referenced value the referenced one, maybe in another plan. Plans are read from storage as
// they stood at the known-at time, on demand, and kept while in use.

#include "assess/assess.hpp"
#include "storage/storage.hpp"

#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace plantrack::engine {

class LinkedTargets {
public:
  LinkedTargets(storage::Storage& storage, Timestamp known_at);

  // A plan and its targets' entries in force at known_at, grouped by target.
  struct Loaded {
    Plan plan;
    std::unordered_map<std::string, std::vector<Entry>> entries;
  };

  // Register `plan` with `recorded` (its entries recorded by known_at, any versions): the
  // assessments of its targets read these. Replaces what was known of that plan.
  const Loaded& add(const Plan& plan, const std::vector<Entry>& recorded);
  // The same, from entries already in force, grouped by target.
  const Loaded& add(const Plan& plan, std::unordered_map<std::string, std::vector<Entry>> entries);
  // Let plan `id` go (status streams plan by plan); it is read again if referenced.
  void forget(const std::string& id);

  // What assess() reads through.
  const assess::Linked& linked() const { return linked_; }

private:
  const Loaded* load(const std::string& plan_id);

  storage::Storage& storage_;
  Timestamp known_at_;
  std::map<std::string, std::unique_ptr<Loaded>> plans_;
  assess::Linked linked_;
};

} // namespace plantrack::engine
