#pragma once
// Plain-text tables aligned by display width, so Chinese titles line up (utf8proc).

#include <string>
#include <string_view>
#include <vector>

namespace plantrack::report {

// Columns occupied on a terminal: 2 for CJK ideographs, 0 for combining marks.
int display_width(std::string_view utf8);

// `text` on one line (line breaks as spaces) cut to at most `width` columns, "…" marking a cut.
std::string excerpt(std::string_view text, int width);

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> right_aligned; // per column; missing means left
  // Optional ANSI colour codes per cell (e.g. "\x1b[32m"), applied around the text only, so
  // alignment is kept; missing or empty means plain.
  std::vector<std::vector<std::string>> colors;
};

// Render with two spaces between columns and a rule under the header.
std::string render(const Table& table);

} // namespace plantrack::report
