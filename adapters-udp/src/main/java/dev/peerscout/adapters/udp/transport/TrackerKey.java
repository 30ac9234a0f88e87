package dev.peerscout.adapters.udp.transport;

import dev.peerscout.domain.model.AddressFamily;
import java.util.Locale;
import java.util.Objects;

/** A tracker as its connection id is bound to it: host name (as written in the URL), port and family. */
public record TrackerKey(String host, int port, AddressFamily family) {

    public TrackerKey {
        Objects.requireNonNull(family, "family");
        host = host.toLowerCase(Locale.ROOT);
    }
}
