# One INTERFACE target carries the warning flags; -Werror in CI (PLANTRACK_WERROR=ON).
# No -Wnull-dereference: GCC 12 reports it inside std::string at -O2 (false positives).
add_library(plantrack_warnings INTERFACE)
target_compile_options(plantrack_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough
  $<$<BOOL:${PLANTRACK_WERROR}>:-Werror>)
