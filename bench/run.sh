#!/usr/bin/env bash
# Runs every benchmark in one go and prints a short table of peerscout against the reference
# tools measured in the same run. Everything stays on 127.0.0.1.
#   bench/run.sh            all benchmarks (about 5 minutes on 2 cores)
#   QUICK=1 bench/run.sh    fewer runs and hashes, for a smoke test
# Needs (Debian): opentracker aria2 hyperfine time transmission-cli python3-libtorrent.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
if [ -n "${QUICK:-}" ]; then
  runs=5; peer_runs=3; wi=1; mi=2; lt_runs=3; hashes=20000
else
  runs=20; peer_runs=10; wi=3; mi=5; lt_runs=10; hashes=100000
fi

cd "$root"
echo "building..." >&2
./mvnw -B -q install -DskipTests
./mvnw -B -q -f bench/jmh-torrentfile/pom.xml package

echo "1/5 peerscout info vs transmission-show and libtorrent..." >&2
RUNS="$runs" "$here/info-vs-reference.sh" > "$logs/info.txt"
echo "2/5 parse + hash throughput (JMH) ..." >&2
java -jar bench/jmh-torrentfile/target/benchmarks.jar -f 1 -wi "$wi" -i "$mi" \
  -rf json -rff "$logs/jmh.json" > "$logs/jmh.txt"
echo "3/5 libtorrent's parser on the same bytes..." >&2
/usr/bin/python3 "$here/lt_parse.py" "$logs/large.torrent" "$lt_runs" > "$logs/lt.txt"
echo "4/5 time to first peer vs libtorrent..." >&2
RUNS="$peer_runs" "$here/peers-vs-libtorrent.sh" > "$logs/peers.txt"
echo "5/5 UDP tracker client vs a bare socket against opentracker..." >&2
"$here/udp/run.sh" "$hashes" 1000 64 3 > "$logs/udp.txt"

python3 - "$logs" <<'PY'
import json, re, sys
logs = sys.argv[1]
read = lambda name: open(f"{logs}/{name}").read()
rows = []

info = {m.group(1).strip(): float(m.group(2)) for m in re.finditer(r"^(.+?)\s+([\d.]+)\s+[\d.]+$", read("info.txt"), re.M)}
empty = info["empty java"]
rows.append(("peerscout info, whole command (ms)", info["peerscout info"], "empty java", empty, "target <= 4x"))
rows.append(("peerscout info, whole command (ms)", info["peerscout info"], "transmission-show", info["transmission-show"], ""))
rows.append(("peerscout info, whole command (ms)", info["peerscout info"], "libtorrent (python)", info["libtorrent (python)"], ""))

jmh = json.load(open(f"{logs}/jmh.json"))[0]["primaryMetric"]["score"]
lt = float(re.search(r"median ([\d.]+) ms", read("lt.txt")).group(1))
rows.append(("parse+hash 100k files / 1M pieces (ms)", jmh, "libtorrent torrent_info", lt, "target <= 1x"))

peers = dict(re.findall(r"^(.+?)\s{2,}([\d.]+|timeout)$", read("peers.txt"), re.M))
mine = float(peers["peerscout peers --min-peers 1 (whole command, median)"])
for name in ("libtorrent 2.0.8 default settings (in-process)", "libtorrent 2.0.8 announce_to_all_tiers (in-process)"):
    value = peers[name]
    rows.append(("first peer, dead tier 1 (s)", mine, name.replace(" (in-process)", ""),
                 float("nan") if value == "timeout" else float(value), "target < 1x, < 1 s"))
rss = peers.get("peerscout peak RSS (MiB)")

udp = read("udp.txt")
def last(kind, label):
    found = re.findall(rf"{kind}\s+\d+:\s+([\d,]+) {label}/s", udp)
    return float(found[-1].replace(",", "")) if found else float("nan")
rows.append(("UDP announces/s (higher is better)", last("client", "announces"), "bare socket", last("raw socket", "announces"), ""))
rows.append(("UDP scrape hashes/s (higher is better)", last("client", "hashes"), "bare socket", last("raw socket", "hashes"), ""))

print("%-40s %12s  %-34s %12s %8s  %s" % ("benchmark", "peerscout", "reference", "reference", "ratio", "note"))
for what, ours, ref_name, ref, note in rows:
    print("%-40s %12.1f  %-34s %12.1f %8.2f  %s" % (what, ours, ref_name, ref, ours / ref if ref else float("nan"), note))
if rss:
    print("peerscout peers peak RSS: %s MiB" % rss)
PY
