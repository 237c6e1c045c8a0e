// The codec storage reads plans back with: a validated plan document to the domain Plan.

#include "planfile/plan_file.hpp"

#include "model/period.hpp"

#include <algorithm>
#include <optional>

namespace plantrack::planfile {
namespace {

using nlohmann::json;

std::vector<std::string> strings(const json& obj, const char* key) {
  std::vector<std::string> out;
  if (obj.contains(key))
    for (const auto& s : obj[key]) out.push_back(s.get<std::string>());
  return out;
}

std::optional<Thresholds> thresholds_of(const json& obj) {
  if (!obj.contains("thresholds")) return std::nullopt;
  Thresholds t;
  t.on_track = obj["thresholds"].value("on_track", t.on_track);
  t.at_risk = obj["thresholds"].value("at_risk", t.at_risk);
  return t;
}

} // namespace

Plan plan_from_document(const json& doc) {
  Plan p;
  p.id = doc["id"];
  p.title = doc["title"];
  p.issuer = doc["issuer"];
  p.jurisdiction = doc["jurisdiction"];
  p.start = parse_date(doc["period"]["start"].get<std::string>());
  p.end = parse_date(doc["period"]["end"].get<std::string>());
  p.cadence = parse_enum<Cadence>(doc["cadence"].get<std::string>());
  p.source.title = doc["source"]["title"];
  p.source.date = parse_date(doc["source"]["date"].get<std::string>());
  p.source.url = doc["source"].value("url", "");
  p.source.file = doc["source"].value("file", "");
  p.thresholds = thresholds_of(doc);
  p.note = doc.value("note", "");
  for (const auto& g : doc["goals"]) p.goals.push_back({g["id"], g["title"], g.value("source", "")});
  if (doc.contains("targets"))
    for (const auto& j : doc["targets"]) {
      Target t;
      t.id = j["id"];
      t.title = j["title"];
      t.title_en = j.value("title_en", "");
      t.goal = j["goal"];
      t.kind = parse_enum<Kind>(j["kind"].get<std::string>());
      if (j.contains("per")) t.per = parse_enum<Cadence>(j["per"].get<std::string>());
      t.unit = j.value("unit", "");
      t.rule = parse_enum<Rule>(j["rule"].get<std::string>());
      if (j.contains("value") && j["value"].is_object()) {
        auto ref = j["value"]["ref"].get<std::string>();
        auto slash = ref.find('/');
        t.value_ref = slash == std::string::npos ? ValueRef{p.id, ref}
                                                 : ValueRef{ref.substr(0, slash), ref.substr(slash + 1)};
      } else {
        t.value = j.value("value", 0.0);
      }
      if (j.contains("min")) t.min = j["min"].get<double>();
      if (j.contains("max")) t.max = j["max"].get<double>();
      t.deadline = parse_date(j["deadline"].get<std::string>());
      if (j.contains("baseline"))
        t.baseline = Baseline{parse_date(j["baseline"]["date"].get<std::string>()),
                              j["baseline"]["value"].get<double>(), j["baseline"].value("source", "")};
      if (j.contains("milestones"))
        for (const auto& m : j["milestones"])
          t.milestones.push_back({parse_date(m["date"].get<std::string>()), m["value"].get<double>()});
      t.trajectory = parse_enum<Trajectory>(j.value("trajectory", "linear"));
      t.thresholds = thresholds_of(j);
      if (j.contains("precision")) t.precision = j["precision"].get<int>();
      t.scale = j.value("scale", 100.0);
      for (auto [key, part] : {std::pair{"numerator", &t.numerator}, {"denominator", &t.denominator}})
        if (j.contains(key)) *part = RatioPart{j[key]["title"], j[key]["unit"]};
      if (j.contains("peers")) {
        const json& peers = j["peers"];
        t.peers = Peers{peers["self"], strings(peers, "among"),
                        parse_enum<Better>(peers["better"].get<std::string>()), peers["unit"]};
      }
      t.of = j.value("of", "");
      t.basis = parse_enum<GrowthBasis>(j.value("basis", "yoy"));
      if (j.contains("clear_within")) t.clear_within = j["clear_within"].get<int>();
      t.responsible = strings(j, "responsible");
      t.support = strings(j, "support");
      t.nature = parse_enum<Nature>(j.value("nature", "expected"));
      t.strive = j.value("strive", false);
      // Every view shows a source: a target without its own clause cites the plan's document.
      t.source = j.value("source", p.source.title);
      t.note = j.value("note", "");
      p.targets.push_back(std::move(t));
    }
  if (doc.contains("tasks"))
    for (const auto& j : doc["tasks"]) {
      Task t;
      t.id = j["id"];
      t.title = j["title"];
      t.goal = j.value("goal", "");
      t.responsible = strings(j, "responsible");
      t.support = strings(j, "support");
      if (j.contains("deadline")) t.deadline = parse_date(j["deadline"].get<std::string>());
      if (j.contains("steps"))
        for (const auto& s : j["steps"])
          t.steps.push_back({s["id"], parse_date(s["date"].get<std::string>()), s["title"]});
      std::stable_sort(t.steps.begin(), t.steps.end(),
                       [](const Step& a, const Step& b) { return a.date < b.date; });
      t.appraisal = j.value("appraisal", "");
      t.source = j["source"];
      t.note = j.value("note", "");
      p.tasks.push_back(std::move(t));
    }
  return p;
}

} // namespace plantrack::planfile
