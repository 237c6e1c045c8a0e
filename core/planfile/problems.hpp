#pragma once
// Internal to planfile: where a value sits in a plan document, and the file:line problems found.

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace plantrack::planfile {

// Path tokens of a value in the document: member names and array indices.
struct Step {
  std::string key; // empty for an index
  size_t index = 0;
};
using Path = std::vector<Step>;

// The path as messages show it and as source lines are keyed: "targets[3].rule".
std::string display(const Path& path);

// The source line of every value of a document, keyed by display path.
using SourceLines = std::map<std::string, int>;

// Collects one line per problem, each at the source line of its value; thrown all at once.
class Problems {
public:
  Problems(std::string file, const SourceLines& lines) : file_(std::move(file)), lines_(lines) {}

  void add(const std::string& path, const std::string& message);
  // Throw InputErrors with every line added so far, in source line order; nothing if none.
  void throw_if_any();

private:
  std::string file_;
  const SourceLines& lines_;
  std::vector<std::pair<int, std::string>> lines_out_;
  std::set<std::string> seen_;
};

} // namespace plantrack::planfile
