#!/usr/bin/env bash
# Installs newsdex from a build directory into a temporary prefix, builds docs/examples against
# the installed CMake package (outside the source tree) and with pkg-config, and runs both on
# the seed corpus.  Usage: scripts/check-install.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S docs/examples -B "$work/example" -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/example" >/dev/null

"$work/prefix/bin/newsdex-index" --quiet --db "$work/seeds.db" corpora/seeds
out="$("$work/example/embed_search" "$work/seeds.db" "cyberattack Albania")"
echo "$out"
grep -q "^3 hits" <<<"$out"

PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig:$work/prefix/lib/x86_64-linux-gnu/pkgconfig" \
  c++ -o "$work/embed_pc" docs/examples/embed_search.cc \
  $(PKG_CONFIG_PATH="$work/prefix/lib/pkgconfig:$work/prefix/lib/x86_64-linux-gnu/pkgconfig" \
    pkg-config --cflags --libs newsdex)
"$work/embed_pc" "$work/seeds.db" "Durres" | grep -q "^1 hits"
echo "install check: CMake package and pkg-config builds work"
