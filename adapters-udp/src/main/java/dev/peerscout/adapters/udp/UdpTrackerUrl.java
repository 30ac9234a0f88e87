package dev.peerscout.adapters.udp;

import dev.peerscout.adapters.udp.transport.TrackerKey;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.TrackerUrl;
import io.vavr.control.Either;
import java.util.Locale;

/**
 * The parts of a {@code udp://host:port[/path?query]} URL that matter: host and port address the
 * datagrams, path and query travel as BEP 41 URLData.
 *
 * <p>The client parses each URL once and asks it about many swarms, so the connection-id keys of
 * both families are made here once rather than per request.
 */
final class UdpTrackerUrl {
    private final String host;
    private final int port;
    private final String pathAndQuery;
    private final TrackerKey ipv4Key;
    private final TrackerKey ipv6Key;

    /**
     * @param host          a name, an IPv4 literal, or an IPv6 literal without brackets
     * @param pathAndQuery  everything after the authority up to a fragment, e.g. {@code /announce?k=v}
     */
    UdpTrackerUrl(String host, int port, String pathAndQuery) {
        this.host = host;
        this.port = port;
        this.pathAndQuery = pathAndQuery;
        this.ipv4Key = new TrackerKey(host, port, AddressFamily.IPV4, pathAndQuery);
        this.ipv6Key = new TrackerKey(host, port, AddressFamily.IPV6, pathAndQuery);
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String pathAndQuery() {
        return pathAndQuery;
    }

    /** What a connection id from this tracker over {@code family} is remembered by. */
    TrackerKey key(AddressFamily family) {
        return family == AddressFamily.IPV6 ? ipv6Key : ipv4Key;
    }

    /** Left: why it is not a UDP tracker URL we can use. */
    static Either<String, UdpTrackerUrl> parse(TrackerUrl tracker) {
        String url = tracker.value();
        String scheme = tracker.scheme().getOrElse("");
        if (!scheme.equals("udp")) {
            return Either.left(scheme.isEmpty() ? "not a URL" : "not a udp:// URL (" + scheme + ")");
        }
        int authorityStart = url.indexOf("://") + 3;
        int authorityEnd = authorityStart;
        while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            authorityEnd++;
        }
        int fragment = url.indexOf('#', authorityEnd);
        String pathAndQuery = url.substring(authorityEnd, fragment < 0 ? url.length() : fragment);
        return hostAndPort(url.substring(authorityStart, authorityEnd))
                .map(parts -> new UdpTrackerUrl(parts.host(), parts.port(), pathAndQuery));
    }

    private record HostAndPort(String host, int port) {}

    private static Either<String, HostAndPort> hostAndPort(String authority) {
        if (authority.indexOf('@') >= 0) {
            return Either.left("user info in a udp:// URL");
        }
        String host;
        String port;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0 || !authority.startsWith(":", close + 1)) {
                return Either.left("expected [IPv6]:port, got " + authority);
            }
            host = authority.substring(1, close);
            port = authority.substring(close + 2);
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon < 0) {
                return Either.left("no port in " + authority);
            }
            host = authority.substring(0, colon);
            port = authority.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                return Either.left("IPv6 address without brackets: " + authority);
            }
        }
        if (host.isEmpty()) {
            return Either.left("no host in " + authority);
        }
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Either.left("bad port in " + authority);
        }
        int number = Integer.parseInt(port);
        if (number < 1 || number > 0xFFFF) {
            return Either.left("port out of range: " + number);
        }
        return Either.right(new HostAndPort(host.toLowerCase(Locale.ROOT), number));
    }
}
