package dev.peerscout.domain.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What we tell a tracker about ourselves in one swarm.
 *
 * @param port     the TCP port we claim to listen on
 * @param left     bytes we still need; a positive placeholder when the size is unknown (magnet)
 * @param numWant  peers wanted; -1 lets the tracker choose
 * @param key      BEP 7 key: random, stable for the session, the same over IPv4 and IPv6
 * @param families the address families we may use to reach the tracker ({@code -4}/{@code -6})
 */
public record AnnounceRequest(
        InfoHash infoHash,
        PeerId peerId,
        int port,
        long uploaded,
        long downloaded,
        long left,
        AnnounceEvent event,
        int numWant,
        int key,
        Set<AddressFamily> families) {

    public AnnounceRequest {
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(event, "event");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (uploaded < 0 || downloaded < 0 || left < 0) {
            throw new IllegalArgumentException("negative transfer counters");
        }
        if (numWant < -1) {
            throw new IllegalArgumentException("numWant must be -1 or more");
        }
        if (families.isEmpty()) {
            throw new IllegalArgumentException("no address family allowed");
        }
        families = Set.copyOf(EnumSet.copyOf(families));
    }

    public AnnounceRequest withEvent(AnnounceEvent newEvent) {
        return new AnnounceRequest(
                infoHash, peerId, port, uploaded, downloaded, left, newEvent, numWant, key, families);
    }

    public AnnounceRequest withInfoHash(InfoHash hash) {
        return new AnnounceRequest(hash, peerId, port, uploaded, downloaded, left, event, numWant, key, families);
    }

    public boolean allows(AddressFamily family) {
        return families.contains(family);
    }
}
