#pragma once
// Small string helpers for assertions on lines of output.

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

namespace plantrack::support {

inline bool starts_with(const std::string& s, const std::string& prefix) {
  return s.rfind(prefix, 0) == 0;
}

// The lines, each ended by a newline (error lists in failure messages).
inline std::string joined(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

// The lines of `text`, without their newlines.
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// `text` with the single occurrence of `from` replaced by `to` (a revised or broken plan file);
// a test failure when `from` is missing or repeated.
inline std::string replaced(const std::string& text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << "the test plan lacks: " << from;
  EXPECT_EQ(text.find(from, at + 1), std::string::npos) << "the test plan repeats: " << from;
  if (at == std::string::npos) return text;
  return text.substr(0, at) + to + text.substr(at + from.size());
}

} // namespace plantrack::support
