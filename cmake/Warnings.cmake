# One INTERFACE target carries the warning flags; -Werror in CI (PLANTRACK_WERROR=ON).
add_library(plantrack_warnings INTERFACE)
target_compile_options(plantrack_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
  $<$<BOOL:${PLANTRACK_WERROR}>:-Werror>)
