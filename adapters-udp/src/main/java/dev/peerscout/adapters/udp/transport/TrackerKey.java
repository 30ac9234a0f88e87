package dev.peerscout.adapters.udp.transport;

import dev.peerscout.domain.model.AddressFamily;
import java.util.Locale;
import java.util.Objects;

/**
 * A tracker URL as its connection id and retransmissions are bound to it: host name (as written in
 * the URL), port, family, and the URL's path and query (BEP 41). BEP 15 would let URLs that share
 * a host and port share a connect too, but then only one of them sends it: the others would report
 * a timeout "after 0 tries" however long they waited. Each URL accounts for its own requests.
 */
public record TrackerKey(String host, int port, AddressFamily family, String pathAndQuery) {

    public TrackerKey {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(pathAndQuery, "pathAndQuery");
        host = host.toLowerCase(Locale.ROOT);
    }

    public TrackerKey(String host, int port, AddressFamily family) {
        this(host, port, family, "");
    }
}
