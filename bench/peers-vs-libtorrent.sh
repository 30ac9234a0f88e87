#!/usr/bin/env bash
# Time to the first peer, side by side on loopback: a torrent whose tier 1 is a dead UDP tracker
# (a socket that never answers) and tier 2 a live opentracker with an aria2 seeder.
#   (a) the whole `peerscout peers --min-peers 1` command, JVM start included, and its peak memory
#       (bench/alternate.py; BEFORE=/path/to/an/older/peerscout alternates that launcher's runs too);
#   (b) libtorrent's in-process time from add_torrent to the first tracker reply, with default
#       settings and with announce_to_all_tiers.
# Needs: opentracker aria2 hyperfine time python3-libtorrent (Debian). Everything on 127.0.0.1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-10}"
for tool in opentracker aria2c /usr/bin/python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing $tool (apt-get install opentracker aria2 python3-libtorrent)" >&2; exit 2; }
done
[ -f "$root/app-cli/target/peerscout.jar" ] || (cd "$root" && ./mvnw -B -q package -DskipTests)

work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket,sys; s=socket.socket(socket.AF_INET, int(sys.argv[1])); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' "$1"; }
tcp="$(free_port 1)"; seed_port="$(free_port 1)"

# The dead tracker: a bound UDP socket that reads and never answers (no ICMP 'unreachable' either).
python3 -c 'import socket,sys,time; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1], flush=True); time.sleep(3600)' > "$work/dead.port" &
pids+=($!)
for _ in $(seq 1 50); do [ -s "$work/dead.port" ] && break; sleep 0.1; done
dead="$(cat "$work/dead.port")"

head -c 4194304 /dev/urandom > "$work/payload.bin"
hash="$(python3 - "$work" "$tcp" "$dead" <<'PY'
import hashlib, sys
work, port, dead = sys.argv[1:4]
def enc(v):
    if isinstance(v, int): return b"i%de" % v
    if isinstance(v, str): v = v.encode()
    if isinstance(v, bytes): return b"%d:%s" % (len(v), v)
    if isinstance(v, list): return b"l" + b"".join(map(enc, v)) + b"e"
    return b"d" + b"".join(enc(k) + enc(v[k]) for k in sorted(v)) + b"e"
data = open(f"{work}/payload.bin", "rb").read()
size = 65536
info = {"name": "payload.bin", "length": len(data), "piece length": size,
        "pieces": b"".join(hashlib.sha1(data[i:i + size]).digest() for i in range(0, len(data), size))}
d, live = f"udp://127.0.0.1:{dead}/announce", f"udp://127.0.0.1:{port}/announce"
open(f"{work}/bench.torrent", "wb").write(enc({"announce": d, "announce-list": [[d], [live]], "info": info}))
open(f"{work}/seed.torrent", "wb").write(enc({"announce": f"http://127.0.0.1:{port}/announce", "info": info}))
print(hashlib.sha1(enc(info)).hexdigest())
PY
)"
mkdir -p "$work/ot" && chmod 755 "$work" "$work/ot" && echo "$hash" > "$work/ot/whitelist.txt" && chmod 644 "$work/ot/whitelist.txt"
opentracker -i 127.0.0.1 -p "$tcp" -P "$tcp" -d "$work/ot" -w whitelist.txt >/dev/null 2>&1 & pids+=($!)
aria2c --no-conf=true --interface=127.0.0.1 --disable-ipv6=true --enable-dht=false --enable-dht6=false \
  --bt-enable-lpd=false --enable-peer-exchange=false --listen-port="$seed_port" --seed-ratio=0.0 \
  --check-integrity=true --bt-exclude-tracker='*' --bt-tracker="http://127.0.0.1:$tcp/announce" \
  --file-allocation=none --summary-interval=0 --console-log-level=warn -d "$work" "$work/seed.torrent" >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  "$root/peerscout" peers "$work/bench.torrent" --min-peers 1 --timeout 2 -q --no-dht >/dev/null 2>&1 && break
  sleep 0.2
done

args="peers $work/bench.torrent --min-peers 1 --timeout 30 -q --no-dht"
commands=("peerscout=$root/peerscout $args")
[ -n "${BEFORE:-}" ] && commands+=("before=$BEFORE $args")
python3 "$root/bench/alternate.py" --runs "$runs" --warmup 2 --json "$work/peers.json" "${commands[@]}" >&2
read -r peerscout_s rss_mib before_s < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
b = r.get("before")
print("%.3f" % (r["peerscout"]["wall_ms"] / 1000), int(r["peerscout"]["rss_mib"]), "%.3f" % (b["wall_ms"] / 1000) if b else "-")' "$work/peers.json")
# libtorrent's figures: the median of LT_RUNS sessions each (default 5).
lt_median() {
  for _ in $(seq 1 "${LT_RUNS:-5}"); do /usr/bin/python3 "$root/bench/lt_first_reply.py" "$work/bench.torrent" "$@"; done |
    python3 -c 'import statistics, sys; v = [float(x) for x in sys.stdin.read().split() if x != "timeout"]; print("%.3f" % statistics.median(v) if v else "timeout")'
}
lt_default="$(lt_median)"
lt_all="$(lt_median --all-tiers)"
lt_both="$(lt_median --all-tiers --all-trackers)"

printf '%-58s %10s\n' "time to first peer (dead tier 1, live tier 2)" "seconds"
printf '%-58s %10s\n' "peerscout peers --min-peers 1 (whole command, median)" "$peerscout_s"
[ -n "${BEFORE:-}" ] && printf '%-58s %10s\n' "before: peerscout peers --min-peers 1 (whole command, median)" "$before_s"
printf '%-58s %10s\n' "libtorrent 2.0.8 default settings (in-process)" "$lt_default"
printf '%-58s %10s\n' "libtorrent 2.0.8 announce_to_all_tiers (in-process)" "$lt_all"
printf '%-58s %10s\n' "libtorrent 2.0.8 all tiers + all trackers (in-process)" "$lt_both"
printf '%-58s %10s\n' "peerscout peak RSS (MiB)" "$rss_mib"
