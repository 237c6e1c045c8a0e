#pragma once
// Files for tests: a fresh temporary folder removed with everything in it, and whole-file reads
// and writes.

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace plantrack::support {

// A fresh folder under the system's temporary folder, removed with everything in it.
class TempDir {
public:
  explicit TempDir(const std::string& prefix) {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            (prefix + "-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

// The bytes of the file at `path` ("" when it cannot be read).
inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

} // namespace plantrack::support
