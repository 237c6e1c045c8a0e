#include "report/open_sdg.hpp"

#include "errors.hpp"
#include "io/csv.hpp"
#include "model/text.hpp"
#include "report/status_view.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

namespace plantrack::report {
namespace {

// A YAML scalar for any text: a JSON string, which YAML reads as the same text.
std::string yaml_string(const std::string& text) { return nlohmann::json(text).dump(); }

// A number as sdg-build reads it: shortest round-trip form, no separators, no quotes.
std::string number(double v) { return v == 0 ? "0" : fmt::format("{}", v); }

// The lines the chart draws at the target: one, or a band's two bounds.
std::vector<double> target_lines(const engine::TargetAssessment& t) {
  const Target& target = t.target;
  if (!t.result.has_target || target.rule == Rule::done || target.rule == Rule::none ||
      target.value_ref)
    return {};
  if (target.rule == Rule::between && target.min && target.max) return {*target.min, *target.max};
  return {t.result.target_value};
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.flush();
  if (!out) throw StorageError(fmt::format("writing '{}' failed (disk full?)", path.string()));
}

} // namespace

std::string_view open_sdg_progress(assess::Status status) {
  switch (status) {
  case assess::Status::achieved: return "target_achieved";
  case assess::Status::on_track: return "substantial_progress";
  case assess::Status::at_risk: return "moderate_progress";
  case assess::Status::off_track:
  case assess::Status::missed: return "negligible_progress";
  case assess::Status::breached: return "deterioration";
  case assess::Status::no_data:
  case assess::Status::insufficient_data:
  case assess::Status::monitored: break;
  }
  return "not_available";
}

std::string open_sdg_csv(const engine::OpenSdgIndicator& indicator) {
  const std::string& unit = indicator.assessed.target.unit;
  std::string out = unit.empty() ? "Year,Value\r\n" : "Year,Units,Value\r\n";
  for (const auto& [year, value] : indicator.years)
    out += unit.empty() ? fmt::format("{},{}\r\n", year, number(value))
                        : fmt::format("{},{},{}\r\n", year, io::csv_field(unit), number(value));
  return out;
}

std::string open_sdg_meta(const engine::OpenSdgPublication& publication,
                          const engine::OpenSdgIndicator& indicator, Lang lang) {
  const Target& target = indicator.assessed.target;
  std::string number_dots = indicator.id;
  for (auto& c : number_dots)
    if (c == '-') c = '.';
  std::string out;
  out += fmt::format("indicator_number: {}\n", yaml_string(number_dots));
  out += fmt::format("indicator_name: {}\n", yaml_string(title_in(lang, target)));
  out += fmt::format("sdg_goal: {}\n", yaml_string(std::to_string(indicator.goal)));
  out += fmt::format("goal_name: {}\n", yaml_string(indicator.goal_title));
  out += fmt::format("target_id: {}\n", yaml_string(number_dots.substr(0, number_dots.rfind('.'))));
  out += fmt::format("target_name: {}\n", yaml_string(target.source));
  out += fmt::format("computation_units: {}\n", yaml_string(target.unit));
  out += fmt::format("source_organisation_1: {}\n", yaml_string(joined(target.responsible, "、")));
  out += fmt::format("national_geographical_coverage: {}\n", yaml_string(publication.plan_title));
  out += fmt::format("plantrack_ref: {}\n", yaml_string(publication.plan_id + "/" + target.id));
  out += fmt::format("reporting_status: {}\n", indicator.years.empty() ? "notstarted" : "complete");
  out += "published: true\n";
  return out;
}

std::string open_sdg_config(const engine::OpenSdgIndicator& indicator, Lang lang) {
  const auto& t = indicator.assessed;
  std::string out;
  out += fmt::format("reporting_status: {}\n", indicator.years.empty() ? "notstarted" : "complete");
  out += fmt::format("indicator_name: {}\n", yaml_string(title_in(lang, t.target)));
  out += "graph_type: line\n";
  out += fmt::format("graph_title: {}\n", yaml_string(title_in(lang, t.target)));
  auto lines = target_lines(t);
  if (lines.empty()) {
    out += "graph_target_lines: []\n";
  } else {
    out += "graph_target_lines:\n";
    for (double v : lines)
      out += fmt::format(
          "  - value: {}\n    unit: {}\n    label: {}\n", number(v), yaml_string(t.target.unit),
          yaml_string(fmt::format("{} {} ({})", label(lang, "target"), target_text(t.target),
                                  format_date(t.target.deadline))));
  }
  out += fmt::format("progress_status: {}\n", open_sdg_progress(t.result.status));
  out += "data_non_statistical: false\n";
  out += "published: true\n";
  return out;
}

std::vector<std::string> write_open_sdg(const engine::OpenSdgPublication& publication, Lang lang,
                                        const std::string& dir, bool overwrite) {
  namespace fs = std::filesystem;
  std::vector<std::pair<std::string, std::string>> files;
  for (const auto& indicator : publication.indicators) {
    files.emplace_back("data/indicator_" + indicator.id + ".csv", open_sdg_csv(indicator));
    files.emplace_back("meta/" + indicator.id + ".yml",
                       open_sdg_meta(publication, indicator, lang));
    files.emplace_back("indicator-config/" + indicator.id + ".yml",
                       open_sdg_config(indicator, lang));
  }
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
    throw InputError(fmt::format("'{}' is a file; --to names a folder", dir));
  if (!overwrite)
    for (const auto& [name, text] : files)
      if (fs::exists(fs::path(dir) / name, ec))
        throw InputError(fmt::format("'{}' already exists; pass --force to replace the folder's "
                                     "files, or choose another folder",
                                     (fs::path(dir) / name).string()));
  for (auto sub : {"data", "meta", "indicator-config"}) {
    fs::create_directories(fs::path(dir) / sub, ec);
    if (ec)
      throw InputError(fmt::format("cannot create '{}': {}; check that the folder is writable",
                                   (fs::path(dir) / sub).string(), ec.message()));
  }
  std::vector<std::string> written;
  for (const auto& [name, text] : files) {
    write_text(fs::path(dir) / name, text);
    written.push_back(name);
  }
  return written;
}

} // namespace plantrack::report
