#!/usr/bin/env bash
# Makes the class-data sharing archive the ./peerscout launcher starts with (run by the build,
# after the jar). A static archive, not the dynamic one Java 17 makes at exit: only a static
# archive can hold picocli, whose Java 5 class files otherwise go through the slow old verifier
# on every start. The classes are those a few short training runs load: `info` (text and JSON)
# on two small torrents, `peers` and `trackers` against tracker ports on loopback that nobody listens on, and help.
#
# usage: make-archive.sh JAVA JAR ARCHIVE
# The archive belongs to this JVM and this jar: the launcher uses it only when it is newer than the
# jar, and the JVM itself ignores it (and starts normally) when it was made by another JVM.
set -euo pipefail
java="$1"
jar="$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"
archive="$3"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Two tiers, two files and four pieces; 'pieces' may be any bytes, so plain letters do.
str() { printf '%d:%s' "${#1}" "$1"; }
udp=udp://127.0.0.1:1/announce
http=http://127.0.0.1:1/announce
torrent="$work/training.torrent"
{
  printf 'd%s%s' "$(str announce)" "$(str "$udp")"
  printf '%sll%sel%see' "$(str announce-list)" "$(str "$udp")" "$(str "$http")"
  printf '%s%s' "$(str comment)" "$(str training)"
  printf '%sd%sl' "$(str info)" "$(str files)"
  printf 'd%si600000e%sl%s%see' "$(str length)" "$(str path)" "$(str a)" "$(str b.bin)"
  printf 'd%si400000e%sl%seee' "$(str length)" "$(str path)" "$(str c.txt)"
  printf '%s%s%si262144e' "$(str name)" "$(str training)" "$(str 'piece length')"
  printf '%s%s%si0eee' "$(str pieces)" "$(str "$(printf 'abcdefghijklmnopqrst%.0s' 1 2 3 4)")" "$(str private)"
} > "$torrent"
# And a single-file one, whose file list is read another way.
single="$work/single.torrent"
{
  printf 'd%s%s' "$(str announce)" "$(str "$udp")"
  printf '%sd%si1000000e' "$(str info)" "$(str length)"
  printf '%s%s%si262144e' "$(str name)" "$(str single.iso)" "$(str 'piece length')"
  printf '%s%see' "$(str pieces)" "$(str "$(printf 'abcdefghijklmnopqrst%.0s' 1 2 3 4)")"
} > "$single"

opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
run=0
train() {
  run=$((run + 1))
  # Exit codes do not matter here (the peers run finds nothing, by design); the classes loaded do.
  "$java" "${opts[@]}" -XX:DumpLoadedClassList="$work/classes.$run" -jar "$jar" "$@" >/dev/null 2>&1 || true
}
train info "$torrent"
train info --json "$torrent"
train info "$single"
train info "magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=training"
train peers --no-dht --timeout 1 "$torrent"
train trackers --timeout 1 "$udp" "$http"
train trackers --timeout 1 --json "$udp"
train --help

# Only start-up time depends on the archive: a JVM that cannot make one still gets a working build.
no_archive() {
  echo "peerscout: no class-data archive ($1); ./peerscout starts without it" >&2
  rm -f "$archive"
  exit 0
}
compgen -G "$work/classes.*" > /dev/null || no_archive "the training runs wrote no class list"
# One list in first-seen order; the JVM reads it to load and link each class at dump time.
cat "$work"/classes.* | awk '!/^#/ && !seen[$0]++' > "$work/classes"
rm -f "$archive"
"$java" "${opts[@]}" -Xshare:dump -XX:SharedClassListFile="$work/classes" -XX:SharedArchiveFile="$archive" \
  -cp "$jar" > "$work/dump.log" 2>&1 || no_archive "the JVM could not dump one: $(tail -1 "$work/dump.log")"
