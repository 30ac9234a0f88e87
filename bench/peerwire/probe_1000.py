#!/usr/bin/python3
"""peers --probe against 1,000 listening peers on 127.0.0.1, and libtorrent on the same peers.

usage: bench/peerwire/probe_1000.py [PEERS] [PEERSCOUT]
  PEERS      how many peers (default 1000)
  PEERSCOUT  the peerscout launcher (default: ./peerscout of this checkout)

One asyncio fixture serves every peer from this process: each port answers a BEP 3 handshake
with the hash it was given, the fast and extension bits, have_all and a small extension handshake
(no ut_pex, so probes need not wait for PEX), then waits for the other side to close. The fixture
notes when each port completed its first handshake, on this process's monotonic clock, so every
tool is measured the same way.

Runs, in order:
  1. peerscout peers --probe --ndjson with every peer as --peer: per peer, the time from its
     'peer' event (known) to its 'probe' event (outcome); peak RSS of the JVM (VmHWM, polled);
     wall time from launch to exit, and from launch to the last handshake the fixture saw.
  2. libtorrent (python3-libtorrent), default settings: the magnet's hash added, connect_peer for each
     peer; time until every port saw a handshake (or 120 s).
  3. libtorrent with connection_speed and connections_limit raised.
Prints one table; nothing is asserted.
"""
import asyncio
import json
import os
import subprocess
import sys
import threading
import time

PEERS = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
HERE = os.path.dirname(os.path.abspath(__file__))
PEERSCOUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, '..', '..', 'peerscout')
HASH = bytes.fromhex('5ca1ab1e' * 5)
EXT = b'd1:md11:ut_metadatai3ee1:v7:fixturee'


class Fixture:
    def __init__(self):
        self.first_handshake = {}  # port -> monotonic time
        self.servers = []

    async def start(self, count):
        for _ in range(count):
            server = await asyncio.start_server(self.serve, '127.0.0.1', 0, backlog=128)
            self.servers.append(server)
        return [s.sockets[0].getsockname()[1] for s in self.servers]

    async def serve(self, reader, writer):
        port = writer.get_extra_info('sockname')[1]
        try:
            theirs = await reader.readexactly(68)
            self.first_handshake.setdefault(port, time.monotonic())
            reply = b'\x13BitTorrent protocol' + bytes([0, 0, 0, 0, 0, 0x10, 0, 0x05]) + theirs[28:48] + b'-FX0001-' + os.urandom(6).hex().encode()
            ext = b'\x14\x00' + EXT
            writer.write(reply + b'\x00\x00\x00\x01\x0e' + len(ext).to_bytes(4, 'big') + ext)
            await writer.drain()
            while await reader.read(65536):
                pass
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    def reset(self):
        self.first_handshake = {}


def vm_hwm_kib(pid):
    try:
        with open('/proc/%d/status' % pid) as f:
            for line in f:
                if line.startswith('VmHWM:'):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_peerscout(ports, fixture, result):
    args = [PEERSCOUT, 'peers', '--probe', '--ndjson', '--no-dht', '--timeout', '30', '--max-probes', str(len(ports)),
            'magnet:?xt=urn:btih:' + HASH.hex()]
    for p in ports:
        args += ['--peer', '127.0.0.1:%d' % p]
    start = time.monotonic()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    peak = [0]

    def poll():
        while proc.poll() is None:
            peak[0] = max(peak[0], vm_hwm_kib(proc.pid))
            time.sleep(0.02)
    threading.Thread(target=poll, daemon=True).start()
    known, done, statuses = {}, {}, {}
    for line in proc.stdout:
        now = time.monotonic()
        event = json.loads(line)
        key = (event.get('ip'), event.get('port'))
        if event['event'] == 'peer':
            known[key] = now
        elif event['event'] == 'probe':
            done[key] = now
            statuses[event['probe']['status']] = statuses.get(event['probe']['status'], 0) + 1
    proc.wait()
    end = time.monotonic()
    waits = sorted(done[k] - known[k] for k in done if k in known)
    result.update(tool='peerscout --probe', wall=end - start, outcomes=len(done), statuses=statuses,
                  max_wait=waits[-1] if waits else None, p50_wait=waits[len(waits) // 2] if waits else None,
                  peak_rss_mib=peak[0] / 1024,
                  all_handshakes=(max(fixture.first_handshake.values()) - start) if len(fixture.first_handshake) == len(ports) else None,
                  handshakes=len(fixture.first_handshake))


def run_libtorrent(ports, fixture, result, raised):
    import libtorrent as lt
    settings = {'listen_interfaces': '127.0.0.1:0', 'enable_dht': False, 'enable_lsd': False, 'enable_upnp': False,
                'enable_natpmp': False, 'dht_bootstrap_nodes': ''}
    if raised:
        settings.update({'connection_speed': 5000, 'connections_limit': 5000, 'allow_multiple_connections_per_ip': True})
    start = time.monotonic()
    s = lt.session(settings)
    params = lt.parse_magnet_uri('magnet:?xt=urn:btih:' + HASH.hex())
    params.save_path = '/tmp'
    h = s.add_torrent(params)
    if raised:
        h.set_max_connections(5000)
    for p in ports:
        h.connect_peer(('127.0.0.1', p))
    until = start + 120
    while len(fixture.first_handshake) < len(ports) and time.monotonic() < until:
        time.sleep(0.01)
    end = time.monotonic()
    result.update(tool='libtorrent ' + ('connection_speed raised' if raised else 'default settings'),
                  all_handshakes=(end - start) if len(fixture.first_handshake) == len(ports) else None,
                  handshakes=len(fixture.first_handshake), wall=end - start)
    s.remove_torrent(h)
    del s


async def main():
    fixture = Fixture()
    ports = await fixture.start(PEERS)
    loop = asyncio.get_running_loop()
    rows = []
    for job in (lambda r: run_peerscout(ports, fixture, r), lambda r: run_libtorrent(ports, fixture, r, False),
                lambda r: run_libtorrent(ports, fixture, r, True)):
        fixture.reset()
        row = {}
        await loop.run_in_executor(None, job, row)
        rows.append(row)
        await asyncio.sleep(1)
    print('%d peers on 127.0.0.1, one fixture process' % PEERS)
    for row in rows:
        print(json.dumps(row))
    ours = rows[0].get('all_handshakes')
    for row in rows[1:]:
        if ours and row.get('all_handshakes'):
            print('%s / peerscout (time until every peer saw a handshake): %.1f' % (row['tool'], row['all_handshakes'] / ours))
        else:
            print('%s: %d of %d peers saw a handshake within 120 s' % (row['tool'], row['handshakes'], PEERS))


asyncio.run(main())
