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
# Only the embedding API: the query library's headers and its exceptions.
installed="$(cd "$work/prefix/include" && find . -type f | sort | tr '\n' ' ')"
expected="./newsdex/error.h ./newsdex/search_request.h ./newsdex/search_result.h ./newsdex/searcher.h "
if [[ "$installed" != "$expected" ]]; then
  echo "install check: installed headers are '$installed', expected '$expected'" >&2
  exit 1
fi
pc="$(find "$work/prefix" -name newsdex.pc)"
if grep -q -- '-std=' "$pc"; then
  echo "install check: newsdex.pc forces a language standard on its users" >&2
  exit 1
fi
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
