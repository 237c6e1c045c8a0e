// What changed between two revisions of a plan document, recorded with each new revision.

#include "planfile/plan_file.hpp"

#include <fmt/format.h>

#include <map>

namespace plantrack::planfile {
namespace {

using nlohmann::json;

// Compare two values at `path`, descending into objects and into lists of objects with ids.
void diff_values(const std::string& path, const json& a, const json& b,
                 std::vector<std::string>& out) {
  auto keyed = [](const json& list) {
    std::map<std::string, const json*> by_id;
    for (const auto& item : list) {
      if (!item.is_object() || !item.contains("id") || !item["id"].is_string())
        return std::map<std::string, const json*>{};
      by_id[item["id"].get<std::string>()] = &item;
    }
    return by_id;
  };
  auto name = [&](const std::string& key) { return path.empty() ? key : path + "." + key; };
  if (a.is_object() && b.is_object()) {
    for (const auto& [k, v] : a.items())
      if (!b.contains(k)) out.push_back(fmt::format("{}: removed (was {})", name(k), v.dump()));
      else diff_values(name(k), v, b[k], out);
    for (const auto& [k, v] : b.items())
      if (!a.contains(k)) out.push_back(fmt::format("{}: added ({})", name(k), v.dump()));
    return;
  }
  if (a.is_array() && b.is_array()) {
    auto ka = keyed(a), kb = keyed(b);
    if (!ka.empty() && !kb.empty()) {
      for (const auto& [id, v] : ka)
        if (!kb.count(id)) out.push_back(fmt::format("{}.{}: removed", path, id));
        else diff_values(path + "." + id, *v, *kb[id], out);
      for (const auto& [id, v] : kb)
        if (!ka.count(id)) out.push_back(fmt::format("{}.{}: added", path, id));
      return;
    }
  }
  if (a != b) out.push_back(fmt::format("{}: {} -> {}", path, a.dump(), b.dump()));
}

} // namespace

std::vector<std::string> diff_plans(const json& before, const json& after) {
  std::vector<std::string> out;
  diff_values("", before, after, out);
  return out;
}

} // namespace plantrack::planfile
