package dev.peerscout.domain.probe;

import io.vavr.control.Option;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Which addresses are public, and literal addresses read without a DNS lookup. */
public final class Addresses {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");

    private Addresses() {}

    /** The address a literal names ({@code 1.2.3.4}, {@code ::1}, {@code [::1]}); none for a host name. */
    public static Option<InetAddress> literal(String host) {
        String text = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean literal = IPV4.matcher(text).matches()
                || (text.indexOf(':') >= 0 && IPV6.matcher(text).matches());
        if (!literal) {
            return Option.none();
        }
        try {
            return Option.of(InetAddress.getByName(text)); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return Option.none();
        }
    }

    /**
     * False for loopback, private (RFC 1918, unique local), link-local, multicast, unspecified,
     * shared (100.64/10), benchmarking, documentation and reserved ranges: anything a stranger on
     * the internet has no business making us connect to.
     */
    public static boolean isPublic(InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return !(first == 0
                    || first >= 240
                    || (first == 100 && (second & 0xC0) == 64)
                    || (first == 198 && (second & 0xFE) == 18)
                    || (first == 192 && second == 0 && (b[2] & 0xFF) == 0)
                    || (first == 192 && second == 0 && (b[2] & 0xFF) == 2)
                    || (first == 198 && second == 51 && (b[2] & 0xFF) == 100)
                    || (first == 203 && second == 0 && (b[2] & 0xFF) == 113));
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xFF;
            boolean uniqueLocal = (first & 0xFE) == 0xFC;
            boolean documentation =
                    first == 0x20 && (b[1] & 0xFF) == 0x01 && (b[2] & 0xFF) == 0x0D && (b[3] & 0xFF) == 0xB8;
            boolean v4Mapped = isV4Mapped(b);
            if (v4Mapped) {
                try {
                    return isPublic(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            return !(uniqueLocal || documentation || first == 0);
        }
        return false;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
    }
}
