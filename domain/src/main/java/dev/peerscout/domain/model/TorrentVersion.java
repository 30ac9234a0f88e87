package dev.peerscout.domain.model;

/** Which metadata format a torrent uses (BEP 3, BEP 52, or both). */
public enum TorrentVersion {
    V1,
    V2,
    HYBRID
}
