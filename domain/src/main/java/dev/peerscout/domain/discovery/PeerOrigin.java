package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.TrackerUrl;

/** Where a peer came from: a tracker, or another peer source such as the DHT. */
public sealed interface PeerOrigin {

    /** How to name the origin to a user; tracker passkeys stay masked unless {@code showSecrets}. */
    String display(boolean showSecrets);

    record Tracker(TrackerUrl url) implements PeerOrigin {
        @Override
        public String display(boolean showSecrets) {
            return url.display(showSecrets);
        }
    }

    /** A peer that told us about this one through PEX (BEP 11): {@code pex:1.2.3.4:6881}. */
    record Pex(dev.peerscout.domain.model.Peer via) implements PeerOrigin {
        @Override
        public String display(boolean showSecrets) {
            return "pex:" + via;
        }
    }

    /** A peer source by its name ({@code dht}; {@code magnet} for a link's x.pe, {@code user} for --peer). */
    record Source(String name) implements PeerOrigin {
        @Override
        public String display(boolean showSecrets) {
            return name;
        }
    }
}
