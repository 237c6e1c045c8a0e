#include "report/markup.hpp"

namespace plantrack::report {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    default: out += c;
    }
  }
  return out;
}

std::string md_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '<')
      out += "\\<"; // no raw HTML reaches a Markdown viewer
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out;
}

std::string md_table(const Table& table) {
  auto row = [](const std::vector<std::string>& cells) {
    std::string line = "|";
    for (const auto& c : cells) line += " " + md_cell(c) + " |";
    return line + "\n";
  };
  std::string out = row(table.header) + "|";
  for (size_t i = 0; i < table.header.size(); ++i)
    out += i < table.right_aligned.size() && table.right_aligned[i] ? " ---: |" : " --- |";
  out += "\n";
  for (const auto& r : table.rows) out += row(r);
  return out;
}

} // namespace plantrack::report
