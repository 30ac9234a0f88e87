package dev.peerscout.domain.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Objects;

/** A peer of a swarm: where it accepts BitTorrent connections. */
public record Peer(InetAddress address, int port) {

    public Peer {
        Objects.requireNonNull(address, "address");
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("peer port out of range: " + port);
        }
    }

    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    /** {@code 1.2.3.4:6881}, or {@code [2001:db8::1]:6881} for IPv6. */
    @Override
    public String toString() {
        String host = address.getHostAddress();
        return (address instanceof Inet6Address ? "[" + host + "]" : host) + ":" + port;
    }
}
