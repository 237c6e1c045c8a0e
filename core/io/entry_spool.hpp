#pragma once
// Entries checked and waiting to be appended, kept in an anonymous temporary file rather than
// in memory: an import checks a whole file before it takes the write lock, however many rows
// it has (docs/benchmarks.md "Import at scale").

#include "model/entry.hpp"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

namespace plantrack::io {

class EntrySpool {
public:
  // Opens an anonymous temporary file (removed when closed); StorageError when none can be
  // made.
  EntrySpool();

  // Keep `e`: every field but its id and hash, which are handed out when it is appended.
  void write(const Entry& e);
  // Entries written so far.
  std::int64_t size() const { return size_; }

  // Read the entries back in the order written: rewind(), then read() until it returns false.
  void rewind();
  bool read(Entry& e);

private:
  struct Close {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::unique_ptr<std::FILE, Close> file_;
  std::int64_t size_ = 0;
  std::string buffer_;
};

} // namespace plantrack::io
