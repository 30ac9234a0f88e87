package dev.peerscout.adapters.dht;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.port.Resolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the DHT client. {@link #defaults()} uses Kademlia's α = 3 and k = 8 and the routers
 * libtorrent and others ship with.
 *
 * @param alpha            queries in flight per lookup
 * @param k                a lookup ends when the k closest nodes seen have answered
 * @param queryTimeout     how long one node gets to answer before the lookup moves on
 * @param maxNodesQueried  queries per lookup (per info hash) at most, however nodes refer us on
 * @param maxNodesPerReply contacts taken from one answer, closest first
 * @param defaultRouters   where to start when the search names no bootstrap node
 * @param resolver         host names to addresses; called on the client's own DNS threads
 * @param bindIpv4         local address of the IPv4 socket (wildcard in production)
 * @param bindIpv6         local address of the IPv6 socket (wildcard in production)
 */
public record DhtConfig(
        int alpha,
        int k,
        Duration queryTimeout,
        int maxNodesQueried,
        int maxNodesPerReply,
        List<HostPort> defaultRouters,
        Resolver resolver,
        InetAddress bindIpv4,
        InetAddress bindIpv6) {

    public static final int DEFAULT_ALPHA = 3;
    public static final int DEFAULT_K = 8;
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(1);
    public static final int DEFAULT_MAX_NODES_QUERIED = 300;
    /** k per family: what one BEP 5/BEP 32 answer holds. */
    public static final int DEFAULT_MAX_NODES_PER_REPLY = 16;

    public static final List<HostPort> DEFAULT_ROUTERS = List.of(
            new HostPort("router.bittorrent.com", 6881),
            new HostPort("dht.transmissionbt.com", 6881),
            new HostPort("router.utorrent.com", 6881),
            new HostPort("dht.libtorrent.org", 25401));

    public DhtConfig {
        Objects.requireNonNull(queryTimeout, "queryTimeout");
        defaultRouters = List.copyOf(defaultRouters);
        Objects.requireNonNull(resolver, "resolver");
        Objects.requireNonNull(bindIpv4, "bindIpv4");
        Objects.requireNonNull(bindIpv6, "bindIpv6");
        if (alpha < 1 || k < 1 || maxNodesQueried < 1 || maxNodesPerReply < 1) {
            throw new IllegalArgumentException("alpha, k, maxNodesQueried and maxNodesPerReply must be at least 1");
        }
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("query timeout must be positive");
        }
        if (AddressFamily.of(bindIpv4) != AddressFamily.IPV4 || AddressFamily.of(bindIpv6) != AddressFamily.IPV6) {
            throw new IllegalArgumentException("bind addresses must be IPv4 and IPv6: " + bindIpv4 + ", " + bindIpv6);
        }
    }

    /** Production settings: wildcard sockets, the system resolver, the well-known routers. */
    public static DhtConfig defaults() {
        return new DhtConfig(
                DEFAULT_ALPHA,
                DEFAULT_K,
                DEFAULT_QUERY_TIMEOUT,
                DEFAULT_MAX_NODES_QUERIED,
                DEFAULT_MAX_NODES_PER_REPLY,
                DEFAULT_ROUTERS,
                Resolver.system(),
                literal("0.0.0.0"),
                literal("::"));
    }

    public DhtConfig withAlpha(int newAlpha) {
        return new DhtConfig(
                newAlpha,
                k,
                queryTimeout,
                maxNodesQueried,
                maxNodesPerReply,
                defaultRouters,
                resolver,
                bindIpv4,
                bindIpv6);
    }

    public DhtConfig withK(int newK) {
        return new DhtConfig(
                alpha,
                newK,
                queryTimeout,
                maxNodesQueried,
                maxNodesPerReply,
                defaultRouters,
                resolver,
                bindIpv4,
                bindIpv6);
    }

    public DhtConfig withQueryTimeout(Duration timeout) {
        return new DhtConfig(
                alpha, k, timeout, maxNodesQueried, maxNodesPerReply, defaultRouters, resolver, bindIpv4, bindIpv6);
    }

    public DhtConfig withMaxNodesQueried(int max) {
        return new DhtConfig(
                alpha, k, queryTimeout, max, maxNodesPerReply, defaultRouters, resolver, bindIpv4, bindIpv6);
    }

    public DhtConfig withMaxNodesPerReply(int max) {
        return new DhtConfig(
                alpha, k, queryTimeout, maxNodesQueried, max, defaultRouters, resolver, bindIpv4, bindIpv6);
    }

    public DhtConfig withDefaultRouters(List<HostPort> routers) {
        return new DhtConfig(
                alpha, k, queryTimeout, maxNodesQueried, maxNodesPerReply, routers, resolver, bindIpv4, bindIpv6);
    }

    public DhtConfig withResolver(Resolver newResolver) {
        return new DhtConfig(
                alpha,
                k,
                queryTimeout,
                maxNodesQueried,
                maxNodesPerReply,
                defaultRouters,
                newResolver,
                bindIpv4,
                bindIpv6);
    }

    public DhtConfig withBindAddresses(InetAddress ipv4, InetAddress ipv6) {
        return new DhtConfig(
                alpha, k, queryTimeout, maxNodesQueried, maxNodesPerReply, defaultRouters, resolver, ipv4, ipv6);
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new AssertionError("a literal address needs no lookup", e);
        }
    }
}
