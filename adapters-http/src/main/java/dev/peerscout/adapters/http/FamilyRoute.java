package dev.peerscout.adapters.http;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.TrackerFailure;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which address of a tracker's host is asked when the user allowed one address family only
 * ({@code -4}/{@code -6}): the first the resolver returns of that family (our exchange connects to
 * the address it is given, so a dual-stack host is reached over either). A host without any
 * allowed address is a DNS failure, as for UDP.
 */
final class FamilyRoute {
    private FamilyRoute() {}

    static boolean restricts(Set<AddressFamily> allowed) {
        return !allowed.containsAll(Set.of(AddressFamily.values()));
    }

    /** The first address of an allowed family. */
    static Either<TrackerFailure, InetAddress> choose(
            String host, List<InetAddress> resolved, Set<AddressFamily> allowed) {
        if (resolved.isEmpty()) {
            return Either.left(new TrackerFailure.DnsFailure(host, "no address"));
        }
        return resolved.stream()
                .filter(address -> allowed.contains(AddressFamily.of(address)))
                .findFirst()
                .<Either<TrackerFailure, InetAddress>>map(Either::right)
                .orElseGet(() -> Either.left(new TrackerFailure.DnsFailure(host, "no " + names(allowed) + " address")));
    }

    private static String names(Set<AddressFamily> families) {
        return families.stream()
                .map(family -> family == AddressFamily.IPV4 ? "IPv4" : "IPv6")
                .sorted()
                .reduce((a, b) -> a + " or " + b)
                .orElse("");
    }

    static String hostOf(java.net.URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]")
                ? host.substring(1, host.length() - 1)
                : host.toLowerCase(Locale.ROOT);
    }
}
