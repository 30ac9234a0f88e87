#!/usr/bin/python3
"""Times libtorrent 2.0.8's parser (lt.torrent_info) on the JMH benchmark's torrent.

Run with Debian's /usr/bin/python3 (python3-libtorrent). The torrent is the one
bench/jmh-torrentfile generates (100,000 files, 1,000,000 pieces); if the given path does not
exist it is written first with the benchmark jar, so both parsers see the same bytes:

    /usr/bin/python3 bench/lt_parse.py [torrent-path] [iterations]

Like the JMH benchmark it parses bytes already in memory (parse + SHA-1 info hash, no disk read).
"""
import os
import statistics
import subprocess
import sys
import tempfile
import time

import libtorrent as lt

HERE = os.path.dirname(os.path.abspath(__file__))
JAR = os.path.join(HERE, "jmh-torrentfile", "target", "benchmarks.jar")
# libtorrent's defaults would do for this file; spelt out so a bigger one is not refused.
LIMITS = {"max_buffer_size": 64 * 1024 * 1024, "max_pieces": 0x200000,
          "max_decode_depth": 100, "max_decode_tokens": 10_000_000}


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(tempfile.gettempdir(), "peerscout-bench-large.torrent")
    iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    if not os.path.exists(path):
        if not os.path.exists(JAR):
            sys.exit("missing %s: build bench/jmh-torrentfile first (see its README)" % JAR)
        subprocess.run(["java", "-cp", JAR, "dev.peerscout.bench.LargeTorrent", path], check=True)
    with open(path, "rb") as f:
        data = f.read()

    for _ in range(3):  # warm-up: page in the code and the allocator
        lt.torrent_info(data, LIMITS)
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        info = lt.torrent_info(data, LIMITS)
        times.append(time.perf_counter() - start)

    mb = len(data) / 1e6
    median = statistics.median(times)
    print("libtorrent %s  %s" % (lt.__version__, path))
    print("  %.1f MB, %d files, %d pieces, v1 %s" % (mb, info.num_files(), info.num_pieces(), info.info_hashes().v1))
    print("  torrent_info: median %.1f ms, min %.1f ms over %d runs -> %.0f MB/s"
          % (median * 1e3, min(times) * 1e3, iterations, mb / median))


if __name__ == "__main__":
    main()
