#pragma once
// The org scorecard (`plantrack scorecard`) as a table, JSON, CSV, Markdown, and as the org
// section of the HTML report.

#include "engine/scorecard.hpp"
#include "report/labels.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace plantrack::report {

// {as_of, known_at, grace_days, orgs: [{org, lead, support, statuses, trouble, on_time}]}
// (docs/assessment.md, "Scorecard").
nlohmann::ordered_json scorecard_json(const engine::Scorecard& card);

// One row per org, RFC 4180 with CRLF, stable columns (scorecard_csv_header()).
std::string scorecard_csv(const engine::Scorecard& card);
std::string scorecard_csv_header();

// Aligned tables: one row per org, then the items in trouble and the late reports.
std::string scorecard_table(const engine::Scorecard& card, Lang lang);

// The same as Markdown, under a heading.
std::string scorecard_md(const engine::Scorecard& card, Lang lang);

// The org section of the HTML report of `plan`: its orgs' scorecard (default grace) as a table.
std::string org_section_html(const engine::PlanDetail& plan, Lang lang);

} // namespace plantrack::report
