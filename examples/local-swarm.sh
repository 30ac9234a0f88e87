#!/usr/bin/env bash
# An offline demo of the main job: a real tracker (opentracker) and a real seeder (aria2) on
# 127.0.0.1, a torrent made for them, and `peerscout peers` finding the seeder.
# Needs: opentracker, aria2 and python3 (Debian: apt-get install opentracker aria2 python3).
# Everything binds to 127.0.0.1 and is stopped on exit.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

for tool in opentracker aria2c python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "local-swarm: '$tool' is missing (apt-get install opentracker aria2 python3)" >&2; exit 2; }
done

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
tracker_port="$(free_port)"
seeder_port="$(free_port)"
dead_port="$(free_port)"

# A 1 MiB file and a torrent whose first tier is a tracker that never answers.
head -c 1048576 /dev/urandom > "$work/demo.bin"
info_hash="$(python3 - "$work" "$tracker_port" "$dead_port" <<'PY'
import hashlib, sys
work, port, dead = sys.argv[1], sys.argv[2], sys.argv[3]
def enc(v):
    if isinstance(v, int): return b"i%de" % v
    if isinstance(v, str): v = v.encode()
    if isinstance(v, bytes): return b"%d:%s" % (len(v), v)
    if isinstance(v, list): return b"l" + b"".join(map(enc, v)) + b"e"
    return b"d" + b"".join(enc(k) + enc(v[k]) for k in sorted(v)) + b"e"
data = open(f"{work}/demo.bin", "rb").read()
size = 32768
pieces = b"".join(hashlib.sha1(data[i:i + size]).digest() for i in range(0, len(data), size))
info = {"name": "demo.bin", "length": len(data), "piece length": size, "pieces": pieces}
live, dead = f"udp://127.0.0.1:{port}/announce", f"udp://127.0.0.1:{dead}/announce"
open(f"{work}/demo.torrent", "wb").write(enc({"announce": dead, "announce-list": [[dead], [live]], "info": info}))
open(f"{work}/seed.torrent", "wb").write(enc({"announce": f"http://127.0.0.1:{port}/announce", "info": info}))
print(hashlib.sha1(enc(info)).hexdigest())
PY
)"

# opentracker (Debian's build tracks only whitelisted hashes; it chroots into the directory).
mkdir -p "$work/tracker" && chmod 755 "$work" "$work/tracker"
echo "$info_hash" > "$work/tracker/whitelist.txt" && chmod 644 "$work/tracker/whitelist.txt"
opentracker -i 127.0.0.1 -p "$tracker_port" -P "$tracker_port" -d "$work/tracker" -w whitelist.txt >"$work/tracker.log" 2>&1 &
pids+=($!)

# aria2 seeds on 127.0.0.1 and announces over HTTP (its UDP tracker client needs its DHT).
aria2c --no-conf=true --interface=127.0.0.1 --disable-ipv6=true --enable-dht=false --enable-dht6=false \
  --bt-enable-lpd=false --enable-peer-exchange=false --listen-port="$seeder_port" --seed-ratio=0.0 \
  --check-integrity=true --bt-exclude-tracker='*' --bt-tracker="http://127.0.0.1:$tracker_port/announce" \
  --file-allocation=none --summary-interval=0 --console-log-level=warn -d "$work" "$work/seed.torrent" \
  >"$work/aria2.log" 2>&1 &
pids+=($!)

echo "tracker udp://127.0.0.1:$tracker_port, seeder aria2 on 127.0.0.1:$seeder_port, info hash $info_hash" >&2
for _ in $(seq 1 100); do
  if "$root/peerscout" scrape "$info_hash" --tracker "udp://127.0.0.1:$tracker_port" --json --timeout 1 2>/dev/null \
      | grep -q '"seeders" : [1-9]'; then
    break
  fi
  sleep 0.1
done

echo "\$ peerscout peers demo.torrent --min-peers 1 --no-dht   # tier 1 is a dead tracker" >&2
"$root/peerscout" peers "$work/demo.torrent" --min-peers 1 --timeout 10 --no-dht
