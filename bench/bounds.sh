#!/usr/bin/env bash
# `peerscout info` on hostile files, in the 64 MiB heap the CLI promises to work in. Each must end
# with exit code 0 (read) or 2 (refused), and at most one line on stderr without a stack trace.
#
# usage: bench/bounds.sh        (builds app-cli/target/peerscout.jar first if it is missing)
# Prints a table and exits 1 if any file breaks the rule. The files go to a temporary directory
# (about 75 MB of disk, plus a 200 MB sparse file that takes none), removed at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/app-cli/target/peerscout.jar"
[ -f "$jar" ] || (cd "$root" && ./mvnw -B -q package -DskipTests)
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed to write the hostile files" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'PY'
import os, sys
work = sys.argv[1]
def path(name):
    return os.path.join(work, name)
# 200 MB, sparse: refused from its size, never read.
with open(path("huge-200MB.torrent"), "wb") as f:
    f.truncate(200 * 1024 * 1024)
# 100 bytes whose first string claims 9,999,999,999 bytes.
with open(path("claim-9999999999.torrent"), "wb") as f:
    f.write((b"9999999999:" + b"x" * 100)[:100])
# Lists nested 1,000,000 deep.
with open(path("nested-1000000.torrent"), "wb") as f:
    f.write(b"l" * 1_000_000 + b"e" * 1_000_000)
# 2,000,000 pieces: a 40 MB file under the 64 MiB cap.
pieces, piece_length = 2_000_000, 16384
with open(path("pieces-2000000.torrent"), "wb") as f:
    f.write(b"d4:infod6:lengthi%de4:name3:big12:piece lengthi%de6:pieces%d:"
            % (pieces * piece_length, piece_length, pieces * 20))
    chunk = b"\0" * (20 * 10_000)
    for _ in range(pieces // 10_000):
        f.write(chunk)
    f.write(b"ee")
# 1,000,000 files: a 35 MB file under the cap.
files = 1_000_000
with open(path("files-1000000.torrent"), "wb") as f:
    f.write(b"d4:infod5:filesl")
    f.write(b"".join(b"d6:lengthi1e4:pathl3:dir%d:f%dee" % (len(b"f%d" % i), i) for i in range(files)))
    n = (files + 16383) // 16384
    f.write(b"e4:name4:many12:piece lengthi16384e6:pieces%d:" % (n * 20) + b"\0" * (n * 20) + b"ee")
PY

status=0
printf '%-28s %5s %7s  %-7s %s\n' "file" "exit" "time" "verdict" "stderr (first line)"
for name in huge-200MB claim-9999999999 nested-1000000 pieces-2000000 files-1000000; do
  file="$work/$name.torrent"
  start=$(date +%s%N)
  code=0
  java -Xmx64m -jar "$jar" info "$file" >"$work/out" 2>"$work/err" || code=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  lines=$(wc -l <"$work/err")
  verdict=ok
  if { [ "$code" -ne 0 ] && [ "$code" -ne 2 ]; } || [ "$lines" -gt 1 ] \
      || grep -q -E 'Exception|Error:|^[[:space:]]+at ' "$work/err"; then
    verdict=BROKEN
    status=1
  fi
  first=$(head -n 1 "$work/err" | sed "s|$work/||")
  [ -n "$first" ] || first="(none; stdout: $(head -n 1 "$work/out"))"
  printf '%-28s %5s %5sms  %-7s %s\n' "$name.torrent" "$code" "$ms" "$verdict" "$first"
done
exit $status
