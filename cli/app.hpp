#pragma once
// The plantrack program as a function, so tests can run it in-process.

#include "context.hpp"

namespace plantrack::cli {

// Parse `argv`, run the chosen command, print errors as `plantrack: error: ...` and return
// the exit code of SPEC §3.
int run(int argc, const char* const* argv, Context& ctx);

} // namespace plantrack::cli
