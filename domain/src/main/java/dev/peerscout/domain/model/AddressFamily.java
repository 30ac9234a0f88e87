package dev.peerscout.domain.model;

import io.vavr.control.Option;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.regex.Pattern;

/** IPv4 or IPv6 (BEP 7). */
public enum AddressFamily {
    IPV4,
    IPV6;

    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    public static AddressFamily of(InetAddress address) {
        return address instanceof Inet6Address ? IPV6 : IPV4;
    }

    /**
     * Why {@code host} cannot be asked under {@code allowed} when it is an address literal of an
     * excluded family ({@code -6} with {@code 127.0.0.1}): that is no failure to resolve a name, so
     * every client says exactly this. None for host names and allowed literals.
     */
    public static Option<TrackerFailure> excludedLiteral(String host, Set<AddressFamily> allowed) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean v4 = IPV4_LITERAL.matcher(literal).matches();
        if (!v4 && literal.indexOf(':') < 0) {
            return Option.none();
        }
        AddressFamily family;
        try {
            family = of(InetAddress.getByName(literal)); // a literal: no lookup
        } catch (UnknownHostException e) {
            return Option.none();
        }
        if (allowed.contains(family)) {
            return Option.none();
        }
        String only = allowed.isEmpty() ? "none" : either(allowed);
        return Option.of(new TrackerFailure.Unsupported(
                literal + " is an " + family.display() + " address, and only " + only + " is allowed"));
    }

    /**
     * Why {@code host}, resolved, has nothing to ask under {@code allowed}: an excluded literal says
     * so as {@link #excludedLiteral} does; a name is a {@code dns} failure naming the allowed families.
     */
    public static TrackerFailure noAllowedAddress(String host, Set<AddressFamily> allowed) {
        return excludedLiteral(host, allowed).getOrElse(() -> noAddressOf(host, allowed));
    }

    /** {@code host} resolved to no address of the {@code allowed} families (a {@code dns} failure). */
    public static TrackerFailure.DnsFailure noAddressOf(String host, Set<AddressFamily> allowed) {
        return new TrackerFailure.DnsFailure(host, "no " + either(allowed) + " address");
    }

    private static String either(Set<AddressFamily> allowed) {
        return allowed.stream()
                .map(AddressFamily::display)
                .sorted()
                .reduce((a, b) -> a + " or " + b)
                .orElse("allowed");
    }

    /** {@code IPv4} or {@code IPv6}, as people write them. */
    public String display() {
        return this == IPV4 ? "IPv4" : "IPv6";
    }
}
