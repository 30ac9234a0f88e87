package dev.peerscout.domain.model;

import java.net.Inet6Address;
import java.net.InetAddress;

/** IPv4 or IPv6 (BEP 7). */
public enum AddressFamily {
    IPV4,
    IPV6;

    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet6Address ? IPV6 : IPV4;
    }
}
