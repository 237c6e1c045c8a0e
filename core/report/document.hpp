#pragma once
// Status report documents (`plantrack report`): md, html (standalone, an SVG chart per numeric
// target), csv (RFC 4180, formula injection neutralised) and json.

#include "engine/reports.hpp"
#include "report/labels.hpp"

#include <string>
#include <string_view>

namespace plantrack::report {

using engine::ReportInfo;

// The formats `plantrack report` writes.
bool is_report_format(std::string_view format);

// Render `plan` as a report in `format` (md, html, csv, json).
std::string render_report(const engine::PlanDetail& plan, const ReportInfo& info,
                          std::string_view format, Lang lang);

// render_report in `lang`, as the engine's use cases take it.
engine::RenderReport renderer(Lang lang);

// A CSV field: quoted when needed (RFC 4180); a text cell that a spreadsheet would read as a
// formula (starting with =, +, -, @, tab or CR) is prefixed with an apostrophe.
std::string csv_text(const std::string& text);

} // namespace plantrack::report
