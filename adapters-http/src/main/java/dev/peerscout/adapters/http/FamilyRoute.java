package dev.peerscout.adapters.http;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.TrackerFailure;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a tracker's host is reached over an allowed address family ({@code -4}/{@code -6}).
 *
 * <p>Announces and scrapes go to the first address the resolver returns, as java.net.http, which
 * the client once used, connects ({@code InetAddress.getByName}: IPv4 first unless the JVM runs
 * with {@code -Djava.net.preferIPv6Addresses=true}); we refuse, before any connection, when that
 * first address is of a family the user excluded. A host without any allowed address is a DNS
 * failure, as for UDP; a dual-stack host whose first address is excluded is unsupported, with
 * the JVM flag that fixes it in the message.
 */
final class FamilyRoute {
    private FamilyRoute() {}

    static boolean restricts(Set<AddressFamily> allowed) {
        return !allowed.containsAll(Set.of(AddressFamily.values()));
    }

    /** The address the client will connect to, if it is of an allowed family. */
    static Either<TrackerFailure, InetAddress> choose(
            String host, List<InetAddress> resolved, Set<AddressFamily> allowed) {
        if (resolved.isEmpty()) {
            return Either.left(new TrackerFailure.DnsFailure(host, "no address"));
        }
        InetAddress first = resolved.get(0);
        if (allowed.contains(AddressFamily.of(first))) {
            return Either.right(first);
        }
        String wanted = names(allowed);
        if (resolved.stream().noneMatch(address -> allowed.contains(AddressFamily.of(address)))) {
            return Either.left(new TrackerFailure.DnsFailure(host, "no " + wanted + " address"));
        }
        boolean preferV6 = allowed.contains(AddressFamily.IPV6);
        return Either.left(new TrackerFailure.Unsupported(host + " has " + name(AddressFamily.of(first))
                + " and " + wanted + " addresses and the JDK HTTP client uses the first, "
                + name(AddressFamily.of(first)) + "; run Java with -Djava.net.preferIPv6Addresses="
                + preferV6 + " to reach it over " + wanted));
    }

    private static String names(Set<AddressFamily> families) {
        return families.stream()
                .map(FamilyRoute::name)
                .sorted()
                .reduce((a, b) -> a + " or " + b)
                .orElse("");
    }

    private static String name(AddressFamily family) {
        return family == AddressFamily.IPV4 ? "IPv4" : "IPv6";
    }

    static String hostOf(java.net.URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1)
                : host.toLowerCase(Locale.ROOT);
    }
}
