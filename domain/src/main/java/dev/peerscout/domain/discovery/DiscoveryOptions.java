package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.TrackerUrl;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How to look for peers.
 *
 * @param timeout       the one deadline for the whole discovery, retransmissions included
 * @param extraTrackers trackers the user added; each forms its own tier after the torrent's
 * @param numWant       peers to ask each tracker for (-1: the tracker's default)
 * @param port          the TCP port we announce (nobody listens on it: we only look)
 * @param minPeers      stop as soon as this many distinct peers are known (0: wait for all trackers)
 * @param families      address families we may use
 * @param sendStopped   tell trackers that accepted us that we left, so we leave no ghost peer
 * @param stopGrace     how long the goodbye may take
 * @param peerId        our BEP 20 peer id
 * @param key           our BEP 7 key, the same for every announce of this run
 * @param usePeerSources also ask the peer sources (the DHT); never for a private torrent
 * @param bootstrap     nodes the user named to start the DHT from (besides the torrent's own)
 */
public record DiscoveryOptions(
        Duration timeout,
        List<TrackerUrl> extraTrackers,
        int numWant,
        int port,
        int minPeers,
        Set<AddressFamily> families,
        boolean sendStopped,
        Duration stopGrace,
        PeerId peerId,
        int key,
        boolean usePeerSources,
        List<HostPort> bootstrap) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(2);
    public static final int DEFAULT_NUM_WANT = 200;
    public static final int DEFAULT_PORT = 6881;

    public DiscoveryOptions {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(peerId, "peerId");
        Objects.requireNonNull(stopGrace, "stopGrace");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (minPeers < 0) {
            throw new IllegalArgumentException("minPeers must not be negative");
        }
        extraTrackers = List.copyOf(extraTrackers);
        bootstrap = List.copyOf(bootstrap);
        families = Set.copyOf(EnumSet.copyOf(families));
    }

    /** The same, waiting for every tracker: for a run that counts its peers itself (verified, or asked). */
    public DiscoveryOptions withoutMinPeers() {
        return new DiscoveryOptions(
                timeout,
                extraTrackers,
                numWant,
                port,
                0,
                families,
                sendStopped,
                stopGrace,
                peerId,
                key,
                usePeerSources,
                bootstrap);
    }

    public static DiscoveryOptions defaults(PeerId peerId, int key) {
        return new DiscoveryOptions(
                DEFAULT_TIMEOUT,
                List.of(),
                DEFAULT_NUM_WANT,
                DEFAULT_PORT,
                0,
                EnumSet.allOf(AddressFamily.class),
                true,
                DEFAULT_STOP_GRACE,
                peerId,
                key,
                true,
                List.of());
    }
}
