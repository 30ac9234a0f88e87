package dev.peerscout.domain.health;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.PeerId;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How to check trackers.
 *
 * @param timeout  one deadline for a whole round, every address and step included
 * @param infoHash the swarm announced: a random one unless the user names a real swarm
 */
public record CheckOptions(
        Duration timeout, Set<AddressFamily> families, InfoHash infoHash, PeerId peerId, int key, int port) {
    /** A positive {@code left}, so trackers list the checker as a leecher rather than a seeder. */
    static final long LEFT = 16_384;

    public CheckOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(infoHash, "infoHash");
        Objects.requireNonNull(peerId, "peerId");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (families.isEmpty()) {
            throw new IllegalArgumentException("no address family allowed");
        }
        families = Set.copyOf(EnumSet.copyOf(families));
    }

    /** The {@code started} announce; no peers wanted (numwant 0): a check needs none. */
    AnnounceRequest started() {
        return new AnnounceRequest(infoHash, peerId, port, 0, 0, LEFT, AnnounceEvent.STARTED, 0, key, families);
    }
}
