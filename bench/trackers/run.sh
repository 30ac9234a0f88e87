#!/usr/bin/env bash
# Benchmarks `peerscout trackers` on 1,000 tracker URLs, all on 127.0.0.1: a few live opentrackers
# under many paths (UDP and HTTP), the rest silent UDP servers and closed ports. Reports the wall
# time against --timeout + 1 s, peak RSS, the outcomes, and the datagrams each live opentracker
# received (one connect per tracker address is the goal: connection ids are shared across URLs).
# Usage: bench/trackers/run.sh [TIMEOUT_SECONDS=5]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
timeout=${1:-5}
live=3            # opentrackers
udp_paths=200     # UDP URLs per opentracker (different paths: BEP 41 URLData)
http_paths=30     # HTTP URLs per opentracker
silent=10         # silent UDP servers ...
silent_paths=15   # ... under this many paths each
total=1000

command -v opentracker >/dev/null || { echo "opentracker is not installed (apt-get install opentracker)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is not installed (apt-get install time)" >&2; exit 2; }
cd "$root"
[ -f app-cli/target/peerscout.jar ] || ./mvnw -B -q package -DskipTests

work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Free loopback ports: $1 TCP+UDP pairs (opentracker uses one number for both), then $2 UDP ports.
read -r -a ports < <(python3 - "$live" "$((silent + total))" <<'PY'
import socket, sys
live, udp = int(sys.argv[1]), int(sys.argv[2])
held, out = [], []
while len(out) < live:
    t = socket.socket(); t.bind(("127.0.0.1", 0)); p = t.getsockname()[1]
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        u.bind(("127.0.0.1", p)); held += [t, u]; out.append(p)
    except OSError:
        t.close(); u.close()
for _ in range(udp):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0)); held.append(u)
    out.append(u.getsockname()[1])
print(" ".join(map(str, out)))
PY
)
live_ports=("${ports[@]:0:live}")
silent_ports=("${ports[@]:live:silent}")
closed_ports=("${ports[@]:live+silent}")

swarm=$(python3 -c 'import os; print(os.urandom(20).hex())')
for port in "${live_ports[@]}"; do
  dir="$work/ot-$port"; mkdir -p "$dir"; chmod 755 "$dir"
  echo "$swarm" > "$dir/whitelist.txt"; chmod 644 "$dir/whitelist.txt"
  # -i before -p/-P, or the ports bind on every interface; -A lets us read its UDP counters.
  opentracker -i 127.0.0.1 -p "$port" -P "$port" -A 127.0.0.1 -d "$dir" -w whitelist.txt >"$dir.log" 2>&1 &
  pids+=($!)
done
python3 - "${silent_ports[@]}" <<'PY' &
import select, socket, sys
socks = []
for p in sys.argv[1:]:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1", int(p))); socks.append(s)
while True:  # reads every datagram, answers none
    for s in select.select(socks, [], [])[0]:
        s.recv(2048)
PY
pids+=($!)

for port in "${live_ports[@]}"; do
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/stats?mode=udp4" >/dev/null && break; sleep 0.1; done
done

list="$work/trackers.txt"
{
  for port in "${live_ports[@]}"; do
    for i in $(seq "$udp_paths"); do echo "udp://127.0.0.1:$port/announce?path=$i"; done
    for i in $(seq "$http_paths"); do echo "http://127.0.0.1:$port/announce?path=$i"; done
  done
  for port in "${silent_ports[@]}"; do
    for i in $(seq "$silent_paths"); do echo "udp://127.0.0.1:$port/announce/$i"; done
  done
} > "$list"
needed=$((total - $(wc -l < "$list")))
for port in "${closed_ports[@]:0:needed}"; do echo "udp://127.0.0.1:$port/announce"; done >> "$list"

udp_received() { curl -fs "http://127.0.0.1:$1/stats?mode=udp4" | head -1; }

run() { # $1: label; the rest: extra arguments
  local label=$1; shift
  declare -A before
  for port in "${live_ports[@]}"; do before[$port]=$(udp_received "$port"); done
  /usr/bin/time -f '%e %M' -o "$work/time" ./peerscout trackers --from "$list" --timeout "$timeout" --json "$@" \
    >"$work/out.json" 2>"$work/err" || true
  read -r wall rss_kib < <(tail -1 "$work/time")
  local datagrams=""
  for port in "${live_ports[@]}"; do datagrams+=" $(( $(udp_received "$port") - before[$port] ))"; done
  python3 - "$work/out.json" "$label" "$wall" "$rss_kib" "$timeout" "$udp_paths" "$datagrams" <<'PY'
import collections, json, sys
path, label, wall, rss, timeout, udp_paths, datagrams = sys.argv[1:]
doc = json.load(open(path))
statuses = collections.Counter(a["status"] for t in doc["trackers"] for a in t["addresses"])
within = float(wall) <= float(timeout) + 1
print(f"{label}: {len(doc['trackers'])} URLs, wall {wall} s (limit {float(timeout) + 1:g} s: {'ok' if within else 'OVER'}), "
      f"elapsedMs {doc['elapsedMs']}, peak RSS {int(rss) / 1024:.0f} MiB")
print(f"  outcomes: {dict(sorted(statuses.items()))}")
print(f"  datagrams received per live opentracker ({udp_paths} UDP URLs each):{datagrams}")
PY
}

echo "peerscout trackers: $total URLs ($live opentrackers x ($udp_paths UDP + $http_paths HTTP paths)," \
  "$silent silent UDP ports x $silent_paths paths, $needed closed UDP ports), --timeout $timeout"
/usr/bin/time -f '%e' -o "$work/help-time" ./peerscout trackers --help >/dev/null
echo "start-up alone (trackers --help): $(tail -1 "$work/help-time") s; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
run "random swarm (opentracker refuses it: error, alive; no 'stopped')"
run "whitelisted swarm (started, scrape, stopped)" --info-hash "$swarm"
