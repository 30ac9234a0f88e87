package dev.peerscout.adapters.peerwire;

import java.util.Objects;

/**
 * The peer wire adapter's settings.
 *
 * @param client       our BEP 10 {@code v}: name and version
 * @param reqq         our BEP 10 {@code reqq}
 * @param maxPexPeers  peers taken from one peer's PEX messages in all (BEP 11 allows 50 a message after the first)
 */
public record PeerWireConfig(String client, int reqq, int maxPexPeers) {

    public PeerWireConfig {
        Objects.requireNonNull(client, "client");
        if (reqq < 1 || maxPexPeers < 0) {
            throw new IllegalArgumentException("reqq must be positive and maxPexPeers not negative");
        }
    }

    public static PeerWireConfig defaults(String version) {
        return new PeerWireConfig("peerscout " + version, 250, 200);
    }
}
