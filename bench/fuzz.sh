#!/usr/bin/env bash
# Coverage-guided fuzzing of peerscout's decoders of untrusted bytes with Jazzer, one target at a
# time (each one gets the whole machine), then a summary: run time, executions, coverage, findings.
#
# usage: bench/fuzz.sh [MINUTES-PER-TARGET] [TARGET...]
#   MINUTES-PER-TARGET  default 10
#   TARGET              torrentFile magnetLink datagram body codec wire metadata (default: all seven)
#
# Each target starts from its inputs directory (src/test/resources/.../<Class>Inputs/<method>/,
# committed) plus the shared corpus (../shared/corpus), which is written into Jazzer's generated
# corpus (<module>/.cifuzz-corpus/, git-ignored) and never into the sources. The generated corpus
# is kept between runs, so a later run goes on where the last one stopped.
#
# A finding fails the run of its target, and Jazzer writes the input to the target's inputs
# directory (crash-<sha1>, timeout-<sha1>), where plain `mvn test` replays it from then on: fix
# the code, keep the file. Logs: bench/results/fuzz-<target>-<time>.log.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

minutes="${1:-10}"
[ $# -gt 0 ] && shift
case "$minutes" in ''|*[!0-9]*) echo "usage: bench/fuzz.sh [MINUTES-PER-TARGET] [TARGET...]" >&2; exit 2 ;; esac
shared="${PEERSCOUT_SHARED_DIR:-$root/../shared}"
[ -d "$shared/corpus" ] || { echo "no shared corpus at $shared/corpus (set PEERSCOUT_SHARED_DIR)" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed to unpack the shared JSON vectors" >&2; exit 2; }

# target -> module, class
declare -A module=(
  [torrentFile]=adapters-torrentfile [magnetLink]=adapters-torrentfile
  [datagram]=adapters-udp [body]=adapters-http [codec]=bencode [wire]=adapters-peerwire [metadata]=adapters-peerwire)
declare -A class=(
  [torrentFile]=dev.peerscout.adapters.torrentfile.fuzz.TorrentFuzzTest
  [magnetLink]=dev.peerscout.adapters.torrentfile.fuzz.TorrentFuzzTest
  [datagram]=dev.peerscout.adapters.udp.fuzz.UdpReplyFuzzTest
  [body]=dev.peerscout.adapters.http.HttpReplyFuzzTest
  [codec]=dev.peerscout.bencode.BencodeFuzzTest
  [wire]=dev.peerscout.adapters.peerwire.fuzz.PeerWireFuzzTest
  [metadata]=dev.peerscout.adapters.peerwire.fuzz.MetadataFuzzTest)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(torrentFile magnetLink datagram body codec wire metadata)
for target in "${targets[@]}"; do
  [ -n "${module[$target]:-}" ] || { echo "unknown target $target (torrentFile magnetLink datagram body codec)" >&2; exit 2; }
done

# The shared corpus as seeds of one target, into its generated corpus directory.
seed() {
  local target="$1" dir="$2"
  mkdir -p "$dir"
  python3 - "$target" "$shared/corpus" "$dir" <<'PY'
import json, pathlib, sys
target, corpus, out = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
def vectors(name, key):
    return json.loads((corpus / "vectors" / name).read_text())[key]
seeds = {}
if target == "torrentFile":
    for f in sorted(corpus.rglob("*.torrent")):
        seeds[f.stem] = f.read_bytes()
    for v in vectors("bencode-vectors.json", "vectors"):
        seeds["bencode-" + v["id"]] = bytes.fromhex(v["hex"])
elif target == "magnetLink":
    for v in vectors("magnet-vectors.json", "vectors"):
        seeds["magnet-" + v["id"]] = v["uri"].encode()
elif target == "datagram":
    for v in vectors("udp-tracker-vectors.json", "packets"):
        seeds["udp-" + v["id"]] = bytes.fromhex(v["hex"])
elif target == "codec":
    for v in vectors("bencode-vectors.json", "vectors"):
        seeds["bencode-" + v["id"]] = bytes.fromhex(v["hex"])
    for f in sorted(corpus.rglob("*.torrent")):
        seeds[f.stem] = f.read_bytes()
    for v in vectors("http-tracker-vectors.json", "responses"):
        seeds["http-" + v["id"]] = bytes.fromhex(v["hex"])
elif target == "body":
    for v in vectors("http-tracker-vectors.json", "responses") + vectors("bencode-vectors.json", "vectors"):
        seeds["http-" + v["id"]] = bytes.fromhex(v["hex"])
for name, data in seeds.items():
    (out / ("shared-" + name)).write_bytes(data)
print(len(seeds))
PY
}

inputs_dir() {
  local target="$1"
  echo "${module[$target]}/src/test/resources/$(echo "${class[$target]}" | tr . /)Inputs/$target"
}

# Inputs that Jazzer saved as findings (crash-, timeout-, oom-, slow-unit-<sha1>).
findings() {
  ls "$(inputs_dir "$1")" 2>/dev/null | grep -c -E '^(crash|timeout|oom|slow-unit)-' || true
}

mkdir -p bench/results
echo "building the test classes once..."
modules=$(for t in "${targets[@]}"; do echo "${module[$t]}"; done | sort -u | paste -sd, -)
./mvnw -B -q -pl "$modules" -am test-compile

declare -A summary
status=0
for target in "${targets[@]}"; do
  mod="${module[$target]}"
  cls="${class[$target]}"
  log="bench/results/fuzz-$target-$(date +%Y%m%dT%H%M%S).log"
  n=$(seed "$target" "$mod/.cifuzz-corpus/$cls/$target")
  before=$(findings "$target")
  echo "== $target: ${minutes} min, $n shared seeds, log $log"
  start=$(date +%s)
  # -timeout: one input taking 10 s is a hang (they take milliseconds); Jazzer has no public
  # option for it (jazzer issue #930), libFuzzer arguments go through jazzer.internal.arg.N.
  # -Xmx512m: a claimed length that is allocated fails loudly rather than being absorbed by a big heap.
  if JAZZER_FUZZ=1 ./mvnw -B -pl "$mod" -am test \
      -Dtest="$cls#$target" -Dsurefire.failIfNoSpecifiedTests=false \
      -Djazzer.hooks=true -Djazzer.max_duration="${minutes}m" \
      -Djazzer.internal.arg.0=fake_argv0 -Djazzer.internal.arg.1=-timeout=10 \
      -DargLine=-Xmx512m >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
  fi
  elapsed=$(( $(date +%s) - start ))
  after=$(findings "$target")
  done_line=$(grep -a -E '^Done [0-9]+ runs in' "$log" | tail -1 || true)
  cov_line=$(grep -a -E '^#[0-9]+[[:space:]]+(DONE|NEW|REDUCE|pulse|INITED)' "$log" | tail -1 | sed -E 's/[[:space:]]+MS:.*//; s/[[:space:]]+/ /g' || true)
  summary[$target]="$result | wall ${elapsed}s | ${done_line:-no libFuzzer summary} | ${cov_line} | new finding inputs: $((after - before))"
  if [ "$result" = FAILED ]; then
    grep -a -E '^== Java Exception|^Caused by|FuzzTestFindingException|Test unit written|crash-[0-9a-f]{40}' "$log" | head -8 || true
  fi
done

echo
echo "target      | result | wall time | executions | coverage | findings"
for target in "${targets[@]}"; do
  printf '%-11s | %s\n' "$target" "${summary[$target]}"
done
exit $status
