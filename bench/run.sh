#!/usr/bin/env bash
# Runs every benchmark in one go and prints a short table of peerscout against the reference
# tools measured in the same run. Everything stays on 127.0.0.1.
#   bench/run.sh            all benchmarks (about 5 minutes on 2 cores)
#   QUICK=1 bench/run.sh    fewer runs and hashes, for a smoke test
#   bench/run.sh whole      only the whole-command table (issue 13: peers, info on a big torrent,
#                           start-up; magnet to a saved .torrent), each figure beside its reference
#                           from the same run; with
#                           BEFORE=/path/to/another/peerscout, that launcher's figures too
# Needs (Debian): opentracker aria2 hyperfine time transmission-cli python3-libtorrent.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
if [ -n "${QUICK:-}" ]; then
  runs=5; peer_runs=3; wi=1; mi=2; lt_runs=3; hashes=20000; meta_runs=2
else
  runs=20; peer_runs=10; wi=3; mi=5; lt_runs=10; hashes=100000; meta_runs=5
fi

cd "$root"

whole_command_table() { # $1: info.json from info-vs-reference.sh, $2: peers.txt from peers-vs-libtorrent.sh
  python3 - "$1" "$2" <<'PY'
import json, re, sys
info = json.load(open(sys.argv[1]))
peers = dict(re.findall(r"^(.+?)\s{2,}([\d.]+|timeout|-)$", open(sys.argv[2]).read(), re.M))
def num(v):
    try: return float(v)
    except ValueError: return float("nan")
rows = []
lt = num(peers["libtorrent 2.0.8 all tiers + all trackers (in-process)"])
for label, key in (("now", "peerscout peers --min-peers 1 (whole command, median)"),
                   ("before", "before: peerscout peers --min-peers 1 (whole command, median)")):
    if key in peers and peers[key] != "-":
        rows.append(("peers --min-peers 1, dead tier 1 (s) " + label, num(peers[key]),
                     "libtorrent all tiers+trackers", lt, "<= 0.6x"))
ts = info["big: transmission-show"]
for label, key in (("now", "big: peerscout info --json"), ("before", "big: before: peerscout info --json")):
    if key in info:
        rows.append(("info --json, 6.8 MB torrent (s) " + label, info[key]["wall_ms"] / 1000,
                     "transmission-show", ts["wall_ms"] / 1000, "<= 1.0x"))
        rows.append(("  peak RSS (MiB) " + label, info[key]["rss_mib"], "transmission-show", ts["rss_mib"], "<= 80 MiB"))
if "big: bound: picocli + read + SHA-1 only" in info:
    rows.append(("  bound: picocli + read + SHA-1 only (s)", info["big: bound: picocli + read + SHA-1 only"]["wall_ms"] / 1000,
                 "transmission-show", ts["wall_ms"] / 1000, "(a floor)"))
floor = info.get("floor: empty java 25") or info["empty java 17"]
for label, key in (("now", "peerscout info --json"), ("before", "before: peerscout info --json")):
    if key in info:
        rows.append(("info --json, small torrent (s) " + label, info[key]["wall_ms"] / 1000,
                     "empty java 25 (C1, serial)", floor["wall_ms"] / 1000, "<= 1.5x"))
if "bound: picocli + read + SHA-1 only" in info:
    rows.append(("  bound: picocli + read + SHA-1 only (s)", info["bound: picocli + read + SHA-1 only"]["wall_ms"] / 1000,
                 "empty java 25 (C1, serial)", floor["wall_ms"] / 1000, "(a floor)"))
print("%-44s %9s  %-30s %9s %7s  %s" % ("measure", "peerscout", "reference, same run", "reference", "ratio", "target"))
for what, ours, ref_name, ref, target in rows:
    print("%-44s %9.3f  %-30s %9.3f %7.2f  %s" % (what, ours, ref_name, ref, ours / ref, target))
PY
}

if [ "${1:-}" = whole ]; then
  [ -f app-cli/target/peerscout.jar ] || ./mvnw -B -q package -DskipTests
  echo "1/3 info: small and big torrents vs the start-up floor and transmission-show..." >&2
  RUNS="$runs" JSON_OUT="$logs/info.json" "$here/info-vs-reference.sh" > "$logs/info.txt"
  echo "2/3 peers --min-peers 1 vs libtorrent..." >&2
  RUNS="$peer_runs" "$here/peers-vs-libtorrent.sh" > "$logs/peers.txt"
  echo "3/3 magnet to saved .torrent vs aria2c and libtorrent..." >&2
  RUNS="$meta_runs" "$here/metadata-vs-reference.sh" > "$logs/metadata.txt"
  cat "$logs/info.txt" "$logs/peers.txt" "$logs/metadata.txt"
  echo
  whole_command_table "$logs/info.json" "$logs/peers.txt"
  exit 0
fi

echo "building..." >&2
./mvnw -B -q install -DskipTests
./mvnw -B -q -f bench/jmh-torrentfile/pom.xml package

echo "1/6 peerscout info vs transmission-show and libtorrent..." >&2
RUNS="$runs" JSON_OUT="$logs/info.json" "$here/info-vs-reference.sh" > "$logs/info.txt"
echo "2/6 parse + hash throughput (JMH) ..." >&2
java -jar bench/jmh-torrentfile/target/benchmarks.jar -f 1 -wi "$wi" -i "$mi" \
  -rf json -rff "$logs/jmh.json" > "$logs/jmh.txt"
echo "3/6 libtorrent's parser on the same bytes..." >&2
/usr/bin/python3 "$here/lt_parse.py" "$logs/large.torrent" "$lt_runs" > "$logs/lt.txt"
echo "4/6 time to first peer vs libtorrent..." >&2
RUNS="$peer_runs" "$here/peers-vs-libtorrent.sh" > "$logs/peers.txt"
echo "5/6 UDP tracker client vs a bare socket against opentracker..." >&2
"$here/udp/run.sh" "$hashes" 1000 64 3 > "$logs/udp.txt"
echo "6/6 magnet to saved .torrent vs aria2c and libtorrent..." >&2
RUNS="$meta_runs" JSON_OUT="$logs/metadata.json" "$here/metadata-vs-reference.sh" > "$logs/metadata.txt"

python3 - "$logs" <<'PY'
import json, re, sys
logs = sys.argv[1]
read = lambda name: open(f"{logs}/{name}").read()
rows = []

info = {name: r["wall_ms"] for name, r in json.load(open(f"{logs}/info.json")).items()}
empty = info["empty java 17"]
rows.append(("peerscout info, whole command (ms)", info["peerscout info"], "empty java 17", empty, "target <= 4x"))
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

meta = {name: r["wall_ms"] for name, r in json.load(open(f"{logs}/metadata.json")).items()}
for name in ("aria2c", "libtorrent"):
    rows.append(("magnet to saved .torrent, whole (ms)", meta["peerscout"], name + " (whole command)", meta[name], "target < 1x"))

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
echo
whole_command_table "$logs/info.json" "$logs/peers.txt"
