#!/usr/bin/env bash
# Builds the query-parser fuzzer with clang (libFuzzer + ASan + UBSan) in build-fuzz/ and runs it
# for a while (default 60 s). A crash or sanitizer report fails the script and leaves the input
# in build-fuzz/. Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"

EXTRA_PACKAGES="clang libclang-rt-14-dev" BUILD_DIR=build-fuzz BUILD_TYPE=Debug \
  BUILD_TARGET=query_parser_fuzz \
  CMAKE_ARGS="-DCMAKE_CXX_COMPILER=clang++ -DNEWSDEX_SANITIZERS=ON -DNEWSDEX_BUILD_FUZZERS=ON -DNEWSDEX_BUILD_BENCH=OFF" \
  scripts/setup.sh
corpus="$(mktemp -d)"
trap 'rm -rf "$corpus"' EXIT
cp tests/fuzz/corpus/* "$corpus/"
cd build-fuzz
./bin/query_parser_fuzz -max_total_time="$seconds" -max_len=256 -timeout=10 "$corpus" 2>&1 | tail -5
