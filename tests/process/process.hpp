#pragma once
// Runs the built plantrack binary as separate processes (posix_spawn), for the tests that need
// real processes: many writers on one database, an import killed part way.

#include "support/files.hpp"
#include "support/plan_files.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace plantrack::process {

// How a process ended: its exit code, or the signal that ended it.
struct Ended {
  int code = -1;  // exit code when it exited
  int signal = 0; // the signal when a signal ended it
  bool exited() const { return signal == 0; }
};

struct Result {
  int code = -1; // -1 when a signal ended it
  std::string out;
  std::string err;
};

using support::read_file;
using support::TempDir;
using support::write_file;

// Start `plantrack args...` (the binary under test) with stdin from /dev/null and stdout and
// stderr written to the given files; the child inherits this process's environment.
inline pid_t spawn(const std::vector<std::string>& args, const std::string& out_path,
                   const std::string& err_path) {
  std::vector<std::string> all{PLANTRACK_BINARY};
  all.insert(all.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : all) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0)
    throw std::runtime_error("cannot start " + std::string(PLANTRACK_BINARY) + ": error " +
                             std::to_string(rc));
  return pid;
}

// Wait for `pid` to end.
inline Ended wait_for(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0)
    if (errno != EINTR) throw std::runtime_error("waitpid failed");
  Ended ended;
  if (WIFEXITED(status))
    ended.code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    ended.signal = WTERMSIG(status);
  return ended;
}

// Run `plantrack args...` to its end; its output goes through files named `scratch`.out/.err.
inline Result run(const std::vector<std::string>& args, const std::filesystem::path& scratch) {
  const std::string out = scratch.string() + ".out", err = scratch.string() + ".err";
  Ended ended = wait_for(spawn(args, out, err));
  return {ended.exited() ? ended.code : -1, read_file(out), read_file(err)};
}

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// A plan `id` with one level target, `count` (家, at least 100).
inline std::string one_target_plan(const std::string& id, const std::string& title) {
  return support::test_plan_header(id, title) + R"(  - id: count
    title: 企业数
    goal: g
    kind: level
    unit: 家
    rule: at_least
    value: 100
    deadline: 2020-12-31
    source: "企业数达到100家"
)";
}

} // namespace plantrack::process
