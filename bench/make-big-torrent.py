#!/usr/bin/env python3
"""Writes a multi-file .torrent of about 6.5 MB: 200,000 pieces and 50,000 files, as big torrents
(a photo archive, a game's assets) are. Deterministic, so runs compare.
usage: make-big-torrent.py OUT [PIECES] [FILES]"""
import hashlib, sys

out = sys.argv[1]
pieces = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
files = int(sys.argv[3]) if len(sys.argv) > 3 else 50_000
piece_length = 16384

def enc(v):
    if isinstance(v, int): return b"i%de" % v
    if isinstance(v, str): v = v.encode()
    if isinstance(v, bytes): return b"%d:%s" % (len(v), v)
    if isinstance(v, list): return b"l" + b"".join(map(enc, v)) + b"e"
    return b"d" + b"".join(enc(k) + enc(v[k]) for k in sorted(v)) + b"e"

total = pieces * piece_length
base, extra = divmod(total, files)
file_list = [{"length": base + (1 if i < extra else 0), "path": ["album-%03d" % (i // 1000), "photo-%06d.jpg" % i]}
             for i in range(files)]
digest = hashlib.sha1(b"peerscout bench").digest()
info = {"name": "big-bench", "piece length": piece_length, "pieces": digest * pieces, "files": file_list}
data = enc({"announce": "udp://127.0.0.1:1/announce", "created by": "peerscout bench", "info": info})
open(out, "wb").write(data)
print("%s: %.1f MB, %d pieces, %d files" % (out, len(data) / 1e6, pieces, files), file=sys.stderr)
