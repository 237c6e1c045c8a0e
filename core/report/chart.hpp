#pragma once
// An inline SVG chart of one numeric target: baseline, trajectory with milestones, logged
// entries (corrected and superseded versions set apart), forecast, target line, as-of date.

#include "engine/evaluate.hpp"
#include "report/labels.hpp"

#include <string>

namespace plantrack::report {

// The SVG element (no XML prolog), self-contained, sized for an A4 page; its tooltips (the
// title, baseline, forecast, corrected and superseded points) in `lang`.
std::string target_chart(const engine::TargetDetail& detail, Lang lang);

} // namespace plantrack::report
