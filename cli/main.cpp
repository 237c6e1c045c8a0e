// The plantrack program: wires the real clock, environment and streams to cli::run.

#include "app.hpp"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <iostream>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

extern char** environ;

int main(int argc, char** argv) {
#if defined(__GLIBC__)
  // SQLite allocates and frees an 85 KB buffer at every page split; glibc would hand it back
  // to the kernel each time (two system calls and fresh page faults per few imported rows).
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  // Setting the trim threshold fixes the mmap threshold at its 128 KB start (glibc stops
  // adjusting it): every larger block, a plan's entries for status (512 bytes each) or a
  // chunk of imported rows, would be mapped afresh and unmapped when freed, a page fault for
  // every 4 KB each time. 146,000 faults and half of status's time for 20 plans of 50,000
  // entries (docs/benchmarks.md); from the heap, the next plan reuses the same pages.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
  std::map<std::string, std::string> env;
  for (char** e = environ; *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  std::string login;
  if (const passwd* pw = getpwuid(geteuid())) login = pw->pw_name;
  plantrack::cli::Context ctx{std::cout, std::cerr,
                              [] {
                                return date::floor<std::chrono::seconds>(
                                    std::chrono::system_clock::now());
                              },
                              std::move(env), login, isatty(STDOUT_FILENO) != 0, &std::cin};
  return plantrack::cli::run(argc, argv, ctx);
}
