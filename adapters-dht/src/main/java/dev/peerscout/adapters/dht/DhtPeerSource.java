package dev.peerscout.adapters.dht;

import dev.peerscout.adapters.dht.krpc.NodeId;
import dev.peerscout.adapters.dht.lookup.RoutingTable;
import dev.peerscout.adapters.dht.transport.KrpcTransport;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * The mainline DHT (BEP 5) as a source of peers: an iterative {@code get_peers} lookup per info
 * hash, read-only (BEP 43: nodes do not add us to their tables, we answer no queries) and never
 * announcing. IPv4 and IPv6 (BEP 32) nodes are used as the search's families allow.
 *
 * <p>Bootstrap policy: the search's own bootstrap nodes (the torrent's {@code nodes}, the user's
 * {@code --dht-bootstrap}) when it names any, otherwise {@link DhtConfig#defaultRouters()}; never
 * both, so a search pointed at a private or test DHT never reaches the public routers. Nodes that
 * answered earlier searches of this instance are a starting point too.
 *
 * <p>One instance owns its sockets (one per family, opened on first use), a receiver thread and a
 * couple of DNS threads, all daemon: create it once, share it, close it at the end. Peers are
 * handed to the consumer on the receiver thread, one at a time; it must not block.
 */
public final class DhtPeerSource implements PeerSource, AutoCloseable {
    /** The summary's name. */
    public static final String NAME = "dht";

    private final Scheduler scheduler;
    private final DhtConfig config;
    private final NodeId self;
    private final KrpcTransport transport;
    private final BootstrapResolver resolver;
    private final RoutingTable table;
    private final Set<SearchRun> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param random our node id and the transaction ids come from it: use a {@code SecureRandom}
     */
    public DhtPeerSource(Scheduler scheduler, RandomGenerator random, DhtConfig config) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.config = Objects.requireNonNull(config, "config");
        this.self = NodeId.random(random);
        this.transport = new KrpcTransport(scheduler, random, self, config.bindIpv4(), config.bindIpv6());
        this.resolver = new BootstrapResolver(config.resolver(), scheduler);
        this.table = new RoutingTable(self, config.k());
    }

    @Override
    public Lookup findPeers(Search search, Consumer<Peer> found) {
        Objects.requireNonNull(search, "search");
        Objects.requireNonNull(found, "found");
        if (closed) {
            return failed("DHT client closed");
        }
        if (search.families().isEmpty()) {
            return failed("no address family allowed");
        }
        if (search.swarms().isEmpty() || !scheduler.now().isBefore(search.deadline())) {
            return Lookup.finished(new Summary(NAME, 0, 0, 0, Option.none()));
        }
        Either<String, Set<AddressFamily>> families = transport.open(search.families());
        if (families.isLeft()) {
            return failed(families.getLeft());
        }
        SearchRun run = new SearchRun(
                self, search, found, families.get(), config, scheduler, transport, resolver, table, running::remove);
        running.add(run);
        CompletableFuture<Summary> summary = run.start();
        if (closed) {
            run.finish(Option.some("DHT client closed"));
        }
        return new Lookup(summary, () -> run.finish(Option.none()));
    }

    /** Our node id (random, per instance). */
    public NodeId nodeId() {
        return self;
    }

    /** Ends searches still running (with what they found), releases the sockets and threads. */
    @Override
    public void close() {
        closed = true;
        for (SearchRun run : List.copyOf(running)) {
            run.finish(Option.some("DHT client closed"));
        }
        transport.close();
        resolver.close();
    }

    private static Lookup failed(String why) {
        return Lookup.finished(Summary.failed(NAME, why));
    }
}
