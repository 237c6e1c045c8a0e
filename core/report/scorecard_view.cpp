#include "report/scorecard_view.hpp"

#include "model/text.hpp"
#include "report/document.hpp"
#include "report/markup.hpp"
#include "report/status_view.hpp"
#include "report/table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

namespace plantrack::report {
namespace {

using json = nlohmann::ordered_json;
using engine::OrgItem;
using engine::OrgScorecard;
using engine::Role;

std::string_view role_label(Lang lang, Role role) {
  return label(lang, role == Role::lead ? "role_lead" : "role_support");
}

std::string status_name(const engine::ItemStatus& s) {
  return std::visit([](auto v) { return std::string(to_string(v)); }, s);
}

std::string status_label(Lang lang, const engine::ItemStatus& s) {
  return std::visit([lang](auto v) { return std::string(label(lang, v)); }, s);
}

const std::string& title_of(Lang lang, const OrgItem& item) {
  return lang == Lang::en && !item.title_en.empty() ? item.title_en : item.title;
}

int count(const OrgScorecard& card, Role role, bool task) {
  int n = 0;
  for (const auto& i : card.items) n += i.role == role && i.task == task;
  return n;
}

json refs(const OrgScorecard& card, Role role, bool task) {
  json out = json::array();
  for (const auto& i : card.items)
    if (i.role == role && i.task == task) out.push_back(i.ref);
  return out;
}

template <typename Status>
json counts(const std::map<Status, int>& by_status) {
  json out = json::object();
  for (auto s : enum_values<Status>()) {
    auto it = by_status.find(s);
    out[std::string(to_string(s))] = it == by_status.end() ? 0 : it->second;
  }
  return out;
}

// "进度正常 1, 严重滞后 1": the statuses that occur, in SPEC order; "-" when none.
template <typename Status>
std::string counts_cell(const std::map<Status, int>& by_status, Lang lang) {
  std::vector<std::string> parts;
  for (auto s : enum_values<Status>()) {
    auto it = by_status.find(s);
    if (it != by_status.end() && it->second > 0)
      parts.push_back(fmt::format("{} {}", label(lang, s), it->second));
  }
  return parts.empty() ? "-" : joined(parts, ", ");
}

// "3/4 (75.0%)"; "-" when no report is due yet.
std::string on_time_cell(const engine::Timeliness& t) {
  auto share = t.share();
  if (!share) return "-";
  return fmt::format("{}/{} ({}%)", t.on_time, t.due, format_value(*share * 100, 1));
}

std::vector<const OrgItem*> trouble_of(const OrgScorecard& card) {
  std::vector<const OrgItem*> out;
  for (const auto& i : card.items)
    if (i.in_trouble) out.push_back(&i);
  return out;
}

// The three tables every text format shows: orgs, items in trouble, late reports.
struct Tables {
  Table orgs, trouble, late;
};

Tables tables_of(const engine::Scorecard& card, Lang lang) {
  Tables t;
  for (auto key : {"org", "lead_targets", "lead_tasks", "support_targets", "support_tasks",
                   "target_statuses", "task_statuses", "trouble", "on_time"})
    t.orgs.header.emplace_back(label(lang, key));
  t.orgs.right_aligned = {false, true, true, true, true, false, false, true, true};
  for (auto key : {"org", "role", "item", "title", "status"})
    t.trouble.header.emplace_back(label(lang, key));
  for (auto key : {"org", "item", "periods", "reported_late", "not_reported"})
    t.late.header.emplace_back(label(lang, key));
  t.late.right_aligned = {false, false, false, true, true};
  for (const auto& o : card.orgs) {
    auto trouble = trouble_of(o);
    t.orgs.rows.push_back({o.org, std::to_string(count(o, Role::lead, false)),
                           std::to_string(count(o, Role::lead, true)),
                           std::to_string(count(o, Role::support, false)),
                           std::to_string(count(o, Role::support, true)),
                           counts_cell(o.target_statuses, lang), counts_cell(o.task_statuses, lang),
                           std::to_string(trouble.size()), on_time_cell(o.on_time)});
    for (const auto* i : trouble)
      t.trouble.rows.push_back({o.org, std::string(role_label(lang, i->role)), i->ref,
                                title_of(lang, *i), status_label(lang, i->status)});
    // One row per item: a plan reported quarterly for years would otherwise list every
    // quarter (the JSON keeps each one, with its report time).
    for (auto l = o.on_time.late.begin(); l != o.on_time.late.end();) {
      auto end = std::find_if(l, o.on_time.late.end(),
                              [&](const engine::LateReport& r) { return r.ref != l->ref; });
      auto missing = std::count_if(l, end, [](const engine::LateReport& r) { return !r.reported_at; });
      const auto& last = *std::prev(end);
      std::string periods = end - l == 1 ? l->period.text : l->period.text + ".." + last.period.text;
      t.late.rows.push_back({o.org, l->ref, periods, std::to_string((end - l) - missing),
                             std::to_string(missing)});
      l = end;
    }
  }
  return t;
}

std::string heading_line(const engine::Scorecard& card, Lang lang) {
  return fmt::format("{} {}  {} {}  {} {}", label(lang, "as_of"), format_date(card.as_of),
                     label(lang, "known_at"), format_local(card.known_at, display_zone),
                     label(lang, "grace_days"), card.grace_days);
}

std::string csv_number(const std::optional<double>& v) { return v ? fmt::format("{}", *v) : ""; }

} // namespace

json scorecard_json(const engine::Scorecard& card) {
  json orgs = json::array();
  for (const auto& o : card.orgs) {
    json trouble = json::array();
    for (const auto* i : trouble_of(o))
      trouble.push_back({{"ref", i->ref},
                         {"title", i->title},
                         {"status", status_name(i->status)},
                         {"role", std::string(to_string(i->role))}});
    json late = json::array();
    for (const auto& l : o.on_time.late)
      late.push_back({{"ref", l.ref},
                      {"period", l.period.text},
                      {"reported_at", l.reported_at ? json(format_timestamp(*l.reported_at))
                                                    : json(nullptr)}});
    auto share = o.on_time.share();
    orgs.push_back(
        {{"org", o.org},
         {"lead", {{"targets", refs(o, Role::lead, false)}, {"tasks", refs(o, Role::lead, true)}}},
         {"support",
          {{"targets", refs(o, Role::support, false)}, {"tasks", refs(o, Role::support, true)}}},
         {"statuses", {{"targets", counts(o.target_statuses)}, {"tasks", counts(o.task_statuses)}}},
         {"trouble", trouble},
         {"on_time",
          {{"due", o.on_time.due},
           {"on_time", o.on_time.on_time},
           {"share", share ? json(*share) : json(nullptr)},
           {"late", late}}}});
  }
  return {{"as_of", format_date(card.as_of)},
          {"known_at", format_timestamp(card.known_at)},
          {"grace_days", card.grace_days},
          {"orgs", orgs}};
}

std::string scorecard_csv_header() {
  std::vector<std::string> columns{"org", "lead_targets", "lead_tasks", "support_targets",
                                   "support_tasks"};
  for (auto s : enum_values<assess::Status>()) columns.push_back("targets_" + std::string(to_string(s)));
  for (auto s : enum_values<assess::TaskStatus>())
    columns.push_back("tasks_" + std::string(to_string(s)));
  for (auto c : {"trouble", "reports_due", "reports_on_time", "on_time_share", "as_of", "grace_days"})
    columns.emplace_back(c);
  return joined(columns, ",") + "\r\n";
}

std::string scorecard_csv(const engine::Scorecard& card) {
  std::string out = scorecard_csv_header();
  for (const auto& o : card.orgs) {
    std::vector<std::string> cells{csv_text(o.org), std::to_string(count(o, Role::lead, false)),
                                   std::to_string(count(o, Role::lead, true)),
                                   std::to_string(count(o, Role::support, false)),
                                   std::to_string(count(o, Role::support, true))};
    for (auto s : enum_values<assess::Status>())
      cells.push_back(std::to_string(o.target_statuses.count(s) ? o.target_statuses.at(s) : 0));
    for (auto s : enum_values<assess::TaskStatus>())
      cells.push_back(std::to_string(o.task_statuses.count(s) ? o.task_statuses.at(s) : 0));
    std::vector<std::string> trouble;
    for (const auto* i : trouble_of(o)) trouble.push_back(i->ref);
    cells.push_back(csv_text(joined(trouble, ";")));
    cells.push_back(std::to_string(o.on_time.due));
    cells.push_back(std::to_string(o.on_time.on_time));
    cells.push_back(csv_number(o.on_time.share()));
    cells.push_back(format_date(card.as_of));
    cells.push_back(std::to_string(card.grace_days));
    out += joined(cells, ",") + "\r\n";
  }
  return out;
}

std::string scorecard_table(const engine::Scorecard& card, Lang lang) {
  std::string out = heading_line(card, lang) + "\n\n";
  if (card.orgs.empty()) return out + std::string(label(lang, "no_orgs")) + "\n";
  Tables t = tables_of(card, lang);
  out += render(t.orgs);
  if (!t.trouble.rows.empty())
    out += fmt::format("\n{}:\n", label(lang, "trouble")) + render(t.trouble);
  if (!t.late.rows.empty())
    out += fmt::format("\n{}:\n", label(lang, "late_reports")) + render(t.late);
  return out;
}

std::string scorecard_md(const engine::Scorecard& card, Lang lang) {
  std::string out = fmt::format("# {}\n\n{}\n\n", label(lang, "org_scorecard"),
                                md_cell(heading_line(card, lang)));
  if (card.orgs.empty()) return out + std::string(label(lang, "no_orgs")) + "\n";
  Tables t = tables_of(card, lang);
  out += md_table(t.orgs);
  if (!t.trouble.rows.empty())
    out += fmt::format("\n## {}\n\n", label(lang, "trouble")) + md_table(t.trouble);
  if (!t.late.rows.empty())
    out += fmt::format("\n## {}\n\n", label(lang, "late_reports")) + md_table(t.late);
  return out;
}

std::string org_section_html(const engine::PlanDetail& plan, Lang lang) {
  auto card = engine::scorecard_of({plan}, engine::default_grace_days);
  std::string out = fmt::format("<section class=\"orgs\" id=\"orgs\">\n<h2>{}</h2>\n<p>{}</p>\n",
                                html_escape(std::string(label(lang, "org_scorecard"))),
                                html_escape(heading_line(card, lang)));
  if (card.orgs.empty())
    return out + fmt::format("<p>{}</p>\n</section>\n", label(lang, "no_orgs"));
  Tables t = tables_of(card, lang);
  out += "<table class=\"scorecard\">\n<tr>";
  for (const auto& h : t.orgs.header) out += "<th>" + html_escape(h) + "</th>";
  out += "</tr>\n";
  for (size_t r = 0; r < t.orgs.rows.size(); ++r) {
    out += "<tr>";
    const auto& row = t.orgs.rows[r];
    for (size_t c = 0; c < row.size(); ++c)
      out += fmt::format("<td{}>{}</td>", t.orgs.right_aligned[c] ? " class=\"num\"" : "",
                         html_escape(row[c]));
    out += "</tr>\n";
  }
  out += "</table>\n";
  if (!t.trouble.rows.empty()) {
    out += fmt::format("<p>{}:</p>\n<ul class=\"org-trouble\">\n", label(lang, "trouble"));
    for (const auto& row : t.trouble.rows)
      out += fmt::format("<li>{} ({}): <code>{}</code> {}: {}</li>\n", html_escape(row[0]),
                         html_escape(row[1]), html_escape(row[2]), html_escape(row[3]),
                         html_escape(row[4]));
    out += "</ul>\n";
  }
  return out + "</section>\n";
}

} // namespace plantrack::report
