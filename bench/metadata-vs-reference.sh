#!/usr/bin/env bash
# Magnet link to a verified, saved .torrent (issue 17, BEP 9), side by side on loopback: one seeder
# (libtorrent by default, SEEDER=aria2 for aria2) announced to a local opentracker, and one magnet
# link `magnet:?xt=urn:btih:HASH&tr=http://127.0.0.1:PORT/announce` (no x.pe) given to every tool:
#   (a) the whole `peerscout info --save OUT --no-dht MAGNET` command, JVM start included;
#   (b) `aria2c --bt-metadata-only --bt-save-metadata` (DHT, LPD and PEX off, bound to 127.0.0.1);
#   (c) libtorrent 2.0.8 from python: add the magnet, wait for metadata_received_alert, write the
#       torrent; the whole python process, and its in-process time from add_torrent to the alert.
# Commands alternate round by round (bench/alternate.py: median wall and CPU time, peak RSS). Every
# run writes to a fresh directory; afterwards each saved file's info hash must equal the link's.
# BEFORE=/path/to/an/older/peerscout alternates that launcher's runs too. JSON_OUT=FILE also writes the figures as JSON. RUNS (default 5) measured rounds after WARMUP (1) rounds; `peerscout info --offline MAGNET` (the
# same JVM start, no network) is timed beside as a floor. ps/this = peerscout wall / that row's wall.
# The tracker is HTTP: aria2's UDP tracker client is off with its DHT. Needs: opentracker aria2
# python3-libtorrent (Debian).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${RUNS:-5}"
warmup="${WARMUP:-1}"
seeder="${SEEDER:-libtorrent}"
for tool in opentracker aria2c /usr/bin/python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing $tool (apt-get install opentracker aria2 python3-libtorrent)" >&2; exit 2; }
done
[ -f "$root/app-cli/target/peerscout.jar" ] || (cd "$root" && ./mvnw -B -q package -DskipTests)

work="$(mktemp -d)"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
tcp="$(free_port)"; seed_port="$(free_port)"; aria_port="$(free_port)"

# A 64 MiB single-file torrent with 16 KiB pieces: an info dictionary of ~80 KiB, five BEP 9 pieces.
mkdir -p "$work/seed" "$work/out"
head -c 67108864 /dev/urandom > "$work/seed/payload.bin"
hash="$(python3 - "$work" "$tcp" <<'PY'
import hashlib, sys
work, port = sys.argv[1:3]
def enc(v):
    if isinstance(v, int): return b"i%de" % v
    if isinstance(v, str): v = v.encode()
    if isinstance(v, bytes): return b"%d:%s" % (len(v), v)
    if isinstance(v, list): return b"l" + b"".join(map(enc, v)) + b"e"
    return b"d" + b"".join(enc(k) + enc(v[k]) for k in sorted(v)) + b"e"
data = open(f"{work}/seed/payload.bin", "rb").read()
size = 16384
info = {"name": "payload.bin", "length": len(data), "piece length": size,
        "pieces": b"".join(hashlib.sha1(data[i:i + size]).digest() for i in range(0, len(data), size))}
open(f"{work}/seed.torrent", "wb").write(enc({"announce": f"http://127.0.0.1:{port}/announce", "info": info}))
print(hashlib.sha1(enc(info)).hexdigest())
PY
)"
magnet="magnet:?xt=urn:btih:$hash&tr=http%3A%2F%2F127.0.0.1%3A$tcp%2Fannounce"
mkdir -p "$work/ot" && chmod 755 "$work" "$work/ot" && echo "$hash" > "$work/ot/whitelist.txt" && chmod 644 "$work/ot/whitelist.txt"
opentracker -i 127.0.0.1 -p "$tcp" -P "$tcp" -d "$work/ot" -w whitelist.txt >/dev/null 2>&1 & pids+=($!)

if [ "$seeder" = aria2 ]; then
  aria2c --no-conf=true --interface=127.0.0.1 --disable-ipv6=true --enable-dht=false --enable-dht6=false \
    --bt-enable-lpd=false --enable-peer-exchange=false --listen-port="$seed_port" --seed-ratio=0.0 \
    --check-integrity=true --bt-exclude-tracker='*' --bt-tracker="http://127.0.0.1:$tcp/announce" \
    --file-allocation=none --summary-interval=0 --console-log-level=warn -d "$work/seed" "$work/seed.torrent" >/dev/null 2>&1 &
  pids+=($!)
else
  # A libtorrent seeder: settings in the constructor (a bare session would listen everywhere, DHT on).
  /usr/bin/python3 - "$work/seed.torrent" "$work/seed" "$seed_port" >/dev/null 2>&1 <<'PY' &
import libtorrent as lt, sys, time
torrent, data, port = sys.argv[1:4]
s = lt.session({"listen_interfaces": f"127.0.0.1:{port}", "enable_dht": False, "enable_lsd": False,
                "enable_upnp": False, "enable_natpmp": False, "dht_bootstrap_nodes": "",
                # Every client comes from 127.0.0.1; without this the seeder refuses all but one.
                "allow_multiple_connections_per_ip": True})
p = lt.add_torrent_params(); p.ti = lt.torrent_info(torrent); p.save_path = data
h = s.add_torrent(p)
end = time.monotonic() + 3600
while time.monotonic() < end: time.sleep(1)
PY
  pids+=($!)
fi

# libtorrent as the magnet client; appends its in-process seconds (add_torrent to the alert) to $3.
cat > "$work/lt_magnet.py" <<'PY'
import libtorrent as lt, sys, time
uri, out, times = sys.argv[1:4]
s = lt.session({"listen_interfaces": "127.0.0.1:0", "enable_dht": False, "enable_lsd": False,
                "enable_upnp": False, "enable_natpmp": False, "dht_bootstrap_nodes": "",
                # The tracker lists every peer as 127.0.0.1 (the seeder, past clients, this one).
                "allow_multiple_connections_per_ip": True,
                "alert_mask": lt.alert.category_t.status_notification | lt.alert.category_t.error_notification})
p = lt.parse_magnet_uri(uri); p.save_path = sys.argv[4]
start = time.monotonic()
h = s.add_torrent(p)
end = start + 30
got = None
while got is None and time.monotonic() < end:
    s.wait_for_alert(100)
    for a in s.pop_alerts():
        if isinstance(a, lt.metadata_received_alert): got = time.monotonic() - start
if got is None:
    print("no metadata:", h.status().state, h.status().num_peers, h.status().current_tracker, file=sys.stderr)
    sys.exit(1)
h.pause()
open(out, "wb").write(lt.bencode(lt.create_torrent(h.torrent_file()).generate()))
open(times, "a").write("%.4f\n" % got)
s.remove_torrent(h)
PY

# Ready when the seeder is in the tracker and hands over metadata (peerscout asks until it does).
ready=
for _ in $(seq 1 60); do
  if "$root/peerscout" info --save "$work/ready.torrent" --no-dht --timeout 3 "$magnet" >/dev/null 2>&1; then ready=1; break; fi
  rm -f "$work/ready.torrent"; sleep 0.5
done
[ -n "$ready" ] || { echo "the $seeder seeder never served metadata" >&2; exit 1; }

fresh='d=$(mktemp -d '"$work"'/out/TOOL.XXXXXX) &&'
commands=(
  "peerscout=${fresh/TOOL/peerscout} $root/peerscout info --save \$d/out.torrent --no-dht --timeout 30 '$magnet'"
  "aria2c=${fresh/TOOL/aria2c} aria2c --no-conf=true --interface=127.0.0.1 --disable-ipv6=true --enable-dht=false --enable-dht6=false --bt-enable-lpd=false --enable-peer-exchange=false --listen-port=$aria_port --bt-metadata-only=true --bt-save-metadata=true --bt-stop-timeout=30 --summary-interval=0 --console-log-level=warn -d \$d '$magnet'"
  "offline=$root/peerscout info --offline '$magnet'"
  "libtorrent=${fresh/TOOL/libtorrent} /usr/bin/python3 $work/lt_magnet.py '$magnet' \$d/out.torrent $work/lt_times.txt \$d"
)
[ -n "${BEFORE:-}" ] && commands+=("before=${fresh/TOOL/before} $BEFORE info --save \$d/out.torrent --no-dht --timeout 30 '$magnet'")
python3 "$root/bench/alternate.py" --runs "$runs" --warmup "$warmup" --json "$work/metadata.json" "${commands[@]}" >&2

# Every saved file, warm-up included, must carry the link's info hash; count them per tool.
python3 - "$work" "$hash" "$((runs + warmup))" "$runs" <<'PY'
import glob, hashlib, json, os, statistics, sys
work, want, expected = sys.argv[1], sys.argv[2], int(sys.argv[3])
def info_span(b):
    # The span of the top-level 'info' value in a bencoded dictionary.
    def skip(i):
        c = b[i:i + 1]
        if c == b"i": return b.index(b"e", i) + 1
        if c in (b"l", b"d"):
            i += 1
            while b[i:i + 1] != b"e": i = skip(i)
            return i + 1
        colon = b.index(b":", i); return colon + 1 + int(b[i:colon])
    i = 1
    while b[i:i + 1] != b"e":
        key_end = skip(i); key = b[b.index(b":", i) + 1:key_end]; end = skip(key_end)
        if key == b"info": return key_end, end
        i = end
    raise ValueError("no info")
r = json.load(open(f"{work}/metadata.json"))
bad = 0
for tool in ("peerscout", "aria2c", "libtorrent") + (("before",) if "before" in r else ()):
    files = [f for d in glob.glob(f"{work}/out/{tool}.*") for f in glob.glob(f"{d}/*.torrent")]
    ok = 0
    for f in files:
        b = open(f, "rb").read(); s, e = info_span(b)
        ok += hashlib.sha1(b[s:e]).hexdigest() == want
    r[tool]["verified"] = "%d/%d" % (ok, expected)
    bad += ok != expected
lt_times = [float(x) for x in open(f"{work}/lt_times.txt").read().split()][-int(sys.argv[4]):]  # measured rounds only
base = r["peerscout"]["wall_ms"]
print("%-52s %9s %9s %8s %8s %9s" % ("magnet to saved .torrent, seeder on loopback", "wall ms", "cpu ms", "RSS MiB", "ps/this", "verified"))
for name, label in (("peerscout", "peerscout info --save --no-dht (whole command)"),
                    ("aria2c", "aria2c --bt-metadata-only (whole command)"),
                    ("libtorrent", "libtorrent 2.0.8 python (whole process)"),
                    ("before", "BEFORE: an older peerscout, same command")):
    if name not in r: continue
    x = r[name]
    print("%-52s %9.1f %9.1f %8.1f %8.2f %9s" % (label, x["wall_ms"], x["cpu_ms"], x["rss_mib"], base / x["wall_ms"], x["verified"]))
x = r["offline"]
print("%-52s %9.1f %9.1f %8.1f %8.2f %9s" % ("floor: peerscout info --offline MAGNET (no network)", x["wall_ms"], x["cpu_ms"], x["rss_mib"], base / x["wall_ms"], "-"))
print("%-52s %9.1f" % ("libtorrent in-process, add_torrent to metadata alert", statistics.median(lt_times) * 1000))
r["libtorrent in-process"] = {"wall_ms": statistics.median(lt_times) * 1000}
if os.environ.get("JSON_OUT"): json.dump(r, open(os.environ["JSON_OUT"], "w"), indent=1)
sys.exit(1 if bad else 0)
PY
