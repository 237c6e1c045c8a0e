#pragma once
// One target in depth (`plantrack show PLAN/TARGET`): definition, history, trajectory and
// every figure of the assessment.

#include "engine/evaluate.hpp"
#include "report/labels.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace plantrack::report {

nlohmann::ordered_json target_detail_json(const engine::TargetDetail& detail);
std::string target_detail_text(const engine::TargetDetail& detail, Lang lang);

} // namespace plantrack::report
