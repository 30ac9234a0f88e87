#!/usr/bin/python3
"""Seconds from adding a torrent to libtorrent's first tracker reply (Debian's python3-libtorrent).

usage: lt_first_reply.py TORRENT [--all-tiers] [--all-trackers]
Prints one number (seconds) on stdout, or 'timeout' after 60 s.
"""
import sys
import tempfile
import time

import libtorrent as lt

torrent, all_tiers, all_trackers = sys.argv[1], "--all-tiers" in sys.argv[2:], "--all-trackers" in sys.argv[2:]
settings = {
    "listen_interfaces": "127.0.0.1:0",
    "enable_dht": False, "enable_lsd": False, "enable_upnp": False, "enable_natpmp": False,
    "dht_bootstrap_nodes": "",
    "alert_mask": lt.alert.category_t.tracker_notification | lt.alert.category_t.error_notification,
}
if all_tiers:
    settings["announce_to_all_tiers"] = True
if all_trackers:
    settings["announce_to_all_trackers"] = True
session = lt.session(settings)
with tempfile.TemporaryDirectory() as save_path:
    start = time.monotonic()
    handle = session.add_torrent({"ti": lt.torrent_info(torrent), "save_path": save_path})
    answer = "timeout"
    while time.monotonic() - start < 60 and answer == "timeout":
        session.wait_for_alert(100)
        for alert in session.pop_alerts():
            if isinstance(alert, lt.tracker_reply_alert):
                answer = "%.3f" % (time.monotonic() - start)
                break
    session.remove_torrent(handle)
    print(answer)
