#pragma once
// An inline SVG chart of one numeric target: baseline, trajectory with milestones, logged
// entries (corrected and superseded versions set apart), forecast, target line, as-of date.

#include "engine/evaluate.hpp"

#include <string>

namespace plantrack::report {

// The SVG element (no XML prolog), self-contained, sized for an A4 page.
std::string target_chart(const engine::TargetDetail& detail);

} // namespace plantrack::report
