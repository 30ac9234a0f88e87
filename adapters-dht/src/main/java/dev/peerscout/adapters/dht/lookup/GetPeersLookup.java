package dev.peerscout.adapters.dht.lookup;

import dev.peerscout.adapters.dht.krpc.Answer;
import dev.peerscout.adapters.dht.krpc.NodeContact;
import dev.peerscout.adapters.dht.krpc.NodeId;
import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.Peer;
import io.vavr.control.Option;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * One iterative {@code get_peers} lookup towards a target (BEP 5, after Kademlia): keep the nodes
 * heard of ordered by XOR distance to the target, ask the closest unasked ones, α at a time, and
 * stop when the k closest nodes seen have all answered. Peers go to the consumer as answers bring
 * them.
 *
 * <p>Bootstrap nodes have no known id, so they wait in a queue of their own: they are asked, in
 * the order given, whenever the lookup has no closer candidate to try (at the start, or after every
 * lead failed). A node that answers takes its place among the candidates by the id it gave.
 *
 * <p>Against hostile or broken nodes: every address is asked at most once, candidates are
 * deduplicated by address and by id, one answer adds at most {@code maxNodesPerReply} contacts,
 * the candidate set is capped, and the total number of queries is bounded.
 *
 * <p>Thread-safe: answers arrive on any thread. State is guarded by this object's monitor; queries
 * are sent and peers handed over outside it.
 */
public final class GetPeersLookup {
    /** A query about to be sent: to a candidate, or to a bootstrap node (no candidate yet). */
    private record Ask(InetSocketAddress node, Candidates.Candidate candidate) {}

    private final NodeId target;
    private final LookupLimits limits;
    private final GetPeersClient client;
    private final Consumer<List<Peer>> peers;
    private final Candidates candidates;
    private final ArrayDeque<InetSocketAddress> bootstrap = new ArrayDeque<>();
    private final CompletableFuture<LookupEnd> end = new CompletableFuture<>();
    private boolean moreBootstrapComing = true;
    private int inFlight;
    private int queries;
    private boolean done;
    private boolean pumping;

    /**
     * @param self  our node id (contacts claiming it are ignored)
     * @param peers receives the peers of each answer, as they come (possibly repeated across answers)
     */
    public GetPeersLookup(
            NodeId self, NodeId target, LookupLimits limits, GetPeersClient client, Consumer<List<Peer>> peers) {
        this.target = Objects.requireNonNull(target, "target");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.client = Objects.requireNonNull(client, "client");
        this.peers = Objects.requireNonNull(peers, "peers");
        this.candidates = new Candidates(Objects.requireNonNull(self, "self"), target, limits);
    }

    /** Completes when the lookup stops asking; never exceptionally. */
    public CompletableFuture<LookupEnd> end() {
        return end;
    }

    /** Nodes known to be good (from a routing table) become candidates, by their distance. */
    public void addKnown(List<NodeContact> nodes) {
        synchronized (this) {
            candidates.learn(nodes, nodes.size());
        }
        pump();
    }

    /** Nodes to start from, tried in this order when no closer candidate is left. */
    public void addBootstrap(List<InetSocketAddress> nodes) {
        synchronized (this) {
            for (InetSocketAddress node : nodes) {
                if (limits.families().contains(AddressFamily.of(node.getAddress())) && node.getPort() != 0) {
                    bootstrap.add(node);
                }
            }
        }
        pump();
    }

    /** No more bootstrap nodes will come: once nothing is left to ask, the lookup may end. */
    public void bootstrapComplete() {
        synchronized (this) {
            moreBootstrapComing = false;
        }
        pump();
    }

    /** Ends the lookup now (the deadline); answers still on their way are ignored. */
    public void stop() {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
        }
        end.complete(LookupEnd.STOPPED);
    }

    /** Queries sent so far. */
    public synchronized int queries() {
        return queries;
    }

    /**
     * The lookup's result in Kademlia's sense: the k closest nodes that answered, closest first,
     * each with the write token it gave (what an {@code announce_peer} would need; we never send one).
     */
    public synchronized List<AnsweredNode> closestAnswered() {
        return candidates.closestAnswered();
    }

    /** A node that answered, and its token for the target. */
    public record AnsweredNode(NodeContact contact, Option<BBytes> token) {}

    /**
     * Sends what may be sent and ends the lookup when nothing more will be. One thread pumps at a
     * time and picks again after each batch, so a change made meanwhile (a reply on another thread,
     * or one that completed at once on this thread) is never missed, and the stack never grows with
     * the number of queries.
     */
    private void pump() {
        synchronized (this) {
            if (pumping) {
                return;
            }
            pumping = true;
        }
        LookupEnd ended = null;
        while (true) {
            List<Ask> batch;
            synchronized (this) {
                batch = pickLocked();
                if (batch.isEmpty()) {
                    ended = endingLocked();
                    if (ended != null) {
                        done = true;
                    }
                    pumping = false;
                    break;
                }
            }
            batch.forEach(this::send);
        }
        if (ended != null) {
            end.complete(ended);
        }
    }

    private void send(Ask ask) {
        CompletionStage<Option<Answer>> reply;
        try {
            reply = client.getPeers(ask.node(), target);
        } catch (RuntimeException e) {
            // The client promises not to throw; if it does, that node failed, not the whole lookup.
            reply = CompletableFuture.completedFuture(Option.none());
        }
        reply.whenComplete((answer, error) -> onReply(ask, error == null && answer != null ? answer : Option.none()));
    }

    private void onReply(Ask ask, Option<Answer> reply) {
        List<Peer> found = List.of();
        synchronized (this) {
            if (done) {
                return;
            }
            inFlight--;
            if (reply.isEmpty()) {
                if (ask.candidate() != null) {
                    ask.candidate().failed();
                }
            } else {
                Answer answer = reply.get();
                if (ask.candidate() != null) {
                    ask.candidate().answered(answer.token());
                } else {
                    candidates.placeAnsweredBootstrapNode(ask.node(), answer);
                }
                candidates.learn(answer.nodes(), limits.maxNodesPerReply());
                found = answer.peers().stream().filter(this::isUsable).toList();
            }
        }
        if (!found.isEmpty()) {
            peers.accept(found);
        }
        pump();
    }

    /** Under the monitor: the queries to send now, already counted as in flight. */
    private List<Ask> pickLocked() {
        List<Ask> batch = new ArrayList<>();
        if (done || candidates.converged()) {
            return batch;
        }
        while (inFlight < limits.alpha() && queries < limits.maxQueries()) {
            Candidates.Candidate next = candidates.takeClosestFresh();
            Ask ask;
            if (next != null) {
                ask = new Ask(next.contact.address(), next);
            } else {
                InetSocketAddress node = nextBootstrapNode();
                if (node == null) {
                    break;
                }
                ask = new Ask(node, null);
            }
            candidates.asking(ask.node());
            inFlight++;
            queries++;
            batch.add(ask);
        }
        return batch;
    }

    /** Under the monitor, with nothing to send: how the lookup ends, or null to keep waiting. */
    private LookupEnd endingLocked() {
        if (done) {
            return null;
        }
        if (candidates.converged()) {
            return LookupEnd.CONVERGED;
        }
        if (inFlight > 0) {
            return null;
        }
        if (queries >= limits.maxQueries()) {
            return LookupEnd.BUDGET_SPENT;
        }
        return moreBootstrapComing ? null : LookupEnd.EXHAUSTED;
    }

    private InetSocketAddress nextBootstrapNode() {
        while (!bootstrap.isEmpty()) {
            InetSocketAddress node = bootstrap.poll();
            if (candidates.isNew(node)) {
                return node;
            }
        }
        return null;
    }

    private boolean isUsable(Peer peer) {
        return candidates.isReachable(peer.address());
    }
}
