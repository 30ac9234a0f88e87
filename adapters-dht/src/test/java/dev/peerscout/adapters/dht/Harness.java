package dev.peerscout.adapters.dht;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.port.PeerSource.Search;
import dev.peerscout.domain.port.PeerSource.Summary;
import dev.peerscout.domain.time.Scheduler;
import dev.peerscout.domain.time.SystemScheduler;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Everything a test of the DHT client needs, all on the loopback: fake nodes, and clients whose
 * sockets are bound to 127.0.0.1 / ::1, with no default routers and a resolver that knows only
 * {@code *.test} names. Nothing here can reach a public router or a real name server.
 */
final class Harness implements AutoCloseable {
    static final Duration QUERY_TIMEOUT = Duration.ofMillis(300);

    final FakeNodes nodes;
    final Scheduler scheduler;
    private final List<DhtPeerSource> sources = new ArrayList<>();

    Harness() throws IOException {
        this(new SystemScheduler());
    }

    Harness(Scheduler scheduler) throws IOException {
        this.scheduler = scheduler;
        this.nodes = new FakeNodes();
    }

    static DhtConfig loopbackConfig() {
        return DhtConfig.defaults()
                .withDefaultRouters(List.of())
                .withBindAddresses(literal("127.0.0.1"), literal("::1"))
                .withResolver(Harness::resolveTestNames)
                .withQueryTimeout(QUERY_TIMEOUT);
    }

    /** {@code v4.test} is 127.0.0.1, {@code v6.test} is ::1, {@code slow.test} takes 10 s; nothing else exists. */
    static List<InetAddress> resolveTestNames(String host) throws UnknownHostException {
        switch (host) {
            case "v4.test":
                return List.of(literal("127.0.0.1"));
            case "v6.test":
                return List.of(literal("::1"));
            case "slow.test":
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new UnknownHostException(host);
            default:
                throw new UnknownHostException(host);
        }
    }

    DhtPeerSource source() {
        return source(loopbackConfig());
    }

    DhtPeerSource source(DhtConfig config) {
        DhtPeerSource source = new DhtPeerSource(scheduler, new Random(sources.size() + 1), config);
        sources.add(source);
        return source;
    }

    Search search(InfoHash swarm, FakeNodes.FakeNode... bootstrap) {
        List<HostPort> nodes = new ArrayList<>();
        for (FakeNodes.FakeNode node : bootstrap) {
            nodes.add(new HostPort(node.address().getAddress().getHostAddress(), node.port()));
        }
        return search(List.of(swarm), nodes, Duration.ofSeconds(5), EnumSet.of(AddressFamily.IPV4));
    }

    Search search(List<InfoHash> swarms, List<HostPort> bootstrap, Duration within, Set<AddressFamily> families) {
        return new Search(swarms, bootstrap, families, scheduler.now().plus(within));
    }

    /** A search in progress: the peers found so far and the summary to come. */
    record Run(List<Peer> found, CompletableFuture<Summary> summary) {
        Summary await() throws Exception {
            return summary.get(10, TimeUnit.SECONDS);
        }
    }

    static Run run(DhtPeerSource source, Search search) {
        List<Peer> found = new CopyOnWriteArrayList<>();
        return new Run(found, source.findPeers(search, found::add).summary());
    }

    static Peer peer(String address, int port) {
        return new Peer(literal(address), port);
    }

    static InetAddress literal(String address) {
        try {
            return InetAddress.getByName(address);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static boolean hasIpv6Loopback() {
        try (var channel = DatagramChannel.open(StandardProtocolFamily.INET6)) {
            channel.bind(new InetSocketAddress(literal("::1"), 0));
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    @Override
    public void close() {
        sources.forEach(DhtPeerSource::close);
        nodes.close();
    }
}
