#pragma once
// Plans as tables or JSON (`plantrack plan list|show`, `plan show --revisions`).

#include "engine/plans.hpp"
#include "report/labels.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace plantrack::report {

nlohmann::ordered_json plans_json(const std::vector<engine::PlanSummary>& plans);
std::string plans_table(const std::vector<engine::PlanSummary>& plans, Lang lang);

// A plan's header, then per goal a table of its targets (and a line for each target with
// kind_fields), then its tasks.
std::string plan_text(const Plan& plan, Lang lang);

// What a target of the second edition's kinds defines beyond its rule, as (label, text) in
// `lang`: a ratio's numerator, denominator and scale, a rank's peers, a growth's `of` and
// basis, a referenced value's target, keep_at_most's clear_within. Empty for other targets.
std::vector<std::pair<std::string, std::string>> kind_fields(const Plan& plan, const Target& target,
                                                             Lang lang);

nlohmann::ordered_json revisions_json(const std::vector<engine::PlanRevision>& revisions);
// One line per change, the revision's own cells on its first line only.
std::string revisions_table(const std::vector<engine::PlanRevision>& revisions, Lang lang);

} // namespace plantrack::report
