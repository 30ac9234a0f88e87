#!/usr/bin/env bash
# `peerscout info` as a whole command, side by side in one hyperfine run with an empty Java
# program on the same JVM and flags (the start-up floor), transmission-show, and libtorrent
# (Debian's python3-libtorrent). Target: within 4x the empty Java program.
# usage: bench/info-vs-reference.sh [TORRENT]   (default: a real Debian netinst torrent from ../shared)
# Needs: hyperfine transmission-cli python3-libtorrent (Debian).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
torrent="${1:-$root/../shared/corpus/anacrolix-testdata/debian-10.8.0-amd64-netinst.iso.torrent}"
runs="${RUNS:-20}"
for tool in hyperfine transmission-show /usr/bin/python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing $tool (apt-get install hyperfine transmission-cli python3-libtorrent)" >&2; exit 2; }
done
[ -f "$root/app-cli/target/peerscout.jar" ] || (cd "$root" && ./mvnw -B -q package -DskipTests)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'public class Empty { public static void main(String[] a) {} }\n' > "$work/Empty.java"
javac -d "$work" "$work/Empty.java"
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"

hyperfine --warmup 3 --runs "$runs" --export-json "$work/hf.json" -N \
  -n "empty java" "java $flags -cp $work Empty" \
  -n "peerscout info" "$root/peerscout info $torrent" \
  -n "peerscout info --json" "$root/peerscout info --json $torrent" \
  -n "transmission-show" "transmission-show $torrent" \
  -n "libtorrent (python)" "/usr/bin/python3 -c 'import sys,libtorrent as lt; t=lt.torrent_info(sys.argv[1]); print(t.name(), t.info_hashes().v1)' $torrent" >&2

python3 - "$work/hf.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
base = next(r["median"] for r in results if r["command"] == "empty java")
print("%-24s %10s %12s" % ("command", "median ms", "x empty java"))
for r in results:
    print("%-24s %10.1f %12.2f" % (r["command"], r["median"] * 1000, r["median"] / base))
PY
