#!/usr/bin/env bash
# Benchmarks the UDP tracker client against a local opentracker (127.0.0.1 only).
# Usage: bench/udp/run.sh [HASHES=100000] [LATENCY_SAMPLES=2000] [WINDOW=64] [ROUNDS=3] [SCRAPES=10] [WARMUP=5]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
hashes=${1:-100000}
samples=${2:-2000}
window=${3:-64}
rounds=${4:-3}
scrapes=${5:-10}
warmup=${6:-5}

command -v opentracker >/dev/null || { echo "opentracker is not installed (apt-get install opentracker)" >&2; exit 2; }

cd "$root"
./mvnw -B -q -pl adapters-udp -am install -DskipTests
./mvnw -B -q -f bench/udp/pom.xml package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
classpath="$here/target/classes:$(cat "$here/target/classpath.txt")"
bench() { java -cp "$classpath" dev.peerscout.bench.udp.UdpTrackerBench "$@"; }

. "$here/settings.sh"

dir=$(mktemp -d)
chmod 755 "$dir"          # opentracker chroots here and drops to 'nobody'
tracker_pid=""
cleanup() {
  if [ -n "$tracker_pid" ]; then kill "$tracker_pid" 2>/dev/null || true; wait "$tracker_pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT

read -r tcp_port udp_port < <(bench prepare --hashes "$hashes" --dir "$dir")
chmod 644 "$dir/whitelist.txt"
# -i before -p/-P, or the ports bind on every interface; the whitelist path is relative to the chroot.
"${tracker_cpu[@]}" opentracker -i 127.0.0.1 -p "$tcp_port" -P "$udp_port" -d "$dir" -w whitelist.txt >"$dir.log" 2>&1 &
tracker_pid=$!

mkdir -p "$root/bench/results"
"${client_cpu[@]}" java $java_opts -cp "$classpath" dev.peerscout.bench.udp.UdpTrackerBench run --hashes "$hashes" --udp-port "$udp_port" --pid "$tracker_pid" --samples "$samples" --window "$window" --rounds "$rounds" --scrapes "$scrapes" --warmup "$warmup" \
  --clk-tck "$(getconf CLK_TCK)" | tee "$root/bench/results/udp-$(date +%Y%m%dT%H%M%S).txt"
rm -f "$dir.log"
