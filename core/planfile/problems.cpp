#include "planfile/problems.hpp"

#include "errors.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace plantrack::planfile {

std::string display(const Path& path) {
  std::string s;
  for (const auto& step : path) {
    if (step.key.empty())
      s += fmt::format("[{}]", step.index);
    else
      s += (s.empty() ? "" : ".") + step.key;
  }
  return s;
}

void Problems::add(const std::string& path, const std::string& message) {
  // The line of the value, else of the nearest enclosing value that has one.
  std::string p = path;
  int line = 0;
  while (true) {
    auto it = lines_.find(p);
    if (it != lines_.end()) {
      line = it->second;
      break;
    }
    if (p.empty()) break;
    auto cut = p.find_last_of(".[");
    p = cut == std::string::npos ? "" : p.substr(0, cut);
  }
  std::string where = path.empty() ? "" : path + ": ";
  std::string line_text = fmt::format("{}:{}: {}{}", file_, line, where, message);
  if (seen_.insert(line_text).second) lines_out_.push_back({line, line_text});
}

void Problems::throw_if_any() {
  if (lines_out_.empty()) return;
  std::stable_sort(lines_out_.begin(), lines_out_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> out;
  for (auto& [_, l] : lines_out_) out.push_back(std::move(l));
  throw InputErrors(std::move(out));
}

} // namespace plantrack::planfile
