#!/usr/bin/env bash
# Whether two builds of peerscout say the same thing about every torrent: `info --json`, `info` and
# `info --all-files` (stdout, stderr and exit code, byte for byte) on the bench's big torrent
# (bench/make-big-torrent.py) and on every .torrent of the shared corpus. For changes that must not
# change output (speed work); a script run, not a test: one JVM per command, some minutes.
# usage: bench/info-output-same.sh BEFORE_JAR AFTER_JAR
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared="${SHARED:-$(cd "$root/.." && pwd)/shared}"
[ -d "$shared/corpus" ] || shared="$(cd "$root/../.." && pwd)/shared"
[ $# -eq 2 ] || { echo "usage: $0 BEFORE_JAR AFTER_JAR" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$here/make-big-torrent.py" "$work/big.torrent" 2>/dev/null
# The launcher's JVM options, without its start-up cache (the output does not depend on it).
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms32m -Xmn12m"
run() { # $1: jar, $2: output directory
  mkdir -p "$2"
  local i=0 t
  while IFS= read -r t; do
    i=$((i + 1))
    echo "$t" > "$2/$i.name"
    for mode in "--json" "" "--all-files"; do
      # shellcheck disable=SC2086
      java $flags -jar "$1" info $mode "$t" > "$2/$i.out$mode" 2> "$2/$i.err$mode" && code=0 || code=$?
      echo "exit $code" >> "$2/$i.err$mode"
    done
  done < <(echo "$work/big.torrent"; find "$shared/corpus" -name '*.torrent' | sort)
  echo "$i"
}
count=$(run "$1" "$work/before")
run "$2" "$work/after" > /dev/null
if diff -r "$work/before" "$work/after" > "$work/diff"; then
  echo "same output for all $count torrents (info --json, info, info --all-files)"
else
  head -40 "$work/diff"
  echo "OUTPUT DIFFERS (first lines above)" >&2
  exit 1
fi
