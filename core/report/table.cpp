#include "report/table.hpp"

#include <utf8proc.h>

#include <algorithm>

namespace plantrack::report {

int display_width(std::string_view utf8) {
  int width = 0;
  auto p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
  auto len = static_cast<utf8proc_ssize_t>(utf8.size());
  while (len > 0) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(p, len, &cp);
    if (n <= 0) { // invalid byte: count it as one column and move on
      ++width;
      ++p;
      --len;
      continue;
    }
    width += std::max(0, utf8proc_charwidth(cp));
    p += n;
    len -= n;
  }
  return width;
}

std::string excerpt(std::string_view text, int width) {
  std::string flat(text);
  for (char& c : flat)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (display_width(flat) <= width) return flat;
  // Keep whole characters while they fit beside the ellipsis (one column).
  std::string out;
  int used = 0;
  auto p = reinterpret_cast<const utf8proc_uint8_t*>(flat.data());
  auto len = static_cast<utf8proc_ssize_t>(flat.size());
  while (len > 0) {
    utf8proc_int32_t cp = 0;
    auto n = utf8proc_iterate(p, len, &cp);
    bool invalid = n <= 0; // an invalid byte: one column, as display_width counts it
    if (invalid) n = 1;
    int w = invalid ? 1 : std::max(0, utf8proc_charwidth(cp));
    if (used + w > width - 1) break;
    out.append(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
    used += w;
    p += n;
    len -= n;
  }
  return out + "…";
}

std::string render(const Table& table) {
  size_t columns = table.header.size();
  std::vector<int> widths(columns, 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t c = 0; c < columns && c < row.size(); ++c)
      widths[c] = std::max(widths[c], display_width(row[c]));
  };
  measure(table.header);
  for (const auto& row : table.rows) measure(row);

  std::string out;
  static const std::vector<std::string> plain;
  auto emit = [&](const std::vector<std::string>& row, const std::vector<std::string>& colors) {
    std::string line;
    for (size_t c = 0; c < columns; ++c) {
      const std::string& text = c < row.size() ? row[c] : std::string();
      std::string pad(static_cast<size_t>(widths[c] - display_width(text)), ' ');
      std::string cell = c < colors.size() && !colors[c].empty() ? colors[c] + text + "\x1b[0m" : text;
      bool right = c < table.right_aligned.size() && table.right_aligned[c];
      if (c > 0) line += "  ";
      line += right ? pad + cell : cell + (c + 1 < columns ? pad : "");
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  };
  emit(table.header, plain);
  std::vector<std::string> rule;
  for (int w : widths) rule.push_back(std::string(static_cast<size_t>(w), '-'));
  emit(rule, plain);
  for (size_t r = 0; r < table.rows.size(); ++r)
    emit(table.rows[r], r < table.colors.size() ? table.colors[r] : plain);
  return out;
}

} // namespace plantrack::report
