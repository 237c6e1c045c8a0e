#include "report/schedule_view.hpp"

#include "report/table.hpp"

namespace plantrack::report {

nlohmann::ordered_json schedules_json(const std::vector<engine::Schedule>& schedules) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& s : schedules)
    out.push_back({{"name", s.name}, {"plan", s.plan_id}, {"every", to_string(s.every)},
                   {"format", s.format}, {"out", s.out_dir},
                   {"created_at", format_timestamp(s.created_at)}, {"created_by", s.created_by}});
  return out;
}

std::string schedules_table(const std::vector<engine::Schedule>& schedules, Lang lang) {
  Table table;
  for (auto key : {"name", "plan", "every", "format", "out_dir", "created_at",
                   "created_by"})
    table.header.emplace_back(label(lang, key));
  for (const auto& s : schedules)
    table.rows.push_back({s.name, s.plan_id, std::string(to_string(s.every)), s.format, s.out_dir,
                          format_local(s.created_at, display_zone), s.created_by});
  return render(table);
}

nlohmann::ordered_json archived_reports_json(const std::vector<engine::ArchivedReport>& reports) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& r : reports)
    out.push_back({{"id", r.id}, {"schedule", r.schedule}, {"plan", r.plan_id},
                   {"period", r.period}, {"format", r.format}, {"path", r.path},
                   {"sha256", r.sha256}, {"as_of", format_date(r.as_of)},
                   {"known_at", format_timestamp(r.known_at)},
                   {"generated_at", format_timestamp(r.generated_at)},
                   {"generated_by", r.generated_by}});
  return out;
}

std::string archived_reports_table(const std::vector<engine::ArchivedReport>& reports, Lang lang) {
  Table table;
  for (auto key : {"id", "schedule", "plan", "period", "path", "sha256",
                   "generated_at"})
    table.header.emplace_back(label(lang, key));
  table.right_aligned = {true};
  for (const auto& r : reports)
    table.rows.push_back({std::to_string(r.id), r.schedule, r.plan_id, r.period, r.path,
                          r.sha256.substr(0, 16), format_local(r.generated_at, display_zone)});
  return render(table);
}

} // namespace plantrack::report
