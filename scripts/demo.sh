#!/usr/bin/env bash
# Sets up, indexes the bundled seed corpus and runs an example search.
# Usage: scripts/demo.sh [QUERY]   (default query: cyberattack Albania)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
db=build/demo-seeds.db
rm -rf "$db"
build/bin/newsdex-index --db "$db" corpora/seeds
echo
build/bin/newsdex-query --db "$db" "${1:-cyberattack Albania}"
