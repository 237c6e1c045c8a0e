#pragma once
// `plantrack approvals PLAN`: where each acted-on (org, period) of a plan stands, and the
// line an approval action prints.

#include "engine/approval.hpp"
#include "report/labels.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace plantrack::report {

// One approval action: id, action, by, at, reason, the entry chain's head it covered, hash.
nlohmann::ordered_json approval_json(const Approval& approval);
// One object per (org, period): org, period, state, and its actions (approval_json), oldest
// first.
nlohmann::ordered_json approvals_json(const std::vector<engine::PeriodApproval>& periods);
std::string approvals_table(const std::vector<engine::PeriodApproval>& periods, Lang lang);

// What an approval action did, in one line: "approve: period 2020-06 of 区科委 in plan P is
// approved (approval 3, covering entries up to 41)".
std::string approval_line(const Approval& approval, Lang lang);

} // namespace plantrack::report
