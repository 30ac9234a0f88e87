package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.Peer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The distinct peers found so far, each with every origin that named it, and who we are: trackers
 * list the announcer itself (opentracker does). Not thread-safe: the discovery touches it under its
 * lock only.
 */
final class FoundPeers {
    private final int ourPort;
    private final Map<Peer, List<PeerOrigin>> peers = new LinkedHashMap<>();
    private final Set<InetAddress> ourAddresses = new HashSet<>();

    FoundPeers(int ourPort) {
        this.ourPort = ourPort;
    }

    /** A tracker told us the address it saw us at (BEP 24). */
    void weAreAt(InetAddress address) {
        ourAddresses.add(address);
    }

    /** We are the peer with our announced port at a loopback address or at an address a tracker saw us at. */
    boolean isUs(Peer peer) {
        InetAddress address = peer.address();
        return peer.port() == ourPort
                && (address.isLoopbackAddress() || address.isAnyLocalAddress() || ourAddresses.contains(address));
    }

    /** Adds {@code origin} to the peer's; true if the peer is new. */
    boolean add(Peer peer, PeerOrigin origin) {
        List<PeerOrigin> origins = peers.get(peer);
        if (origins == null) {
            peers.put(peer, new ArrayList<>(List.of(origin)));
            return true;
        }
        if (!origins.contains(origin)) {
            origins.add(origin);
        }
        return false;
    }

    int size() {
        return peers.size();
    }

    List<DiscoveredPeer> list() {
        List<DiscoveredPeer> found = new ArrayList<>();
        peers.forEach((peer, origins) -> found.add(new DiscoveredPeer(peer, origins)));
        return found;
    }
}
