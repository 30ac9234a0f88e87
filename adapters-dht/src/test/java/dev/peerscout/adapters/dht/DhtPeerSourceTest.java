package dev.peerscout.adapters.dht;

import static dev.peerscout.adapters.dht.FakeNodes.answering;
import static dev.peerscout.adapters.dht.FakeNodes.silent;
import static dev.peerscout.adapters.dht.Harness.peer;
import static dev.peerscout.adapters.dht.Harness.run;
import static dev.peerscout.adapters.dht.lookup.LookupIds.atDistance;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peerscout.adapters.dht.FakeNodes.FakeNode;
import dev.peerscout.adapters.dht.FakeNodes.ReceivedQuery;
import dev.peerscout.adapters.dht.krpc.NodeId;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.port.PeerSource.Summary;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The DHT client against well-behaved fake nodes on 127.0.0.1 (and ::1 where the machine has it). */
class DhtPeerSourceTest {
    private static final Peer P1 = peer("192.0.2.1", 6881);
    private static final Peer P2 = peer("192.0.2.2", 51413);

    private final Harness harness = new Harness();
    private final InfoHash swarm = anyInfoHash();
    private final NodeId target = NodeId.of(swarm);

    DhtPeerSourceTest() throws Exception {}

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void findsThePeersANodeHolds() throws Exception {
        FakeNode node = harness.nodes.start(answering(List.of(), List.of(P1, P2)));
        DhtPeerSource source = harness.source();

        Harness.Run run = run(source, harness.search(swarm, node));

        assertEquals(new Summary("dht", 1, 1, 2, Option.none()), run.await());
        assertEquals(List.of(P1, P2), run.found());
    }

    @Test
    void followsReferralsTowardsTheInfoHash() throws Exception {
        FakeNode holder = harness.nodes.start(atDistance(target, 1), answering(List.of(), List.of(P1)));
        FakeNode closer =
                harness.nodes.start(atDistance(target, 1000), answering(List.of(holder.contact()), List.of()));
        FakeNode entry = harness.nodes.start(answering(List.of(closer.contact()), List.of()));

        Harness.Run run = run(harness.source(), harness.search(swarm, entry));

        assertEquals(new Summary("dht", 3, 3, 1, Option.none()), run.await());
        assertEquals(List.of(P1), run.found());
    }

    @Test
    void asksReadOnlyGetPeersWithItsOwnIdAndNeverAnnounces() throws Exception {
        FakeNode holder = harness.nodes.start(atDistance(target, 1), answering(List.of(), List.of(P1)));
        FakeNode entry = harness.nodes.start(answering(List.of(holder.contact()), List.of()));
        DhtPeerSource source = harness.source();

        run(source, harness.search(swarm, entry)).await();

        for (FakeNode node : List.of(entry, holder)) {
            assertEquals(1, node.received.size());
            ReceivedQuery query = node.received.get(0);
            assertEquals("get_peers", query.method());
            assertEquals(target, query.target());
            assertEquals(source.nodeId(), query.sender());
            assertTrue(query.readOnly(), "BEP 43 ro=1");
        }
    }

    @Test
    void reportsEachPeerOnceAcrossNodesAndSwarms() throws Exception {
        InfoHash other = anyInfoHash();
        FakeNode second = harness.nodes.start(answering(List.of(), List.of(P2, P1)));
        FakeNode first = harness.nodes.start(answering(List.of(second.contact()), List.of(P1, P2)));

        // Both nodes answer: a query timeout far above a busy machine's delays keeps the count of
        // queries exact (the harness's 300 ms would let a slow answer be asked for again).
        DhtPeerSource patient = harness.source(Harness.loopbackConfig().withQueryTimeout(Duration.ofSeconds(2)));
        Harness.Run run = run(
                patient,
                harness.search(
                        List.of(swarm, other),
                        List.of(hostPort(first)),
                        Duration.ofSeconds(5),
                        EnumSet.of(AddressFamily.IPV4)));

        Summary summary = run.await();
        assertEquals(new Summary("dht", 2, 2, 2, Option.none(), 4), summary);
        assertEquals(Set.of(P1, P2), new HashSet<>(run.found()));
        assertEquals(2, run.found().size());
        assertEquals(
                Set.of(target, NodeId.of(other)),
                Set.copyOf(first.received.stream().map(ReceivedQuery::target).toList()),
                "one lookup per swarm");
    }

    @Test
    void endsAsSoonAsTheLookupsEndNotAtTheDeadline() throws Exception {
        FakeNode node = harness.nodes.start(answering(List.of(), List.of(P1)));
        long started = System.nanoTime();

        Harness.Run run = run(
                harness.source(),
                harness.search(
                        List.of(swarm),
                        List.of(hostPort(node)),
                        Duration.ofSeconds(60),
                        EnumSet.of(AddressFamily.IPV4)));

        run.await();
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(5).toNanos());
    }

    @Test
    void usesTheDefaultRoutersOnlyWhenTheSearchNamesNoBootstrapNode() throws Exception {
        FakeNode router = harness.nodes.start(answering(List.of(), List.of(P2)));
        FakeNode given = harness.nodes.start(answering(List.of(), List.of(P1)));
        DhtPeerSource source = harness.source(Harness.loopbackConfig().withDefaultRouters(List.of(hostPort(router))));

        Harness.Run withBootstrap = run(source, harness.search(swarm, given));
        assertEquals(1, withBootstrap.await().nodesQueried());
        assertEquals(List.of(P1), withBootstrap.found());
        assertEquals(0, router.received.size(), "the routers are not asked when the search names nodes");

        DhtPeerSource fresh = harness.source(Harness.loopbackConfig().withDefaultRouters(List.of(hostPort(router))));
        Harness.Run withoutBootstrap = run(fresh, harness.search(swarm));
        withoutBootstrap.await();
        assertEquals(List.of(P2), withoutBootstrap.found());
        assertEquals(1, router.received.size());
    }

    @Test
    void nodesThatAnsweredBeforeAreAStartingPointForTheNextSearch() throws Exception {
        FakeNode node = harness.nodes.start(answering(List.of(), List.of(P1)));
        DhtPeerSource source = harness.source();
        run(source, harness.search(swarm, node)).await();

        Harness.Run again = run(source, harness.search(anyInfoHash()));

        assertEquals(new Summary("dht", 1, 1, 1, Option.none()), again.await());
        assertEquals(2, node.received.size());
    }

    @Test
    void resolvesBootstrapHostNames() throws Exception {
        FakeNode node = harness.nodes.start(answering(List.of(), List.of(P1)));

        Harness.Run run = run(
                harness.source(),
                harness.search(
                        List.of(swarm),
                        List.of(new HostPort("nowhere.test", 6881), new HostPort("v4.test", node.port())),
                        Duration.ofSeconds(5),
                        EnumSet.of(AddressFamily.IPV4)));

        assertEquals(new Summary("dht", 1, 1, 1, Option.none()), run.await());
    }

    @Test
    void noBootstrapNodeThatResolvesIsAnError() throws Exception {
        Harness.Run run = run(
                harness.source(),
                harness.search(
                        List.of(swarm),
                        List.of(
                                new HostPort("nowhere.test", 6881),
                                new HostPort("v6.test", 6881),
                                new HostPort("127.0.0.1", 0)),
                        Duration.ofSeconds(5),
                        EnumSet.of(AddressFamily.IPV4)));

        assertEquals(
                Option.some("no DHT bootstrap node resolved: nowhere.test:6881 (unknown host), "
                        + "v6.test:6881 (no IPv4 address), 127.0.0.1:0 (port 0)"),
                run.await().error());
    }

    @Test
    void noBootstrapNodeAndNoDefaultRoutersIsAnError() throws Exception {
        Harness.Run run = run(harness.source(), harness.search(swarm));

        assertEquals(
                new Summary("dht", 0, 0, 0, Option.some("no DHT bootstrap node given and no default routers")),
                run.await());
    }

    @Test
    void noSwarmsOrAPastDeadlineMeanNothingToDo() throws Exception {
        DhtPeerSource source = harness.source();
        Summary nothing = new Summary("dht", 0, 0, 0, Option.none());
        assertEquals(
                nothing,
                run(source, harness.search(List.of(), List.of(), Duration.ofSeconds(5), EnumSet.of(AddressFamily.IPV4)))
                        .await());
        assertEquals(
                nothing,
                run(
                                source,
                                harness.search(
                                        List.of(swarm),
                                        List.of(new HostPort("127.0.0.1", 1)),
                                        Duration.ofSeconds(-1),
                                        EnumSet.of(AddressFamily.IPV4)))
                        .await());
        assertEquals(
                Option.some("no address family allowed"),
                run(
                                source,
                                harness.search(
                                        List.of(swarm),
                                        List.of(new HostPort("127.0.0.1", 1)),
                                        Duration.ofSeconds(5),
                                        Set.of()))
                        .await()
                        .error());
    }

    @Test
    void anIpv4SearchNeitherAsksIpv6NodesNorReportsIpv6Peers() throws Exception {
        assumeTrue(Harness.hasIpv6Loopback(), "this machine has no ::1");
        FakeNode v6 = harness.nodes.startIpv6(atDistance(target, 1), answering(List.of(), List.of(P2)));
        FakeNode v4 = harness.nodes.start(answering(List.of(v6.contact()), List.of(P1, peer("2001:db8::1", 1))));

        Harness.Run run = run(harness.source(), harness.search(swarm, v4));

        assertEquals(new Summary("dht", 1, 1, 1, Option.none()), run.await());
        assertEquals(0, v6.received.size());
    }

    @Test
    void aDualStackSearchFollowsNodes6AndReportsIpv6Peers() throws Exception {
        assumeTrue(Harness.hasIpv6Loopback(), "this machine has no ::1");
        Peer v6Peer = peer("2001:db8::1", 6881);
        FakeNode v6 = harness.nodes.startIpv6(atDistance(target, 1), answering(List.of(), List.of(v6Peer)));
        FakeNode v4 = harness.nodes.start(answering(List.of(v6.contact()), List.of(P1)));

        Harness.Run run = run(
                harness.source(),
                harness.search(
                        List.of(swarm),
                        List.of(hostPort(v4)),
                        Duration.ofSeconds(5),
                        EnumSet.allOf(AddressFamily.class)));

        assertEquals(new Summary("dht", 2, 2, 2, Option.none()), run.await());
        assertEquals(Set.of(P1, v6Peer), Set.copyOf(run.found()));
        assertTrue(v4.received.get(0).arguments().list("want").isPresent(), "BEP 32 want: n4, n6");
    }

    @Test
    void anIpv6OnlySearchStartsFromAnIpv6Node() throws Exception {
        assumeTrue(Harness.hasIpv6Loopback(), "this machine has no ::1");
        Peer v6Peer = peer("2001:db8::7", 6881);
        FakeNode v6 = harness.nodes.startIpv6(harness.nodes.randomId(), answering(List.of(), List.of(v6Peer, P1)));

        Harness.Run run = run(
                harness.source(),
                harness.search(
                        List.of(swarm),
                        List.of(new HostPort("::1", v6.port())),
                        Duration.ofSeconds(5),
                        EnumSet.of(AddressFamily.IPV6)));

        assertEquals(new Summary("dht", 1, 1, 1, Option.none()), run.await());
        assertEquals(List.of(v6Peer), run.found());
    }

    @Test
    void aFailingConsumerEndsTheSearchWithTheReason() throws Exception {
        FakeNode node = harness.nodes.start(answering(List.of(), List.of(P1, P2)));
        Summary summary = harness.source()
                .findPeers(harness.search(swarm, node), peer -> {
                    throw new IllegalStateException("bug");
                })
                .summary()
                .get();

        assertEquals("stopped: the peer consumer failed: bug", summary.error().get(), "no Java class name");
    }

    @Test
    void stoppingASearchCompletesItsSummaryAtOnceWithWhatItCounted() throws Exception {
        FakeNode node = harness.nodes.start(answering(List.of(), List.of(P1, P2)));
        PeerSource.Lookup lookup = harness.source().findPeers(harness.search(swarm, node), peer -> {});

        lookup.stop();

        assertTrue(lookup.summary().isDone(), "stop() ends the search on the spot");
        assertEquals(Option.none(), lookup.summary().get().error());
    }

    @Test
    void closingEndsRunningSearchesAndLaterOnesFail() throws Exception {
        FakeNode node = harness.nodes.start(silent());
        DhtPeerSource source = harness.source();
        Harness.Run running = run(
                source,
                harness.search(
                        List.of(swarm),
                        List.of(hostPort(node)),
                        Duration.ofSeconds(30),
                        EnumSet.of(AddressFamily.IPV4)));

        source.close();

        assertEquals(Option.some("DHT client closed"), running.await().error());
        assertEquals(
                Option.some("DHT client closed"),
                run(source, harness.search(swarm, node)).await().error());
    }

    private static HostPort hostPort(FakeNode node) {
        return new HostPort("127.0.0.1", node.port());
    }
}
