package dev.peerscout.domain.model;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/** Addresses as people read them, the same in every command. */
public final class IpAddresses {
    private IpAddresses() {}

    /**
     * {@code 192.0.2.1}, or an IPv6 address in RFC 5952's short form ({@code 2001:db8::1}): the JDK
     * writes every group ({@code 2001:db8:0:0:0:0:0:1}); the longest run of two or more zero groups
     * (the first, on a tie) becomes {@code ::}. A scope is dropped, as it means nothing to another host.
     */
    public static String text(InetAddress address) {
        String text = address.getHostAddress();
        return address instanceof Inet6Address ? compress(text) : text;
    }

    /** {@code 192.0.2.1:6969}, or {@code [2001:db8::1]:6969}. */
    public static String withPort(InetAddress address, int port) {
        return (address instanceof Inet6Address ? "[" + text(address) + "]" : text(address)) + ":" + port;
    }

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
        String head = String.join(":", Arrays.copyOfRange(groups, 0, bestStart));
        String tail = String.join(":", Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
        return head + "::" + tail;
    }
}
