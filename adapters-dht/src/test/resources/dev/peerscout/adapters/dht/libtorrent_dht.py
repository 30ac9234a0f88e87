"""A small DHT of real libtorrent nodes on 127.0.0.1, for the DHT client's integration test.

Usage: libtorrent_dht.py NODES INFO_HASH_HEX SAVE_DIR

Starts NODES libtorrent sessions with the DHT on, listening on 127.0.0.1 only and bootstrapped to
each other (never to the public routers). The first session adds a magnet for INFO_HASH_HEX (saving
into SAVE_DIR, which stays empty: no metadata ever arrives), so it announces itself into this DHT as
a peer. Prints, one per line:

    node PORT        for every session (its DHT listens on 127.0.0.1:PORT, UDP)
    peer PORT        the announcing session's listen port (the peer to be found)
    ready            once another session finds that peer through the DHT
    failed REASON    instead of ready, if that does not happen in time (then exits 1)

Then runs until stdin closes or SIGTERM arrives.
"""
import signal
import sys
import time

import libtorrent as lt

READY_TIMEOUT = 25.0


def settings(bootstrap):
    return {
        'listen_interfaces': '127.0.0.1:0',
        'enable_dht': True,
        'enable_lsd': False,
        'enable_upnp': False,
        'enable_natpmp': False,
        'dht_bootstrap_nodes': bootstrap,
        # Every node is 127.0.0.1: without these, libtorrent keeps one node per IP and rate-limits it.
        'dht_restrict_routing_ips': False,
        'dht_restrict_search_ips': False,
        'dht_block_ratelimit': 100000,
        'dht_block_timeout': 0,
        'dht_prefer_verified_node_ids': False,
        'alert_mask': lt.alert.category_t.dht_notification | lt.alert.category_t.dht_operation_notification,
    }


def main():
    count = int(sys.argv[1])
    info_hash = bytes.fromhex(sys.argv[2])
    save_dir = sys.argv[3]
    sessions, ports = [], []
    for _ in range(count):
        session = lt.session(settings(','.join('127.0.0.1:%d' % p for p in ports[-3:])))
        sessions.append(session)
        ports.append(session.listen_port())
    for session in sessions:
        for port in ports:
            session.add_dht_node(('127.0.0.1', port))
    for port in ports:
        print('node %d' % port, flush=True)

    params = lt.parse_magnet_uri('magnet:?xt=urn:btih:' + info_hash.hex())
    params.save_path = save_dir
    handle = sessions[0].add_torrent(params)
    print('peer %d' % ports[0], flush=True)

    seeker, target = sessions[-1], lt.sha1_hash(info_hash)
    until, asked = time.time() + READY_TIMEOUT, 0.0
    found = False
    while not found and time.time() < until:
        if time.time() - asked > 1.0:
            seeker.dht_get_peers(target)
            asked = time.time()
        seeker.wait_for_alert(200)
        for alert in seeker.pop_alerts():
            if isinstance(alert, lt.dht_get_peers_reply_alert):
                found |= any(port == ports[0] for _, port in alert.peers())
        for session in sessions[:-1]:
            session.pop_alerts()
    if not found:
        print('failed: the DHT did not return the announced peer within %.0f s' % READY_TIMEOUT, flush=True)
        sys.exit(1)
    print('ready', flush=True)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        sys.stdin.read()
    finally:
        sessions[0].remove_torrent(handle)


if __name__ == '__main__':
    main()
