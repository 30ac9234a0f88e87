package dev.peerscout.domain.discovery;

import dev.peerscout.domain.model.TrackerUrl;
import java.util.Objects;

/**
 * Where a peer came from: a tracker, or another peer source such as the DHT. The records write
 * their equals and hashCode out, with the values a record's own give: those are bootstrapped on
 * first use ({@code ObjectMethods}), ~25 ms of a cold C1 JVM at the end of every discovery.
 */
public sealed interface PeerOrigin {

    /** How to name the origin to a user; tracker passkeys stay masked unless {@code showSecrets}. */
    String display(boolean showSecrets);

    record Tracker(TrackerUrl url) implements PeerOrigin {
        @Override
        public String display(boolean showSecrets) {
            return url.display(showSecrets);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Tracker that && Objects.equals(url, that.url);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(url);
        }
    }

    /** A peer that told us about this one through PEX (BEP 11): {@code pex:1.2.3.4:6881}. */
    record Pex(dev.peerscout.domain.model.Peer via) implements PeerOrigin {
        @Override
        public String display(boolean showSecrets) {
            return "pex:" + via;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Pex that && Objects.equals(via, that.via);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(via);
        }
    }

    /** A peer source by its name ({@code dht}; {@code magnet} for a link's x.pe, {@code user} for --peer). */
    record Source(String name) implements PeerOrigin {
        @Override
        public String display(boolean showSecrets) {
            return name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Source that && Objects.equals(name, that.name);
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(name);
        }
    }
}
