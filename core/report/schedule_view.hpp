#pragma once
// Schedules and archived reports as tables or JSON (`schedule list`, `reports list`).

#include "engine/scheduling.hpp"
#include "report/labels.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace plantrack::report {

nlohmann::ordered_json schedules_json(const std::vector<engine::Schedule>& schedules);
std::string schedules_table(const std::vector<engine::Schedule>& schedules, Lang lang);

nlohmann::ordered_json archived_reports_json(const std::vector<engine::ArchivedReport>& reports);
std::string archived_reports_table(const std::vector<engine::ArchivedReport>& reports, Lang lang);

} // namespace plantrack::report
