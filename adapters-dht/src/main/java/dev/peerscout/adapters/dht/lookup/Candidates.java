package dev.peerscout.adapters.dht.lookup;

import dev.peerscout.adapters.dht.krpc.Answer;
import dev.peerscout.adapters.dht.krpc.NodeContact;
import dev.peerscout.adapters.dht.krpc.NodeId;
import dev.peerscout.adapters.dht.lookup.GetPeersLookup.AnsweredNode;
import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.domain.model.AddressFamily;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The nodes one lookup has heard of, ordered by XOR distance to its target, each with how far it
 * got (fresh, asked, answered, failed). Deduplicated by address and by id, every address asked at
 * most once, the unasked ones capped. Not thread-safe: its lookup's monitor guards it.
 */
final class Candidates {
    private enum State {
        FRESH,
        ASKED,
        ANSWERED,
        FAILED
    }

    /** A node heard of; the lookup marks how its query ended. */
    static final class Candidate {
        final NodeContact contact;
        private State state = State.FRESH;
        private Option<BBytes> token = Option.none();

        private Candidate(NodeContact contact) {
            this.contact = contact;
        }

        void answered(Option<BBytes> writeToken) {
            state = State.ANSWERED;
            token = writeToken;
        }

        void failed() {
            state = State.FAILED;
        }
    }

    private final NodeId self;
    private final NodeId target;
    private final LookupLimits limits;
    private final TreeMap<NodeId, Candidate> byDistance;
    private final Map<InetSocketAddress, Candidate> byAddress = new HashMap<>();
    private final Set<InetSocketAddress> asked = new HashSet<>();
    private int fresh;

    Candidates(NodeId self, NodeId target, LookupLimits limits) {
        this.self = self;
        this.target = target;
        this.limits = limits;
        this.byDistance = new TreeMap<>(target::compareDistance);
    }

    /** {@code node} is being asked: it is never asked again, nor taken as a candidate later. */
    void asking(InetSocketAddress node) {
        asked.add(node);
    }

    /** Neither asked yet nor a candidate (a bootstrap node already met under its id is not new). */
    boolean isNew(InetSocketAddress node) {
        return !asked.contains(node) && !byAddress.containsKey(node);
    }

    /**
     * The closest unasked candidate that is nearer than the k-th closest answered one, now marked
     * asked; null if there is none.
     */
    Candidate takeClosestFresh() {
        int answered = 0;
        for (Candidate candidate : byDistance.values()) {
            if (candidate.state == State.FRESH) {
                candidate.state = State.ASKED;
                fresh--;
                return candidate;
            }
            if (candidate.state == State.ANSWERED && ++answered == limits.k()) {
                return null;
            }
        }
        return null;
    }

    /** True when the k closest candidates that have not failed have all answered. */
    boolean converged() {
        int answered = 0;
        for (Candidate candidate : byDistance.values()) {
            if (candidate.state == State.FRESH || candidate.state == State.ASKED) {
                return false;
            }
            if (candidate.state == State.ANSWERED && ++answered == limits.k()) {
                return true;
            }
        }
        return false;
    }

    /** The k closest nodes that answered, closest first, with their tokens. */
    List<AnsweredNode> closestAnswered() {
        List<AnsweredNode> closest = new ArrayList<>();
        for (Candidate candidate : byDistance.values()) {
            if (closest.size() == limits.k()) {
                break;
            }
            if (candidate.state == State.ANSWERED) {
                closest.add(new AnsweredNode(candidate.contact, candidate.token));
            }
        }
        return closest;
    }

    /** A bootstrap node answered: now that its id is known, it counts among the nodes seen. */
    void placeAnsweredBootstrapNode(InetSocketAddress node, Answer answer) {
        NodeId id = answer.responder();
        if (!id.equals(self) && !byDistance.containsKey(id) && !byAddress.containsKey(node)) {
            Candidate candidate = new Candidate(new NodeContact(id, node));
            candidate.answered(answer.token());
            byDistance.put(id, candidate);
            byAddress.put(node, candidate);
        }
    }

    /** Takes up to {@code max} of the new, usable contacts, closest first. */
    void learn(List<NodeContact> contacts, int max) {
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
            if (!byDistance.containsKey(contact.id()) && !byAddress.containsKey(contact.address())) {
                Candidate candidate = new Candidate(contact);
                byDistance.put(contact.id(), candidate);
                byAddress.put(contact.address(), candidate);
                fresh++;
                taken++;
            }
        }
        dropFarthestFresh();
    }

    /** Of a family we use, and an address one can send to (not 0.0.0.0, ::, or multicast). */
    boolean isReachable(InetAddress address) {
        return limits.families().contains(AddressFamily.of(address))
                && !address.isAnyLocalAddress()
                && !address.isMulticastAddress();
    }

    private boolean isUsable(NodeContact contact) {
        return contact.address().getPort() != 0
                && isReachable(contact.address().getAddress())
                && !contact.id().equals(self)
                && !asked.contains(contact.address())
                && !byAddress.containsKey(contact.address())
                && !byDistance.containsKey(contact.id());
    }

    /**
     * Keeps the unasked candidates bounded by dropping the farthest. Nodes already asked stay (there
     * are at most {@code maxQueries} of them), so none is ever asked twice.
     */
    private void dropFarthestFresh() {
        Iterator<Candidate> farthestFirst = byDistance.descendingMap().values().iterator();
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
