package dev.peerscout.adapters.dht;

import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.net.HostResolver;
import dev.peerscout.domain.port.Resolver;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Bootstrap nodes' socket addresses: the domain's {@link HostResolver} (its own threads, the
 * caller's deadline, literals without a lookup) with the node's port, and at most a few addresses
 * per name.
 */
final class BootstrapResolver implements AutoCloseable {
    /** A host name with dozens of addresses does not get dozens of queries. */
    private static final int MAX_ADDRESSES_PER_HOST = 4;

    private final HostResolver hosts;

    BootstrapResolver(Resolver resolver, Scheduler scheduler) {
        this.hosts = new HostResolver(resolver, scheduler, "dht");
    }

    /** The node's socket addresses, or why there are none, by {@code deadline} at the latest. */
    CompletableFuture<Either<String, List<InetSocketAddress>>> resolve(HostPort node, Instant deadline) {
        if (node.port() == 0) {
            return CompletableFuture.completedFuture(Either.left("port 0"));
        }
        return hosts.resolve(node.host(), deadline)
                .thenApply(resolved ->
                        resolved.mapLeft(BootstrapResolver::why).map(addresses -> withPort(addresses, node)));
    }

    @Override
    public void close() {
        hosts.close();
    }

    /** The node is named in the message already: the lookup's own words. */
    private static String why(TrackerFailure failure) {
        if (failure instanceof TrackerFailure.DnsFailure dns) {
            return dns.detail().equals("client closed") ? "DHT client closed" : dns.detail();
        }
        return failure.message();
    }

    private static List<InetSocketAddress> withPort(List<InetAddress> addresses, HostPort node) {
        return addresses.stream()
                .limit(MAX_ADDRESSES_PER_HOST)
                .map(address -> new InetSocketAddress(address, node.port()))
                .toList();
    }
}
