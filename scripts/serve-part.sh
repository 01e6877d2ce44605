#!/usr/bin/env bash
# Serves one newsdex database (a part of a database in parts, or a whole one) to newsdex-query
# on other machines, through Xapian's remote protocol: xapian-tcpsrv, in the foreground,
# read-only. docs/scaling.md says how parts are laid out and listed in a shard map.
#
#   scripts/serve-part.sh DB PORT [--interface ADDRESS] [--timeout MS] [--idle-timeout MS]
#
# It listens on 127.0.0.1 unless --interface says otherwise (0.0.0.0: every interface; the
# protocol has no authentication or encryption: serve beyond loopback only on a private
# network, or through an ssh tunnel). --timeout is how long one request may take once a
# client has sent it (default 15000 ms), --idle-timeout how long a connection may wait for the
# next request (default 60000 ms). Ctrl-C stops it. Exit status: xapian-tcpsrv's; 2 usage.
# Started in the background by a script, give it a session of its own (setsid): when
# xapian-tcpsrv is stopped it signals its whole process group, the script included.
set -euo pipefail

usage() {
  sed -n '6p' "$0" | sed 's/^#   /usage: /' >&2
  exit 2
}

help() {
  # The header comment, without its first line.
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
  exit 0
}

case "${1:-}" in -h|--help) help ;; esac
[ $# -ge 2 ] || usage
db="$1"
port="$2"
shift 2
interface=127.0.0.1
active_timeout=15000
idle_timeout=60000
while [ $# -gt 0 ]; do
  case "$1" in
    --interface) interface="${2:?--interface needs an address}"; shift 2 ;;
    --timeout) active_timeout="${2:?--timeout needs milliseconds}"; shift 2 ;;
    --idle-timeout) idle_timeout="${2:?--idle-timeout needs milliseconds}"; shift 2 ;;
    -h|--help) help ;;
    *) echo "serve-part.sh: unknown option '$1'" >&2; usage ;;
  esac
done

case "$port" in
  ''|*[!0-9]*) echo "serve-part.sh: the port must be a number, not '$port'" >&2; exit 2 ;;
esac
if [ "$port" -lt 1 ] || [ "$port" -gt 65535 ]; then
  echo "serve-part.sh: the port must be from 1 to 65535, not $port" >&2
  exit 2
fi
for ms in "$active_timeout" "$idle_timeout"; do
  case "$ms" in
    ''|*[!0-9]*) echo "serve-part.sh: a timeout is a number of milliseconds, not '$ms'" >&2; exit 2 ;;
  esac
done
# One Glass database: a folder of parts (with a XAPIANDB shard map) is served part by part,
# each by its own server, so that each can live on its own machine.
if [ -f "$db/XAPIANDB" ]; then
  echo "serve-part.sh: $db is a folder of parts; serve each of its part-K folders" >&2
  exit 2
fi
if [ ! -f "$db/iamglass" ]; then
  echo "serve-part.sh: no Glass database at $db (a newsdex database folder, such as parts/part-0)" >&2
  exit 2
fi
if ! command -v xapian-tcpsrv > /dev/null; then
  echo "serve-part.sh: xapian-tcpsrv is missing: install Debian's xapian-tools" >&2
  exit 2
fi

echo "serving $db on $interface:$port (shard map line: remote $interface:$port)" >&2
exec xapian-tcpsrv --port "$port" --interface "$interface" \
  --active-timeout "$active_timeout" --idle-timeout "$idle_timeout" "$db"
