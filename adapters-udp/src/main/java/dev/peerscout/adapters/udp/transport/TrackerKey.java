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

    // Written out: a record's own are bootstrapped on first use (ObjectMethods), ~25 ms of a cold
    // C1 JVM, and a key is hashed before the first connect can leave.
    @Override
    public boolean equals(Object other) {
        return other instanceof TrackerKey that
                && port == that.port
                && family == that.family
                && host.equals(that.host)
                && pathAndQuery.equals(that.pathAndQuery);
    }

    @Override
    public int hashCode() {
        return ((host.hashCode() * 31 + port) * 31 + family.hashCode()) * 31 + pathAndQuery.hashCode();
    }
}
