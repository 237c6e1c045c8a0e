#pragma once
// Plans: import plan files (all or nothing, revisions with a reason), list and read them.

#include "storage/storage.hpp"

#include <optional>
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

// A plan file's text and the name its problems are reported under (`name:line: why`).
struct PlanText {
  std::string name;
  std::string text;
};

// The same for plan texts sent to a server (the web app's plan import): nothing is read from
// disk, and problems name each text's `name`.
std::vector<PlanImported> import_plan_texts(storage::Storage& storage,
                                            const std::vector<PlanText>& texts, Timestamp at,
                                            const std::string& by, const std::string& reason);

// The plans in the store, latest revisions.
std::vector<storage::PlanSummary> list_plans(storage::Storage& storage);

// The latest revision of plan `id`; InputError when unknown.
storage::PlanDocument find_plan(storage::Storage& storage, const std::string& id);

// Every revision of plan `id`, oldest first; InputError when unknown.
std::vector<storage::PlanRevision> plan_revisions(storage::Storage& storage,
                                                  const std::string& id);

// The two forms of a plan file; both import again as the same document.
enum class PlanFileFormat { yaml, json };

struct PlanExportRequest {
  std::string plan_id;
  std::optional<int> revision;  // as `plan show --revisions` numbers them; else the latest
  PlanFileFormat format = PlanFileFormat::yaml;
  std::string output;           // a file to write (empty: none)
  bool overwrite = false;       // replace an existing output file
};

struct ExportedPlan {
  int revision = 0;    // the revision written
  std::string content; // the plan file's text
};

// The plan file of a stored revision (SPEC §3 `plan export`): its document as stored, as YAML
// or JSON, so that `plan import` of it records no new revision. Written (atomically) to
// `output` when one is named. InputError for an unknown plan or revision, or an output file
// that exists without `overwrite`.
ExportedPlan export_plan(storage::Storage& storage, const PlanExportRequest& request);

} // namespace plantrack::engine
