#!/usr/bin/env bash
# The corpus-growth benchmark: generates corpora of 1k, 10k and 100k articles (and 1M with
# --large) with newsdex-gen, measures indexing (one job and every core; peak RSS; bytes per
# article) and query latency by class for newsdex, SQLite FTS5 and Lucene 8 (liblucene8-java in
# a JVM; "SKIP lucene:" without Java), writes the raw Google Benchmark JSON to bench/results/,
# the table into docs/benchmarks.md and the plots to docs/bench/, and prints PASS/FAIL lines.
#
# Usage: scripts/bench.sh [--large] [--sizes N,N,...] [--compare OLD.json] [--no-docs]
# (--no-docs: leave docs/ as it is; the plots go to build/growth-plots/)
# Exit status: 0 every target passes, 3 a target fails, other: the run failed.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=1000,10000,100000
compare=""
docs=1
while (($#)); do
  case "$1" in
    --large) sizes=1000,10000,100000,1000000 ;;
    --sizes) sizes="$2"; shift ;;
    --compare) compare="$2"; shift ;;
    --no-docs) docs=0 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
[[ -z "$compare" || -f "$compare" ]] || { echo "bench.sh: no such file $compare" >&2; exit 2; }

# gnuplot for the plots (setup.sh installs Lucene 8 and a JDK for the Lucene peer).
EXTRA_PACKAGES="gnuplot-nox" BUILD_TYPE=Release \
  scripts/setup.sh

stamp=$(date -u +%Y-%m-%dT%H%M)
result="bench/results/growth-$stamp.json"
work=build/growth-work
rm -rf "$work"
mkdir -p "$work" bench/results
NEWSDEX_GROWTH_SIZES="$sizes" NEWSDEX_GROWTH_DIR="$work" build/bin/newsdex_growth_bench \
  --benchmark_out="$result" --benchmark_out_format=json
rm -rf "$work"

# --no-docs leaves docs/ alone: the plots go to build/ instead.
plots=docs/bench
((docs)) || plots=build/growth-plots
report=(python3 scripts/bench-report.py "$result" --plots "$plots")
((docs)) && report+=(--docs docs/benchmarks.md)
[[ -n "$compare" ]] && report+=(--compare "$compare")
command="scripts/bench.sh"
[[ "$sizes" == *1000000* ]] && command="scripts/bench.sh --large"
status=0
"${report[@]}" --command "$command" || status=$?
echo
echo "results: $result; plots: $plots/"
exit "$status"
