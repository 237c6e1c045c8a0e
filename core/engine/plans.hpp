#pragma once
// Plans: import plan files (all or nothing, revisions with a reason), list and read them.

#include "storage/storage.hpp"

#include <string>
#include <vector>

namespace plantrack::engine {

using storage::ImportOutcome;
using storage::PlanDocument;
using storage::PlanRevision;
using storage::PlanSummary;

struct PlanImported {
  std::string file;
  std::string plan_id;
  std::size_t targets = 0;
  std::size_t tasks = 0;
  storage::ImportOutcome outcome = storage::ImportOutcome::created;
};

// Load every file (YAML or JSON) and store the plans all or nothing, recorded at `at` by
// `by`. Throws InputErrors listing every problem of every file (`file:line: why`), and
// InputError when a changed plan comes without a `reason`; nothing is stored then.
std::vector<PlanImported> import_plan_files(storage::Storage& storage,
                                            const std::vector<std::string>& files, Timestamp at,
                                            const std::string& by, const std::string& reason);

// The plans in the store, latest revisions.
std::vector<storage::PlanSummary> list_plans(storage::Storage& storage);

// The latest revision of plan `id`; InputError when unknown.
storage::PlanDocument find_plan(storage::Storage& storage, const std::string& id);

// Every revision of plan `id`, oldest first; InputError when unknown.
std::vector<storage::PlanRevision> plan_revisions(storage::Storage& storage,
                                                  const std::string& id);

} // namespace plantrack::engine
