#!/usr/bin/env bash
# Runs every newsdex-query example in docs/query.md against the seed corpus: each must exit
# 0 (hits) or 1 (no hits), never 2 (error).  Usage: scripts/check-doc-examples.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build="${1:-build}"
if [[ "$build" != build ]]; then
  echo "check-doc-examples: the examples name build/; run with the default build dir" >&2
  exit 2
fi
rm -rf build/demo-seeds.db
build/bin/newsdex-index --quiet --db build/demo-seeds.db corpora/seeds
count=0
while IFS= read -r line; do
  count=$((count + 1))
  set +e
  bash -c "$line" >/dev/null 2>/tmp/newsdex-doc-example.err
  status=$?
  set -e
  if [[ $status -gt 1 ]]; then
    echo "FAILED (exit $status): $line" >&2
    cat /tmp/newsdex-doc-example.err >&2
    exit 1
  fi
done < <(grep -E '^(printf .*\| )?build/bin/newsdex-query ' docs/query.md)
echo "docs/query.md: $count examples ran"
[[ $count -gt 10 ]]
