#!/usr/bin/env bash
# .ci/check-layers on small trees of its own: it passes a tree whose includes match the graph,
# and refuses (exit 1, naming the file) an undeclared include, a header that includes a private
# dependency, a CMake layer that disagrees with the README, and an arrow no include uses.
set -euo pipefail
check="$1/.ci/check-layers"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

tree() { # a tree with model <- assess <- cli
  rm -rf "$work/t" && mkdir -p "$work/t/core/model" "$work/t/core/assess" "$work/t/cli"
  cat > "$work/t/README.md" <<'MD'
Graph, checked by .ci/check-layers:

```
cli    → assess, model
assess → model
model  → (nothing)
```
MD
  cat > "$work/t/core/CMakeLists.txt" <<'CM'
plantrack_layer(model LIBS fmt::fmt)
plantrack_layer(assess DEPENDS model)
CM
  echo '#pragma once' > "$work/t/core/model/plan.hpp"
  printf '#pragma once\n#include "model/plan.hpp"\n' > "$work/t/core/assess/assess.hpp"
  printf '#include "assess/assess.hpp"\n#include "model/plan.hpp"\n#include "errors.hpp"\n' \
    > "$work/t/cli/main.cpp"
}

expect() { # expect STATUS WORD DESCRIPTION
  local out status=0
  out=$(python3 "$check" "$work/t" 2>&1) || status=$?
  if [ "$status" -ne "$1" ] || ! grep -q -- "$2" <<<"$out"; then
    echo "FAIL: $3: exit $status, output: $out"
    failures=$((failures + 1))
  else
    echo "ok: $3"
  fi
}

tree
expect 0 "every include declared" "a tree that matches its graph passes"

tree
echo '#include "assess/assess.hpp"' >> "$work/t/core/model/plan.hpp"
expect 1 'core/model/plan.hpp: includes "assess/assess.hpp"' "a lower layer including an upper one is refused"

tree
mkdir -p "$work/t/core/engine" && echo '' > "$work/t/core/engine/x.cpp"
expect 1 "core/engine/: a folder the README graph does not name" "an undeclared folder is refused"

tree
printf 'plantrack_layer(model)\nplantrack_layer(assess USES model)\n' > "$work/t/core/CMakeLists.txt"
expect 1 "move it to DEPENDS" "a header including a private dependency is refused"

tree
printf 'plantrack_layer(model)\nplantrack_layer(assess)\n' > "$work/t/core/CMakeLists.txt"
expect 1 "make them agree" "a CMake layer that disagrees with the README is refused"

tree
printf '#include "model/plan.hpp"\n' > "$work/t/cli/main.cpp"
expect 1 "the arrow cli → assess is used by no include" "an unused arrow is refused"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
