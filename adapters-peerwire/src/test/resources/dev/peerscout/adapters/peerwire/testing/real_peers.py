"""Real libtorrent peers on 127.0.0.1 for peer-wire tests (Debian's python3-libtorrent).

Usage: real_peers.py WORKDIR

Makes 1 MiB of random data and three torrents of it (v1, v2-only, hybrid), then runs:
  seeder    seeds all three torrents
  seeder2   seeds the v1 torrent
  partial   has the first half of the v1 data (a leecher that stays below 100 %)
  pex       a leecher of the v1 torrent with no data and a tiny download rate, connected to
            seeder and seeder2: it has peers to tell about through PEX
Prints one JSON line {"torrents": ..., "ports": ...} when everything is up, then waits for stdin
to close and leaves (torrents removed first).
"""
import json
import os
import sys
import time

import libtorrent as lt

PIECE = 32 * 1024
SIZE = 1024 * 1024


def session(port, extra=None):
    settings = {
        'listen_interfaces': '127.0.0.1:%d' % port,
        'enable_dht': False, 'enable_lsd': False, 'enable_upnp': False, 'enable_natpmp': False,
        'dht_bootstrap_nodes': '',
        'alert_mask': lt.alert.category_t.error_notification | lt.alert.category_t.status_notification,
        # All peers share 127.0.0.1: let several connections come from one address.
        'allow_multiple_connections_per_ip': True,
    }
    limit = (extra or {}).pop('download_rate_limit', None)
    settings.update(extra or {})
    s = lt.session(settings)
    if limit is not None:
        # Peers on the local network are exempt from the session's rate limits: limit their class too,
        # or a leecher fetches the whole torrent from loopback seeders at once and becomes a seed.
        local = s.get_peer_class(lt.session.local_peer_class_id)
        local['download_limit'] = limit
        s.set_peer_class(lt.session.local_peer_class_id, local)
        settings_limit = {'download_rate_limit': limit}
        s.apply_settings(settings_limit)
    return s


def make_torrent(workdir, name, flags):
    fs = lt.file_storage()
    lt.add_files(fs, os.path.join(workdir, 'data', 'payload.bin'))
    t = lt.create_torrent(fs, PIECE, flags=flags)
    lt.set_piece_hashes(t, os.path.join(workdir, 'data'))
    path = os.path.join(workdir, name + '.torrent')
    with open(path, 'wb') as f:
        f.write(lt.bencode(t.generate()))
    return path


def add(s, torrent_path, save_path, extra_flags=0):
    params = lt.add_torrent_params()
    params.ti = lt.torrent_info(torrent_path)
    params.save_path = save_path
    return s.add_torrent(params)


def wait_state(handles, predicate, seconds):
    until = time.time() + seconds
    while time.time() < until:
        if all(predicate(h.status()) for h in handles):
            return True
        time.sleep(0.05)
    return False


def main():
    workdir = sys.argv[1]
    data_dir = os.path.join(workdir, 'data')
    os.makedirs(data_dir, exist_ok=True)
    content = os.urandom(SIZE)
    with open(os.path.join(data_dir, 'payload.bin'), 'wb') as f:
        f.write(content)
    torrents = {
        'v1': make_torrent(workdir, 'v1', lt.create_torrent.v1_only),
        'v2': make_torrent(workdir, 'v2', lt.create_torrent.v2_only),
        'hybrid': make_torrent(workdir, 'hybrid', 0),
    }
    info = {}
    for key, path in torrents.items():
        ti = lt.torrent_info(path)
        hashes = ti.info_hashes()
        info[key] = {'path': path, 'pieces': ti.num_pieces(),
                     'v1': str(hashes.v1) if hashes.has_v1() else None,
                     'v2': str(hashes.v2) if hashes.has_v2() else None}

    # The partial leecher's copy: the first half right, the rest zeros.
    partial_dir = os.path.join(workdir, 'partial')
    os.makedirs(partial_dir, exist_ok=True)
    with open(os.path.join(partial_dir, 'payload.bin'), 'wb') as f:
        f.write(content[:SIZE // 2] + bytes(SIZE - SIZE // 2))
    pex_dir = os.path.join(workdir, 'pex')
    os.makedirs(pex_dir, exist_ok=True)

    sessions = {}
    handles = {}
    sessions['seeder'] = session(0)
    handles['seeder'] = [add(sessions['seeder'], torrents[k], data_dir) for k in ('v1', 'v2', 'hybrid')]
    sessions['seeder2'] = session(0)
    handles['seeder2'] = [add(sessions['seeder2'], torrents['v1'], data_dir)]
    # The partial peer must not download the rest: it is told of no peer, and we never upload.
    sessions['partial'] = session(0)
    handles['partial'] = [add(sessions['partial'], torrents['v1'], partial_dir)]
    sessions['pex'] = session(0, {'download_rate_limit': 2048})
    handles['pex'] = [add(sessions['pex'], torrents['v1'], pex_dir)]

    seeding = lambda st: st.is_seeding
    checked = lambda st: st.state not in (lt.torrent_status.checking_files, lt.torrent_status.checking_resume_data)
    if not wait_state(handles['seeder'] + handles['seeder2'], seeding, 30) or not wait_state(handles['partial'], checked, 30):
        print(json.dumps({'failed': 'seeders did not start'}), flush=True)
        return
    ports = {name: s.listen_port() for name, s in sessions.items()}
    pex = handles['pex'][0]
    wait_state([pex], checked, 30)
    # connect_peer is forgotten when it comes too early or the attempt fails: repeat it until both are connected.
    # libtorrent leaves a peer out of PEX while its handshake is under way, and the download limit makes
    # the handshakes slow: wait until both are done.
    def talking():
        busy = lt.peer_info.connecting | lt.peer_info.handshake
        return sum(1 for pi in pex.get_peer_info() if not pi.flags & busy)
    until = time.time() + 30
    while time.time() < until and talking() < 2:
        if pex.status().num_peers < 2:
            pex.connect_peer(('127.0.0.1', ports['seeder']))
            pex.connect_peer(('127.0.0.1', ports['seeder2']))
        time.sleep(0.2)
    if talking() < 2:
        print(json.dumps({'failed': 'the PEX leecher did not connect to both seeders'}), flush=True)
        return
    print(json.dumps({'torrents': info, 'ports': ports,
                      'partialPercent': handles['partial'][0].status().progress * 100}), flush=True)
    sys.stdin.read()
    for name, s in sessions.items():
        for h in handles[name]:
            s.remove_torrent(h)


if __name__ == '__main__':
    main()
