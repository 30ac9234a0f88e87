#!/usr/bin/env bash
# `peerscout info` as a whole command (launcher and JVM included), side by side in one run with
# its references, the commands alternating round by round (bench/alternate.py): medians of wall
# and CPU time, peak RSS, and ratios.
#   small torrent: the start-up floor (an empty Java program on JDK 25 with -XX:TieredStopAtLevel=1
#     -XX:+UseSerialGC, the fastest empty start this machine allows), an empty program on JDK 17,
#     transmission-show, libtorrent (Debian's python3-libtorrent);
#   big torrent (bench/make-big-torrent.py: 6.8 MB, 200,000 pieces, 50,000 files): `info --json`
#     against transmission-show;
#   on both, a bound: bench/MinimalInfo.java, the least any `info` must do on this JVM (picocli
#     parses the command line, the file is read and its SHA-1 taken), with its own AOT cache.
# BEFORE=/path/to/an/older/peerscout adds that launcher's runs (e.g. a copy of main's checkout).
# usage: bench/info-vs-reference.sh [TORRENT]   (default: a Debian netinst torrent from ../shared)
# Needs: transmission-cli python3-libtorrent (Debian); JDK 25 under /usr/lib/jvm for the floor.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
shared="${SHARED:-$(cd "$root/.." && pwd)/shared}"
[ -d "$shared/corpus" ] || shared="$(cd "$root/../.." && pwd)/shared"
torrent="${1:-$shared/corpus/anacrolix-testdata/debian-10.8.0-amd64-netinst.iso.torrent}"
runs="${RUNS:-20}"
for tool in transmission-show /usr/bin/python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing $tool (apt-get install transmission-cli python3-libtorrent)" >&2; exit 2; }
done
[ -f "$root/app-cli/target/peerscout.jar" ] || (cd "$root" && ./mvnw -B -q package -DskipTests)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
printf 'public class Empty { public static void main(String[] a) {} }\n' > "$work/Empty.java"
javac --release 17 -d "$work" "$work/Empty.java"
python3 "$here/make-big-torrent.py" "$work/big.torrent" 2>/dev/null
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
jdk25="$(ls -d /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25* 2>/dev/null | head -1 || true)"

# The least any `info` must do on this JVM (bench/MinimalInfo.java: picocli, read, SHA-1, print),
# with its own AOT cache: what no work inside peerscout can go below.
minimal=
if [ -n "$jdk25" ]; then
  mkdir -p "$work/picocli" "$work/minimal"
  (cd "$work/picocli" && "$jdk25/bin/jar" xf "$root/app-cli/target/peerscout.jar" picocli)
  "$jdk25/bin/javac" --release 17 -cp "$work/picocli" -d "$work/minimal" "$here/MinimalInfo.java"
  "$jdk25/bin/jar" cf "$work/minimal.jar" -C "$work/minimal" . -C "$work/picocli" .
  "$jdk25/bin/java" $flags -XX:AOTCacheOutput="$work/minimal.aot" -Xlog:aot=off -Xlog:cds=off \
    -cp "$work/minimal.jar" MinimalInfo --json "$torrent" >/dev/null 2>&1
  minimal="$jdk25/bin/java $flags -XX:AOTCache=$work/minimal.aot -cp $work/minimal.jar MinimalInfo --json"
fi

commands=()
[ -n "$jdk25" ] && commands+=("floor: empty java 25=$jdk25/bin/java $flags -cp $work Empty")
[ -n "$minimal" ] && commands+=("bound: picocli + read + SHA-1 only=$minimal $torrent")
commands+=("empty java 17=java $flags -Xshare:auto -cp $work Empty")
commands+=("peerscout info=$root/peerscout info $torrent")
commands+=("peerscout info --json=$root/peerscout info --json $torrent")
# The launcher picks a JDK 25 when one is installed; the other start path, JDK 17 with its archive, beside it.
jdk17="$(ls -d /usr/lib/jvm/java-17-openjdk* /usr/lib/jvm/temurin-17* 2>/dev/null | head -1 || true)"
[ -n "$jdk17" ] && commands+=("peerscout info --json, JDK 17=env PEERSCOUT_JAVA=$jdk17/bin/java $root/peerscout info --json $torrent")
[ -n "${BEFORE:-}" ] && commands+=("before: peerscout info --json=$BEFORE info --json $torrent")
commands+=("transmission-show=transmission-show $torrent")
commands+=("libtorrent (python)=/usr/bin/python3 -c 'import sys,libtorrent as lt; t=lt.torrent_info(sys.argv[1]); print(t.name(), t.info_hashes().v1)' $torrent")
commands+=("big: peerscout info --json=$root/peerscout info --json $work/big.torrent")
[ -n "$minimal" ] && commands+=("big: bound: picocli + read + SHA-1 only=$minimal $work/big.torrent")
[ -n "${BEFORE:-}" ] && commands+=("big: before: peerscout info --json=$BEFORE info --json $work/big.torrent")
commands+=("big: transmission-show=transmission-show $work/big.torrent")
python3 "$here/alternate.py" --runs "$runs" --warmup 2 --json "${JSON_OUT:-$work/info.json}" "${commands[@]}"
