package dev.peerscout.adapters.dht.lookup;

import static dev.peerscout.adapters.dht.lookup.LookupIds.answer;
import static dev.peerscout.adapters.dht.lookup.LookupIds.atDistance;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.adapters.dht.krpc.Answer;
import dev.peerscout.adapters.dht.krpc.NodeContact;
import dev.peerscout.adapters.dht.krpc.NodeId;
import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.Peer;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GetPeersLookupTest {
    private static final NodeId SELF = NodeId.fromHex("ffffffffffffffffffffffffffffffffffffffff");
    private static final LookupLimits LIMITS = new LookupLimits(3, 8, 300, 16, 256, Set.of(AddressFamily.IPV4));

    private final LookupIds ids = new LookupIds();
    private final List<Peer> found = new ArrayList<>();

    @Test
    void convergesOnTheClosestNodesAndFindsTheAnnouncedPeer() throws Exception {
        SimulatedDht dht = new SimulatedDht(2000, 1);
        for (int round = 0; round < 10; round++) {
            NodeId target = ids.randomId();
            Peer peer = new Peer(InetAddress.getByName("192.0.2." + (round + 1)), 6881);
            dht.announce(target, peer);
            dht.asked.clear();
            found.clear();

            GetPeersLookup lookup = start(target, dht, dht.nodes.get(round).address());

            assertEquals(LookupEnd.CONVERGED, lookup.end().getNow(null));
            assertTrue(found.contains(peer), "round " + round);
            List<InetSocketAddress> closest = SimulatedDht.closest(dht.nodes, target, 8).stream()
                    .map(NodeContact::address)
                    .toList();
            assertTrue(dht.asked.containsAll(closest), "the true 8 closest nodes were asked");
            assertEquals(
                    closest,
                    lookup.closestAnswered().stream()
                            .map(node -> node.contact().address())
                            .toList());
            assertEquals(new HashSet<>(dht.asked).size(), dht.asked.size(), "no node asked twice");
            assertTrue(lookup.queries() < 100, "took " + lookup.queries() + " queries");
        }
    }

    @Test
    void keepsAlphaQueriesInFlight() {
        ManualClient client = new ManualClient();
        NodeId target = ids.randomId();
        GetPeersLookup lookup = new GetPeersLookup(SELF, target, LIMITS, client, found::addAll);
        lookup.addBootstrap(List.of(
                SimulatedDht.address(1), SimulatedDht.address(2), SimulatedDht.address(3), SimulatedDht.address(4)));
        assertEquals(3, client.inFlight().size());

        client.asked.get(0).answer(answer(ids.randomId(), ids.contacts(10, 100)));
        assertEquals(3, client.inFlight().size());
        assertEquals(4, client.asked.size());
        assertFalse(client.nodesAsked().contains(SimulatedDht.address(4)), "a referred node goes before bootstrap");
        assertFalse(lookup.end().isDone());
    }

    @Test
    void triesTheNextBootstrapNodeWhenTheFirstLeadsNowhere() {
        ManualClient client = new ManualClient();
        GetPeersLookup lookup = new GetPeersLookup(SELF, ids.randomId(), withAlpha(1), client, found::addAll);
        lookup.addBootstrap(List.of(SimulatedDht.address(1), SimulatedDht.address(2)));
        lookup.bootstrapComplete();
        client.last().fail();
        assertEquals(SimulatedDht.address(2), client.last().node());
        client.last().fail();
        assertEquals(LookupEnd.EXHAUSTED, lookup.end().getNow(null));
    }

    @Test
    void waitsForBootstrapNodesStillBeingResolved() {
        ManualClient client = new ManualClient();
        GetPeersLookup lookup = new GetPeersLookup(SELF, ids.randomId(), LIMITS, client, found::addAll);
        lookup.addKnown(List.of());
        assertFalse(lookup.end().isDone());
        lookup.addBootstrap(List.of(SimulatedDht.address(7)));
        client.last().fail();
        assertFalse(lookup.end().isDone(), "more bootstrap nodes may come");
        lookup.bootstrapComplete();
        assertEquals(LookupEnd.EXHAUSTED, lookup.end().getNow(null));
    }

    @Test
    void endlessReferralsEndAtTheQueryBudget() {
        NodeId target = ids.randomId();
        AtomicInteger fresh = new AtomicInteger(1000);
        Set<InetSocketAddress> asked = new HashSet<>();
        AtomicInteger queries = new AtomicInteger();
        // Every answer names 16 brand-new nodes, ever closer to the target.
        GetPeersClient endless = (node, t) -> {
            int n = queries.incrementAndGet();
            assertTrue(asked.add(node), "asked twice: " + node);
            List<NodeContact> closer = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                closer.add(new NodeContact(
                        atDistance(target, (1L << 40) - 16L * n - i), SimulatedDht.address(fresh.incrementAndGet())));
            }
            return CompletableFuture.completedFuture(Option.some(answer(ids.randomId(), closer)));
        };
        LookupLimits limits = new LookupLimits(3, 8, 3000, 16, 256, Set.of(AddressFamily.IPV4));
        GetPeersLookup lookup = new GetPeersLookup(SELF, target, limits, endless, found::addAll);
        lookup.addBootstrap(List.of(SimulatedDht.address(1)));
        lookup.bootstrapComplete();

        assertEquals(LookupEnd.BUDGET_SPENT, lookup.end().getNow(null), "after " + queries.get());
        assertEquals(3000, queries.get());
        assertEquals(3000, lookup.queries());
    }

    @Test
    void takesAtMostMaxNodesPerReplyFromOneAnswer() {
        ManualClient client = new ManualClient();
        GetPeersLookup lookup = start(ids.randomId(), client, SimulatedDht.address(1));
        client.last().answer(answer(ids.randomId(), ids.contacts(32, 100)));
        while (!client.inFlight().isEmpty()) {
            client.inFlight().get(0).fail();
        }
        assertEquals(LookupEnd.EXHAUSTED, lookup.end().getNow(null));
        assertEquals(1 + 16, client.asked.size());
    }

    @Test
    void aNodeReferredAgainAndAgainIsAskedOnce() {
        InetSocketAddress loop = SimulatedDht.address(9);
        NodeId target = ids.randomId();
        AtomicInteger n = new AtomicInteger();
        // The node keeps naming itself under ever closer ids.
        GetPeersClient selfReferral = (node, t) -> CompletableFuture.completedFuture(Option.some(answer(
                ids.randomId(),
                List.of(new NodeContact(ids.idSharingPrefix(target, Math.min(159, n.incrementAndGet() + 10)), loop)))));
        CountingClient counting = new CountingClient(selfReferral);
        GetPeersLookup lookup = new GetPeersLookup(SELF, target, LIMITS, counting, found::addAll);
        lookup.addBootstrap(List.of(loop));
        lookup.bootstrapComplete();
        assertEquals(LookupEnd.EXHAUSTED, lookup.end().getNow(null));
        assertEquals(1, counting.calls.get());
    }

    @Test
    void deadNodesDoNotCountTowardsConvergence() throws Exception {
        SimulatedDht dht = new SimulatedDht(1000, 3);
        NodeId target = ids.randomId();
        List<NodeContact> closest = SimulatedDht.closest(dht.nodes, target, 12);
        Set<InetSocketAddress> dead = new HashSet<>();
        closest.subList(0, 4).forEach(node -> dead.add(node.address()));
        Peer peer = new Peer(InetAddress.getByName("192.0.2.9"), 51413);
        dht.announce(target, peer);
        GetPeersClient someDead = (node, t) ->
                dead.contains(node) ? CompletableFuture.completedFuture(Option.none()) : dht.getPeers(node, t);

        GetPeersLookup lookup = start(target, someDead, dht.nodes.get(0).address());

        assertEquals(LookupEnd.CONVERGED, lookup.end().getNow(null));
        assertTrue(found.contains(peer), "nodes 5 to 8 still hold it");
        // Answers near the target are crowded with the dead nodes, so a live one may go unnamed.
        long asked = closest.subList(4, 12).stream()
                .filter(alive -> dht.asked.contains(alive.address()))
                .count();
        assertTrue(asked >= 6, "only " + asked + " of the 8 closest live nodes were asked");
    }

    @Test
    void ignoresContactsOfOtherFamiliesOurOwnIdAndUnusableAddresses() throws Exception {
        ManualClient client = new ManualClient();
        GetPeersLookup lookup = new GetPeersLookup(SELF, ids.randomId(), LIMITS, client, found::addAll);
        lookup.addBootstrap(
                List.of(SimulatedDht.address(1), new InetSocketAddress(InetAddress.getByName("::1"), 6881)));
        lookup.bootstrapComplete();
        assertEquals(1, client.asked.size(), "no IPv6 bootstrap node in an IPv4 lookup");
        client.last()
                .answer(new Answer(
                        ids.randomId(),
                        List.of(
                                new NodeContact(
                                        ids.randomId(), new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 1)),
                                new NodeContact(SELF, SimulatedDht.address(2)),
                                new NodeContact(
                                        ids.randomId(), new InetSocketAddress(InetAddress.getByName("0.0.0.0"), 1)),
                                new NodeContact(
                                        ids.randomId(), new InetSocketAddress(InetAddress.getByName("224.0.0.1"), 1))),
                        List.of(
                                new Peer(InetAddress.getByName("2001:db8::2"), 1),
                                        new Peer(InetAddress.getByName("10.0.0.1"), 2),
                                new Peer(InetAddress.getByName("0.0.0.0"), 3),
                                        new Peer(InetAddress.getByName("239.1.1.1"), 4)),
                        Option.none()));
        assertEquals(1, client.asked.size());
        assertEquals(List.of(new Peer(InetAddress.getByName("10.0.0.1"), 2)), found);
        assertEquals(LookupEnd.EXHAUSTED, lookup.end().getNow(null));
    }

    @Test
    void keepsTheTokenOfEachNodeThatAnswered() {
        ManualClient client = new ManualClient();
        GetPeersLookup lookup = start(ids.randomId(), client, SimulatedDht.address(1));
        NodeContact referred = ids.contacts(1, 50).get(0);
        client.last().answer(new Answer(ids.randomId(), List.of(referred), List.of(), Option.some(BBytes.ascii("t1"))));
        client.last().answer(new Answer(referred.id(), List.of(), List.of(), Option.some(BBytes.ascii("t2"))));

        assertEquals(LookupEnd.EXHAUSTED, lookup.end().getNow(null));
        assertEquals(
                Set.of(Option.some(BBytes.ascii("t1")), Option.some(BBytes.ascii("t2"))),
                Set.copyOf(lookup.closestAnswered().stream()
                        .map(GetPeersLookup.AnsweredNode::token)
                        .toList()));
    }

    @Test
    void stopEndsTheLookupAndLateAnswersAreIgnored() throws Exception {
        ManualClient client = new ManualClient();
        GetPeersLookup lookup = new GetPeersLookup(SELF, ids.randomId(), LIMITS, client, found::addAll);
        lookup.addBootstrap(List.of(SimulatedDht.address(1)));
        lookup.stop();
        assertEquals(LookupEnd.STOPPED, lookup.end().getNow(null));
        client.last()
                .answer(new Answer(
                        ids.randomId(),
                        ids.contacts(8, 50),
                        List.of(new Peer(InetAddress.getByName("10.0.0.1"), 2)),
                        Option.none()));
        assertTrue(found.isEmpty());
        assertEquals(1, client.asked.size());
    }

    @Test
    void startsFromKnownNodes() {
        SimulatedDht dht = new SimulatedDht(500, 5);
        NodeId target = ids.randomId();
        GetPeersLookup lookup = new GetPeersLookup(SELF, target, LIMITS, dht, found::addAll);
        lookup.addKnown(dht.nodes.subList(0, 3));
        lookup.bootstrapComplete();
        assertEquals(LookupEnd.CONVERGED, lookup.end().getNow(null));
        assertTrue(dht.asked.containsAll(SimulatedDht.closest(dht.nodes, target, 8).stream()
                .map(NodeContact::address)
                .toList()));
    }

    @Test
    void aLookupWithoutAnyNodeEndsAtOnce() {
        GetPeersLookup lookup = new GetPeersLookup(SELF, ids.randomId(), LIMITS, new ManualClient(), found::addAll);
        lookup.bootstrapComplete();
        assertEquals(LookupEnd.EXHAUSTED, lookup.end().getNow(null));
    }

    @Test
    void keepsOnlyTheClosestUnaskedCandidates() {
        ManualClient client = new ManualClient();
        NodeId target = ids.randomId();
        LookupLimits limits = new LookupLimits(1, 8, 300, 64, 10, Set.of(AddressFamily.IPV4));
        GetPeersLookup lookup = new GetPeersLookup(SELF, target, limits, client, found::addAll);
        lookup.addBootstrap(List.of(SimulatedDht.address(1)));
        lookup.bootstrapComplete();
        List<NodeContact> offered = ids.contacts(40, 100);
        client.last().answer(answer(ids.randomId(), offered));
        while (!client.inFlight().isEmpty()) {
            client.inFlight().get(0).fail();
        }
        List<InetSocketAddress> closestTen = SimulatedDht.closest(offered, target, 10).stream()
                .map(NodeContact::address)
                .toList();
        assertEquals(closestTen, client.nodesAsked().subList(1, client.asked.size()));
    }

    private GetPeersLookup start(NodeId target, GetPeersClient client, InetSocketAddress bootstrap) {
        GetPeersLookup lookup = new GetPeersLookup(SELF, target, LIMITS, client, found::addAll);
        lookup.addBootstrap(List.of(bootstrap));
        lookup.bootstrapComplete();
        return lookup;
    }

    private static LookupLimits withAlpha(int alpha) {
        return new LookupLimits(alpha, 8, 300, 16, 256, EnumSet.of(AddressFamily.IPV4));
    }
}
