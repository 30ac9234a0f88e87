package dev.peerscout.adapters.dht.lookup;

import dev.peerscout.adapters.dht.krpc.Answer;
import dev.peerscout.adapters.dht.krpc.NodeContact;
import dev.peerscout.adapters.dht.krpc.NodeId;
import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.Peer;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
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
public final class Lookup {
    private enum State { FRESH, ASKED, ANSWERED, FAILED }

    private static final class Candidate {
        final NodeContact contact;
        State state = State.FRESH;
        Option<BBytes> token = Option.none();

        Candidate(NodeContact contact) {
            this.contact = contact;
        }
    }

    /** A query about to be sent: to a candidate, or to a bootstrap node (no candidate yet). */
    private record Ask(InetSocketAddress node, Candidate candidate) {}

    private final NodeId self;
    private final NodeId target;
    private final LookupLimits limits;
    private final GetPeersClient client;
    private final Consumer<List<Peer>> peers;
    private final TreeMap<NodeId, Candidate> candidates;
    private final Map<InetSocketAddress, Candidate> byAddress = new HashMap<>();
    private final Set<InetSocketAddress> asked = new HashSet<>();
    private final ArrayDeque<InetSocketAddress> bootstrap = new ArrayDeque<>();
    private final CompletableFuture<LookupEnd> end = new CompletableFuture<>();
    private boolean moreBootstrapComing = true;
    private int inFlight;
    private int queries;
    private int fresh;
    private boolean done;
    private boolean pumping;

    /**
     * @param self  our node id (contacts claiming it are ignored)
     * @param peers receives the peers of each answer, as they come (possibly repeated across answers)
     */
    public Lookup(NodeId self, NodeId target, LookupLimits limits, GetPeersClient client, Consumer<List<Peer>> peers) {
        this.self = Objects.requireNonNull(self, "self");
        this.target = Objects.requireNonNull(target, "target");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.client = Objects.requireNonNull(client, "client");
        this.peers = Objects.requireNonNull(peers, "peers");
        this.candidates = new TreeMap<>(target::compareDistance);
    }

    /** Completes when the lookup stops asking; never exceptionally. */
    public CompletableFuture<LookupEnd> end() {
        return end;
    }

    /** Nodes known to be good (from a routing table) become candidates, by their distance. */
    public void addKnown(List<NodeContact> nodes) {
        synchronized (this) {
            learn(nodes, nodes.size());
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
        List<AnsweredNode> closest = new ArrayList<>();
        for (Candidate candidate : candidates.values()) {
            if (closest.size() == limits.k()) {
                break;
            }
            if (candidate.state == State.ANSWERED) {
                closest.add(new AnsweredNode(candidate.contact, candidate.token));
            }
        }
        return closest;
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
                batch = pick();
                if (batch.isEmpty()) {
                    ended = ending();
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
                    ask.candidate().state = State.FAILED;
                }
            } else {
                Answer answer = reply.get();
                if (ask.candidate() != null) {
                    ask.candidate().state = State.ANSWERED;
                    ask.candidate().token = answer.token();
                } else {
                    placeAnsweredBootstrapNode(ask.node(), answer);
                }
                learn(answer.nodes(), limits.maxNodesPerReply());
                found = answer.peers().stream().filter(this::isUsable).toList();
            }
        }
        if (!found.isEmpty()) {
            peers.accept(found);
        }
        pump();
    }

    /** Under the monitor: the queries to send now, already counted as in flight. */
    private List<Ask> pick() {
        List<Ask> batch = new ArrayList<>();
        if (done || converged()) {
            return batch;
        }
        while (inFlight < limits.alpha() && queries < limits.maxQueries()) {
            Candidate next = closestFresh();
            Ask ask;
            if (next != null) {
                next.state = State.ASKED;
                fresh--;
                ask = new Ask(next.contact.address(), next);
            } else {
                InetSocketAddress node = nextBootstrapNode();
                if (node == null) {
                    break;
                }
                ask = new Ask(node, null);
            }
            asked.add(ask.node());
            inFlight++;
            queries++;
            batch.add(ask);
        }
        return batch;
    }

    /** Under the monitor, with nothing to send: how the lookup ends, or null to keep waiting. */
    private LookupEnd ending() {
        if (done) {
            return null;
        }
        if (converged()) {
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

    /** True when the k closest candidates that have not failed have all answered. */
    private boolean converged() {
        int answered = 0;
        for (Candidate candidate : candidates.values()) {
            if (candidate.state == State.FRESH || candidate.state == State.ASKED) {
                return false;
            }
            if (candidate.state == State.ANSWERED && ++answered == limits.k()) {
                return true;
            }
        }
        return false;
    }

    /** The closest unasked candidate that is nearer than the k-th closest answered one, if any. */
    private Candidate closestFresh() {
        int answered = 0;
        for (Candidate candidate : candidates.values()) {
            if (candidate.state == State.FRESH) {
                return candidate;
            }
            if (candidate.state == State.ANSWERED && ++answered == limits.k()) {
                return null;
            }
        }
        return null;
    }

    private InetSocketAddress nextBootstrapNode() {
        while (!bootstrap.isEmpty()) {
            InetSocketAddress node = bootstrap.poll();
            if (!asked.contains(node) && !byAddress.containsKey(node)) {
                return node;
            }
        }
        return null;
    }

    /** A bootstrap node answered: now that its id is known, it counts among the nodes seen. */
    private void placeAnsweredBootstrapNode(InetSocketAddress node, Answer answer) {
        NodeId id = answer.responder();
        if (!id.equals(self) && !candidates.containsKey(id) && !byAddress.containsKey(node)) {
            Candidate candidate = new Candidate(new NodeContact(id, node));
            candidate.state = State.ANSWERED;
            candidate.token = answer.token();
            candidates.put(id, candidate);
            byAddress.put(node, candidate);
        }
    }

    /** Takes up to {@code max} of the new, usable contacts, closest first. */
    private void learn(List<NodeContact> contacts, int max) {
        List<NodeContact> usable = new ArrayList<>();
        for (NodeContact contact : contacts) {
            if (isUsable(contact)) {
                usable.add(contact);
            }
        }
        usable.sort((a, b) -> target.compareDistance(a.id(), b.id()));
        int taken = 0;
        for (NodeContact contact : usable) {
            if (taken == max) {
                break;
            }
            // Checked again: the same node may appear twice in one answer.
            if (!candidates.containsKey(contact.id()) && !byAddress.containsKey(contact.address())) {
                Candidate candidate = new Candidate(contact);
                candidates.put(contact.id(), candidate);
                byAddress.put(contact.address(), candidate);
                fresh++;
                taken++;
            }
        }
        dropFarthestFresh();
    }

    private boolean isUsable(NodeContact contact) {
        return contact.address().getPort() != 0
                && isReachable(contact.address().getAddress())
                && !contact.id().equals(self)
                && !asked.contains(contact.address())
                && !byAddress.containsKey(contact.address())
                && !candidates.containsKey(contact.id());
    }

    private boolean isUsable(Peer peer) {
        return isReachable(peer.address());
    }

    /** Of a family we use, and an address one can send to (not 0.0.0.0, ::, or multicast). */
    private boolean isReachable(InetAddress address) {
        return limits.families().contains(AddressFamily.of(address))
                && !address.isAnyLocalAddress()
                && !address.isMulticastAddress();
    }

    /**
     * Keeps the unasked candidates bounded by dropping the farthest. Nodes already asked stay (there
     * are at most {@code maxQueries} of them), so none is ever asked twice.
     */
    private void dropFarthestFresh() {
        Iterator<Candidate> farthestFirst = candidates.descendingMap().values().iterator();
        while (fresh > limits.maxCandidates() && farthestFirst.hasNext()) {
            Candidate candidate = farthestFirst.next();
            if (candidate.state == State.FRESH) {
                farthestFirst.remove();
                byAddress.remove(candidate.contact.address());
                fresh--;
            }
        }
    }
}
