#pragma once
// Spreadsheets for the exchange tests, made by tests/exchange/forms.py (python3-openpyxl) in
// one process per batch, so that a suite starts python once.

#include "support/files.hpp"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

namespace plantrack::support {

// Run the operations of `batch` (see forms.py), writing it to `dir`; throws when python fails.
inline void make_spreadsheets(const std::filesystem::path& dir, const nlohmann::json& batch) {
  auto spec = dir / "batch.json";
  write_file(spec, batch.dump());
  std::string command = std::string("\"") + PLANTRACK_PYTHON + "\" \"" + PLANTRACK_SOURCE_DIR +
                        "/tests/exchange/forms.py\" \"" + spec.string() + "\"";
  if (std::system(command.c_str()) != 0)
    throw std::runtime_error("tests/exchange/forms.py failed: " + command);
}

} // namespace plantrack::support
