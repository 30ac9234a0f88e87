#!/usr/bin/env bash
# A/B comparison of the .torrent reader's parse + hash (TorrentParseBenchmark): the reader as
# committed at REF (A) against the working tree (B), in alternating JMH forks in one run, so a
# change is judged against the machine's noise rather than against yesterday's figures.
# Usage: bench/jmh-torrentfile/ab.sh [REF=HEAD] [PAIRS=4] [WARMUP=3] [ITERATIONS=5]
#        CPU=1 bench/jmh-torrentfile/ab.sh ...   the parsing thread's CPU time instead of JMH's wall
#        time (ParseCpuTime; WARMUP and ITERATIONS count parses): steadier on a busy machine.
# Builds with Maven (offline once JMH 1.37 is in the local repository), installs nothing.
set -euo pipefail
shopt -s inherit_errexit
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ref=${1:-HEAD}
pairs=${2:-4}
warmup=${3:-3}
iterations=${4:-5}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The reader's jars (domain, the codec where it exists, adapters-torrentfile) built from one tree.
jars() {
  local tree=$1
  (cd "$tree" && ./mvnw -B -q -o -pl adapters-torrentfile -am package -DskipTests -Dexec.skip >&2)
  { ls "$tree"/domain/target/domain-*.jar "$tree"/adapters-torrentfile/target/adapters-torrentfile-*.jar \
      "$tree"/bencode/target/bencode-*.jar 2>/dev/null || true; } | grep -v -e '-tests.jar' -e '-sources.jar' | paste -sd:
}

cd "$root"
mkdir "$work/base"
git archive "$ref" | tar -x -C "$work/base"
base=$(jars "$work/base")
current=$(jars "$root")

repo=${MAVEN_REPO:-$HOME/.m2/repository}
# The reader's one library at run time: vavr, at the version the parent pom names.
vavr=$(sed -n 's:.*<vavr.version>\(.*\)</vavr.version>.*:\1:p' pom.xml)
libraries="$repo/io/vavr/vavr/$vavr/vavr-$vavr.jar"
jmh="$repo/org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar:$repo/net/sf/jopt-simple/jopt-simple/5.0.4/jopt-simple-5.0.4.jar:$repo/org/apache/commons/commons-math3/3.6.1/commons-math3-3.6.1.jar"
[ -f "${jmh%%:*}" ] || ./mvnw -B -q dependency:get -Dartifact=org.openjdk.jmh:jmh-core:1.37 >&2
processor="$repo/org/openjdk/jmh/jmh-generator-annprocess/1.37/jmh-generator-annprocess-1.37.jar"
[ -f "$processor" ] || ./mvnw -B -q dependency:get -Dartifact=org.openjdk.jmh:jmh-generator-annprocess:1.37 >&2

# The benchmark's classes, compiled once against the working tree (its API is the same at A).
javac -d "$work/bench" -cp "$current:$libraries:$jmh" -processorpath "$processor:$jmh" \
  $(find "$here/src/main/java" -name '*.java')

run() {
  if [ -n "${CPU:-}" ]; then
    java -Xms2g -Xmx2g -cp "$work/bench:$1:$libraries:$jmh" dev.peerscout.bench.ParseCpuTime "$warmup" "$iterations" \
      | awk '{ printf "%.1f ms (best %.1f)", $2, $4 }'
    return
  fi
  java -cp "$work/bench:$1:$libraries:$jmh" org.openjdk.jmh.Main TorrentParseBenchmark \
    -f 1 -wi "$warmup" -i "$iterations" -rf csv -rff "$work/result.csv" >/dev/null
  # The score column of the one benchmark row: ms per parse.
  awk -F, 'NR == 2 { gsub(/"/, "", $5); gsub(/"/, "", $6); printf "%.1f ± %.1f ms", $5, $6 }' "$work/result.csv"
}

echo "A = $ref, B = working tree; $pairs pairs of forks, $warmup warm-up and $iterations measured iterations each"
scores_a=(); scores_b=()
for pair in $(seq "$pairs"); do
  a=$(run "$base")
  b=$(run "$current")
  echo "pair $pair  A $a  B $b"
  scores_a+=("${a%% *}"); scores_b+=("${b%% *}")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
least() { printf '%s\n' "$@" | sort -g | head -1; }
ma=$(median "${scores_a[@]}"); mb=$(median "${scores_b[@]}")
awk -v a="$ma" -v b="$mb" 'BEGIN { printf "median  A %.1f ms  B %.1f ms  B/A = %.3f\n", a, b, b / a }'
# On a shared machine the best fork is the one least disturbed by others.
la=$(least "${scores_a[@]}"); lb=$(least "${scores_b[@]}")
awk -v a="$la" -v b="$lb" 'BEGIN { printf "best    A %.1f ms  B %.1f ms  B/A = %.3f\n", a, b, b / a }'
