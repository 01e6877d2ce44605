#!/usr/bin/env bash
# The sequence of docs/scaling.md, run as written: Reuters and the seed articles indexed as one
# database and in 3 parts, the parts served by 3 xapian-tcpsrv processes on loopback
# (scripts/serve-part.sh), and the same queries answered through the shard map, compared with
# the one database. Usage: scripts/parts-demo.sh [WORK_DIR] (default build/parts-demo; after
# scripts/setup.sh). Exit 0 when every answer is the same.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-build/parts-demo}"
bin=build/bin
rm -rf "$work"
mkdir -p "$work"

# 1. The archive as one database, and in 3 parts (a folder: part-0 part-1 part-2 XAPIANDB).
$bin/newsdex-index --quiet --db "$work/one.db" corpora/seeds corpora/reuters21578
$bin/newsdex-index --quiet --db "$work/archive" --parts 3 corpora/seeds corpora/reuters21578

# 2. Each part served on its own port (on three machines, each would serve its own part).
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
ports=(17101 17102 17103)
for k in 0 1 2; do
  # Its own session: xapian-tcpsrv stopping signals its whole process group.
  setsid scripts/serve-part.sh "$work/archive/part-$k" "${ports[$k]}" 2>/dev/null >/dev/null &
  pids+=($!)
done

# 3. The shard map: one line a part, in Xapian's stub database format.
printf 'remote 127.0.0.1:%s\n' "${ports[@]}" > "$work/archive.map"
for _ in $(seq 100); do
  $bin/newsdex-query --db "$work/archive.map" --count x >/dev/null 2>&1 && break
  sleep 0.1
done

# 4. The same queries on the one database, on the local parts and through the shard map.
queries=("cyberattack Albania" "cocoa talks collapse" "bank of japan intervenes"
  "topics:cocoa places:brazil" '"interest rates" date:1987-04')
different=0
for q in "${queries[@]}"; do
  for db in "$work/archive" "$work/archive.map"; do
    # Articles of exactly equal score come in docid order, which differs between layouts:
    # compared as score, then id.
    if ! diff <($bin/newsdex-query --db "$work/one.db" --format tsv --limit 20 "$q" | cut -f2,3 | sort -k2,2gr -k1,1) \
      <($bin/newsdex-query --db "$db" --format tsv --limit 20 "$q" | cut -f2,3 | sort -k2,2gr -k1,1) >/dev/null; then
      echo "different answers for '$q' on $db" >&2
      different=1
    fi
  done
done
$bin/newsdex-query --db "$work/archive.map" --collapse story "cyberattack Albania"
[ "$different" = 0 ] && echo "parts-demo: ${#queries[@]} queries, the same answers on one database, local parts and remote parts"
exit "$different"
