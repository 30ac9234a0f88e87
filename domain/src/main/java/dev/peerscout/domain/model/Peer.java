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
        String text = address.getHostAddress();
        return address instanceof Inet6Address ? compress(text) : text;
    }

    /** {@code 1.2.3.4:6881}, or {@code [2001:db8::1]:6881} for IPv6. */
    @Override
    public String toString() {
        return (address instanceof Inet6Address ? "[" + ip() + "]" : ip()) + ":" + port;
    }

    /** The JDK writes every group ({@code 0:0:0:0:0:0:0:1}); RFC 5952 shortens the longest zero run. */
    private static String compress(String full) {
        int scope = full.indexOf('%');
        String[] groups = (scope < 0 ? full : full.substring(0, scope)).split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && groups[j].equals("0")) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        if (bestStart < 0) {
            return String.join(":", groups);
        }
        String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
