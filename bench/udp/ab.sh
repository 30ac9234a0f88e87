#!/usr/bin/env bash
# A/B comparison of the UDP tracker client: the adapter as committed at REF (A) against the working
# tree (B), in alternating runs against one opentracker, so a change is judged against the machine's
# noise rather than against yesterday's figures.
# Usage: bench/udp/ab.sh [REF=HEAD] [PAIRS=4] [PHASES=announce] [HASHES=100000] [ROUNDS=3]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ref=${1:-HEAD}
pairs=${2:-4}
phases=${3:-announce}
hashes=${4:-100000}
rounds=${5:-3}

command -v opentracker >/dev/null || { echo "opentracker is not installed (apt-get install opentracker)" >&2; exit 2; }

work=$(mktemp -d)
chmod 755 "$work"          # opentracker chroots here and drops to 'nobody'
tracker_pid=""
cleanup() {
  if [ -n "$tracker_pid" ]; then kill "$tracker_pid" 2>/dev/null || true; wait "$tracker_pid" 2>/dev/null || true; fi
  git -C "$root" worktree remove --force "$work/base" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# The jars of the domain and the adapter, built from one source tree.
jars() {
  local tree=$1
  (cd "$tree" && ./mvnw -B -q -pl adapters-udp -am package -DskipTests -Dexec.skip)
  ls "$tree"/domain/target/domain-*.jar "$tree"/adapters-udp/target/adapters-udp-*.jar | grep -v -- '-tests.jar' | paste -sd:
}

cd "$root"
git worktree add -q --detach "$work/base" "$ref"
base=$(jars "$work/base")
current=$(jars "$root")
# The bench itself resolves the adapter from the local repository: install the working tree's.
./mvnw -B -q -pl adapters-udp -am install -DskipTests
./mvnw -B -q -f bench/udp/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
libraries=$(tr ':' '\n' <"$here/target/classpath.txt" | grep -v '/dev/peerscout/' | paste -sd:)

. "$here/settings.sh"

read -r tcp_port udp_port < <(java -cp "$here/target/classes:$current:$libraries" \
  dev.peerscout.bench.udp.UdpTrackerBench prepare --hashes "$hashes" --dir "$work")
chmod 644 "$work/whitelist.txt"
"${tracker_cpu[@]}" opentracker -i 127.0.0.1 -p "$tcp_port" -P "$udp_port" -d "$work" -w whitelist.txt >/dev/null 2>&1 &
tracker_pid=$!

run() {
  "${client_cpu[@]}" java $java_opts -cp "$here/target/classes:$1:$libraries" dev.peerscout.bench.udp.UdpTrackerBench run \
    --hashes "$hashes" --udp-port "$udp_port" --pid "$tracker_pid" --samples 2000 --rounds "$rounds" --scrapes 10 \
    --warmup 5 --phases "$phases" --clk-tck "$(getconf CLK_TCK)"
}

# Per run: the client's and the bare socket's best rate of each phase, and their ratio.
summarize() {
  awk -v label="$1" '
    /^-- / { phase = $2; sub(":", "", phase) }
    /client +[0-9]+:/ { gsub(",", "", $3); if ($3 > c[phase]) c[phase] = $3 }
    /raw socket [0-9]+:/ { gsub(",", "", $4); if ($4 > r[phase]) r[phase] = $4 }
    /client: +median/ { lat = $3 }
    /raw socket: +median/ { rlat = $4 }
    END {
      line = label
      for (p in c) line = line sprintf("  %s %.0f vs %.0f/s = %.2fx", p, c[p], r[p], c[p] / r[p])
      if (lat != "") line = line sprintf("  latency median %s vs %s µs", lat, rlat)
      print line
    }'
}

echo "A = $ref, B = working tree; $pairs pairs, phases $phases, $hashes hashes, best of $rounds rounds each"
run "$current" >/dev/null   # fills the swarms, so every measured run sees the same peer lists
for pair in $(seq "$pairs"); do
  run "$base" | summarize "A $pair"
  run "$current" | summarize "B $pair"
done
