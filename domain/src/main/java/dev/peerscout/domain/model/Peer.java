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

    /**
     * Whether anyone could be reached here: not the unspecified address ({@code 0.0.0.0},
     * {@code ::}), the IPv4 broadcast address or a multicast group. Trackers do send such
     * entries; they are dropped and counted, never shown as peers. (Port 0 cannot be a
     * {@code Peer} at all.)
     */
    public boolean usable() {
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        byte[] raw = address.getAddress();
        return !(raw.length == 4 && (raw[0] & raw[1] & raw[2] & raw[3]) == (byte) 0xFF);
    }

    public AddressFamily family() {
        return AddressFamily.of(address);
    }

    /** The address as people write it: {@code 1.2.3.4}, or IPv6 in RFC 5952 form ({@code 2001:db8::1}). */
    public String ip() {
        return IpAddresses.text(address);
    }

    // equals and hashCode written out, with the values a record's own give: those are bootstrapped
    // on first use (ObjectMethods), ~25 ms of a cold C1 JVM between a tracker's answer and the output.
    @Override
    public boolean equals(Object other) {
        return other instanceof Peer that && port == that.port && address.equals(that.address);
    }

    @Override
    public int hashCode() {
        return address.hashCode() * 31 + port;
    }

    /** {@code 1.2.3.4:6881}, or {@code [2001:db8::1]:6881} for IPv6. */
    @Override
    public String toString() {
        return (address instanceof Inet6Address ? "[" + ip() + "]" : ip()) + ":" + port;
    }
}
