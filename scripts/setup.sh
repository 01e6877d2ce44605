#!/usr/bin/env bash
# Installs the Debian packages newsdex needs (skipping those present) and configures + builds.
# Environment: BUILD_DIR (default build), BUILD_TYPE (default Release),
#              CMAKE_ARGS (extra arguments for cmake's configure step),
#              BUILD_TARGET (build only this target; default: everything),
#              EXTRA_PACKAGES (more Debian packages to install, for other builds such as fuzzing).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ make cmake pkg-config
  libxapian-dev libicu-dev libboost-program-options-dev libsimdjson-dev libxml2-dev
  libzstd-dev libcld2-dev xapian-tools python3
  libgtest-dev libbenchmark-dev libsqlite3-dev zlib1g-dev libmimalloc-dev
  # The ranking harness's and the benchmarks' Lucene peer (bench/lucene/LuceneBench.java).
  liblucene8-java default-jdk-headless
)
# shellcheck disable=SC2206  # a space-separated list
packages+=(${EXTRA_PACKAGES:-})

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [[ $(id -u) -ne 0 ]] && sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build_dir="${BUILD_DIR:-build}"
# shellcheck disable=SC2086  # CMAKE_ARGS is a list of arguments
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" ${CMAKE_ARGS:-} >/dev/null
cmake --build "$build_dir" -j"$(nproc)" ${BUILD_TARGET:+--target "$BUILD_TARGET"}
