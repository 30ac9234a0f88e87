package dev.peerscout.adapters.dht;

import dev.peerscout.adapters.dht.krpc.Answer;
import dev.peerscout.adapters.dht.krpc.NodeContact;
import dev.peerscout.adapters.dht.krpc.NodeId;
import dev.peerscout.adapters.dht.krpc.Query;
import dev.peerscout.adapters.dht.lookup.GetPeersClient;
import dev.peerscout.adapters.dht.lookup.GetPeersLookup;
import dev.peerscout.adapters.dht.lookup.LookupLimits;
import dev.peerscout.adapters.dht.lookup.RoutingTable;
import dev.peerscout.adapters.dht.transport.KrpcTransport;
import dev.peerscout.adapters.dht.transport.QueryOutcome;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.Problems;
import dev.peerscout.domain.port.PeerSource.Search;
import dev.peerscout.domain.port.PeerSource.Summary;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * One {@code findPeers} call: a lookup per swarm, all under the search's deadline, sharing the
 * bootstrap nodes and the counts. Peers are deduplicated across swarms and handed over until the
 * summary is made, never after.
 */
final class SearchRun implements GetPeersClient {
    /** Candidates one lookup keeps; far more than the k it needs, few enough to scan cheaply. */
    private static final int MAX_CANDIDATES = 256;
    /** Tries for a node found during the search: one retransmission. */
    private static final int NODE_TRIES = 2;
    /** Tries for a bootstrap node, each waiting twice as long as the last (1 + 2 + 4 s by default). */
    private static final int BOOTSTRAP_TRIES = 3;

    private final Search search;
    private final Consumer<Peer> found;
    private final Set<AddressFamily> families;
    private final DhtConfig config;
    private final Scheduler scheduler;
    private final KrpcTransport transport;
    private final BootstrapResolver resolver;
    private final RoutingTable table;
    private final Consumer<SearchRun> onFinished;
    private final List<GetPeersLookup> lookups;
    private final Set<InetSocketAddress> queried = ConcurrentHashMap.newKeySet();
    private final Set<InetSocketAddress> answered = ConcurrentHashMap.newKeySet();
    /** Where the bootstrap nodes resolved to: asked again and again, as the search cannot start without them. */
    private final Set<InetSocketAddress> bootstrapAddresses = ConcurrentHashMap.newKeySet();

    private final AtomicInteger queriesSent = new AtomicInteger();
    private final CompletableFuture<Summary> summary = new CompletableFuture<>();
    private final Set<Peer> peers = new HashSet<>();
    /** How the bootstrap nodes resolved: a search none of them started says why. */
    private final BootstrapProgress bootstrapping;

    private boolean startedFromTable;
    private boolean finished;
    private Scheduler.Cancellable deadlineTimer;

    SearchRun(
            NodeId self,
            Search search,
            Consumer<Peer> found,
            Set<AddressFamily> families,
            DhtConfig config,
            Scheduler scheduler,
            KrpcTransport transport,
            BootstrapResolver resolver,
            RoutingTable table,
            Consumer<SearchRun> onFinished) {
        this.search = search;
        this.found = found;
        this.families = families;
        this.config = config;
        this.scheduler = scheduler;
        this.transport = transport;
        this.resolver = resolver;
        this.table = table;
        this.onFinished = onFinished;
        this.bootstrapping = new BootstrapProgress(families);
        LookupLimits limits = new LookupLimits(
                config.alpha(),
                config.k(),
                config.maxNodesQueried(),
                config.maxNodesPerReply(),
                Math.max(MAX_CANDIDATES, config.k()),
                families);
        List<GetPeersLookup> perSwarm = new ArrayList<>();
        for (InfoHash swarm : search.swarms()) {
            perSwarm.add(new GetPeersLookup(self, NodeId.of(swarm), limits, this, this::report));
        }
        this.lookups = List.copyOf(perSwarm);
    }

    CompletableFuture<Summary> start() {
        Scheduler.Cancellable timer =
                scheduler.schedule(Duration.between(scheduler.now(), search.deadline()), this::onDeadline);
        boolean alreadyFinished;
        synchronized (this) {
            deadlineTimer = timer;
            alreadyFinished = finished;
        }
        if (alreadyFinished) {
            timer.cancel();
        }
        CompletableFuture.allOf(lookups.stream().map(GetPeersLookup::end).toArray(CompletableFuture[]::new))
                .thenRun(() -> finish(Option.none()));
        for (int i = 0; i < lookups.size(); i++) {
            List<NodeContact> known = table.closest(NodeId.of(search.swarms().get(i)), config.k(), families);
            synchronized (this) {
                startedFromTable |= !known.isEmpty();
            }
            lookups.get(i).addKnown(known);
        }
        resolveBootstrapNodes();
        return summary;
    }

    /** Ends the search now, with what it found; {@code error} only when it could not run at all. */
    void finish(Option<String> error) {
        Summary done;
        Scheduler.Cancellable timer;
        synchronized (this) {
            if (finished) {
                return;
            }
            finished = true;
            done = new Summary(
                    DhtPeerSource.NAME, queried.size(), answered.size(), peers.size(), error, queriesSent.get());
            timer = deadlineTimer;
        }
        if (timer != null) {
            timer.cancel();
        }
        lookups.forEach(GetPeersLookup::stop);
        onFinished.accept(this);
        summary.complete(done);
    }

    /** Time is up. If no bootstrap node resolved by now, the search never ran: say why. */
    private void onDeadline() {
        String error = null;
        synchronized (this) {
            if (bootstrapping.noneResolved() && !startedFromTable && queried.isEmpty()) {
                error = bootstrapping.whyNoStartByDeadline();
            }
        }
        finish(Option.of(error));
    }

    /**
     * Asks {@code node}, and asks again when no answer came in time: one lost datagram must not
     * lose a node. A bootstrap node gets {@value #BOOTSTRAP_TRIES} tries, each waiting twice as
     * long as the last (the search has nowhere else to start); any other node gets
     * {@value #NODE_TRIES}. Never past the deadline. A refusal
     * (KRPC error) is an answer and is not repeated.
     */
    @Override
    public CompletionStage<Option<Answer>> getPeers(InetSocketAddress node, NodeId target) {
        return ask(node, target, 1, config.queryTimeout());
    }

    private CompletionStage<Option<Answer>> ask(InetSocketAddress node, NodeId target, int attempt, Duration wait) {
        Either<String, CompletableFuture<QueryOutcome>> sent =
                transport.ask(node, new Query.GetPeers(target, families), wait);
        if (sent.isLeft()) {
            return CompletableFuture.completedFuture(Option.none());
        }
        queried.add(node);
        queriesSent.incrementAndGet();
        return sent.get().thenCompose(reply -> {
            if (reply instanceof QueryOutcome.Answered answer) {
                answered.add(node);
                table.add(new NodeContact(answer.answer().responder(), node));
                return CompletableFuture.completedFuture(Option.some(answer.answer()));
            }
            boolean bootstrap = bootstrapAddresses.contains(node);
            if (reply instanceof QueryOutcome.NoReply
                    && !isFinished()
                    && scheduler.now().isBefore(search.deadline())
                    && attempt < (bootstrap ? BOOTSTRAP_TRIES : NODE_TRIES)) {
                return ask(node, target, attempt + 1, bootstrap ? wait.multipliedBy(2) : wait);
            }
            return CompletableFuture.completedFuture(Option.<Answer>none());
        });
    }

    private synchronized boolean isFinished() {
        return finished;
    }

    /**
     * The search's bootstrap nodes, then the default routers when the search asks for them. Lookups start with each
     * node as soon as it resolves; a search none of whose nodes resolve cannot run, unless the
     * routing table (from earlier searches) gave it somewhere to start.
     */
    private void resolveBootstrapNodes() {
        List<HostPort> nodes = new ArrayList<>(search.bootstrap());
        if (search.defaultBootstrap()) {
            nodes.addAll(config.defaultRouters());
        }
        synchronized (this) {
            bootstrapping.expect(nodes.size());
        }
        if (nodes.isEmpty()) {
            bootstrapDone();
            return;
        }
        for (int i = 0; i < nodes.size(); i++) {
            int position = i;
            HostPort node = nodes.get(i);
            resolver.resolve(node, search.deadline()).thenAccept(result -> onResolved(position, node, result));
        }
    }

    private void onResolved(int position, HostPort node, Either<String, List<InetSocketAddress>> result) {
        List<InetSocketAddress> usable = bootstrapping.usable(result);
        boolean last;
        synchronized (this) {
            last = usable.isEmpty() ? bootstrapping.failed(position, node, result) : bootstrapping.resolved();
        }
        if (!usable.isEmpty()) {
            bootstrapAddresses.addAll(usable);
            lookups.forEach(lookup -> lookup.addBootstrap(usable));
        }
        if (last) {
            bootstrapDone();
        }
    }

    private void bootstrapDone() {
        String error = null;
        synchronized (this) {
            if (bootstrapping.noneResolved() && !startedFromTable) {
                error = bootstrapping.whyNoStart();
            }
        }
        if (error != null) {
            finish(Option.some(error));
        } else {
            lookups.forEach(GetPeersLookup::bootstrapComplete);
        }
    }

    /** Hands over the peers not seen before, unless the search has ended. */
    private void report(List<Peer> answerPeers) {
        RuntimeException failure = null;
        synchronized (this) {
            if (finished) {
                return;
            }
            for (Peer peer : answerPeers) {
                if (peers.add(peer)) {
                    try {
                        found.accept(peer);
                    } catch (RuntimeException e) {
                        failure = e;
                        break;
                    }
                }
            }
        }
        if (failure != null) {
            // A consumer bug must not leave the lookups running unseen: end the search and say why.
            finish(Option.some(
                    "stopped: the peer consumer failed: " + Problems.describe(failure, "unexpected failure")));
        }
    }
}
