#!/usr/bin/env bash
# Builds the libFuzzer targets (one for every parser: the query language, page text, HTML, JSON
# Lines records, dates, the analyzer) with clang (libFuzzer + ASan + UBSan) in build-fuzz/ and
# runs each from its seed corpus (tests/fuzz/corpus/NAME) for a while (default 60 s each). A
# crash, a sanitizer report or a broken promise of the parser fails the script; the input is
# left in build-fuzz/ as crash-*, to become a regression test.
# Usage: scripts/fuzz.sh [SECONDS_EACH] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(query_parser page_text html json_record date_parser analyzer)

EXTRA_PACKAGES="clang libclang-rt-14-dev" BUILD_DIR=build-fuzz BUILD_TYPE=Debug \
  BUILD_TARGET=fuzzers \
  CMAKE_ARGS="-DCMAKE_CXX_COMPILER=clang++ -DNEWSDEX_SANITIZERS=ON -DNEWSDEX_BUILD_FUZZERS=ON -DNEWSDEX_BUILD_BENCH=OFF" \
  scripts/setup.sh

# The longest input each target gets: queries and dates are short, pages and records are not.
max_len() {
  case "$1" in
    query_parser | date_parser) echo 256 ;;
    analyzer) echo 4096 ;;
    *) echo 16384 ;;
  esac
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd build-fuzz
for target in "${targets[@]}"; do
  corpus="$work/$target"
  mkdir -p "$corpus"
  cp ../tests/fuzz/corpus/"$target"/* "$corpus/"
  echo "== ${target}_fuzz: ${seconds} s"
  # -rss_limit_mb: ASan's shadow memory counts; a parser that needs more on a 16 KB input is a bug.
  ./bin/"${target}_fuzz" -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=10 \
    -rss_limit_mb=2560 -print_final_stats=0 "$corpus" 2>&1 | tail -25
done
