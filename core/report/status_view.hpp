#pragma once
// The status report as a table or as the JSON object of SPEC §3.

#include "engine/evaluate.hpp"
#include "report/labels.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace plantrack::report {

// SPEC §3 `status --format json`: numbers at full precision, absent values null.
nlohmann::ordered_json status_json(const engine::StatusReport& report);

// The status table, one block per plan.
std::string status_table(const engine::StatusReport& report, Lang lang);

// A value for a table cell: `precision` decimals if set, else up to two, trailing zeros cut.
std::string format_value(double value, std::optional<int> precision = std::nullopt);

} // namespace plantrack::report
