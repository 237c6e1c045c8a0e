#pragma once
// Schedules and archived reports as tables or JSON (`schedule list`, `reports list`).

#include "engine/scheduling.hpp"
#include "report/labels.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace plantrack::report {

nlohmann::ordered_json schedules_json(const std::vector<storage::Schedule>& schedules);
std::string schedules_table(const std::vector<storage::Schedule>& schedules, Lang lang);

nlohmann::ordered_json archived_reports_json(const std::vector<storage::ArchivedReport>& reports);
std::string archived_reports_table(const std::vector<storage::ArchivedReport>& reports, Lang lang);

} // namespace plantrack::report
