// The plantrack program: wires the real clock, environment and streams to cli::run.

#include "app.hpp"

#include <pwd.h>
#include <unistd.h>

#include <chrono>
#include <iostream>

extern char** environ;

int main(int argc, char** argv) {
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
                              std::move(env), login, isatty(STDOUT_FILENO) != 0};
  return plantrack::cli::run(argc, argv, ctx);
}
