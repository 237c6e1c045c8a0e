#pragma once
// One task in depth (`plantrack show PLAN/TASK`): definition, steps, status and flags, and the
// history of its entries with every version.

#include "engine/evaluate.hpp"
#include "report/labels.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace plantrack::report {

// The task's object of `status --format json`, with its definition, steps and entries.
nlohmann::ordered_json task_detail_json(const engine::TaskDetail& detail);
std::string task_detail_text(const engine::TaskDetail& detail, Lang lang);

} // namespace plantrack::report
