#pragma once
// An Open SDG data folder (SPEC §7) as sdg-build reads it: per target
// data/indicator_G-T-N.csv (Year, Units, Value; numbers as numbers, one value per year),
// meta/G-T-N.yml and indicator-config/G-T-N.yml (reporting_status, indicator_name,
// graph_target_lines, progress_status). The mapping is in docs/exchange.md, "Open SDG".

#include "engine/exchange.hpp"
#include "report/labels.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace plantrack::report {

// Open SDG's progress_status for a plantrack status: target_achieved, substantial_progress,
// moderate_progress, negligible_progress, deterioration or not_available.
std::string_view open_sdg_progress(assess::Status status);

// The CSV of one indicator: `Year,Units,Value` (Units left out when the target has no unit),
// CRLF-ended.
std::string open_sdg_csv(const engine::OpenSdgIndicator& indicator);
// Its meta/G-T-N.yml and indicator-config/G-T-N.yml.
std::string open_sdg_meta(const engine::OpenSdgPublication& publication,
                          const engine::OpenSdgIndicator& indicator, Lang lang);
std::string open_sdg_config(const engine::OpenSdgIndicator& indicator, Lang lang);

// Write the folder under `dir` (created if missing); InputError when it already holds any of
// the files and not `overwrite`. Returns the files written, relative to `dir`.
std::vector<std::string> write_open_sdg(const engine::OpenSdgPublication& publication, Lang lang,
                                        const std::string& dir, bool overwrite);

} // namespace plantrack::report
