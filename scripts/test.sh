#!/usr/bin/env bash
# Sets up and runs the test suite with ctest.
#   scripts/test.sh             Release build in build/: every test
#   scripts/test.sh --sanitize  Debug build with ASan+UBSan in build-asan/: every test not
#                               labelled "slow" (slow end-to-end tests run in Release only)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${1:-}" == "--sanitize" ]]; then
  BUILD_DIR=build-asan BUILD_TYPE=Debug CMAKE_ARGS="-DNEWSDEX_SANITIZERS=ON" scripts/setup.sh
  export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  ctest --test-dir build-asan --output-on-failure -j"$(nproc)" -LE slow
else
  scripts/setup.sh
  ctest --test-dir build --output-on-failure -j"$(nproc)"
fi
