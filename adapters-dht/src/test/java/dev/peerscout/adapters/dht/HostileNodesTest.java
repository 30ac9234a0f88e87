package dev.peerscout.adapters.dht;

import static dev.peerscout.adapters.dht.FakeNodes.answering;
import static dev.peerscout.adapters.dht.FakeNodes.bytes;
import static dev.peerscout.adapters.dht.FakeNodes.raw;
import static dev.peerscout.adapters.dht.FakeNodes.response;
import static dev.peerscout.adapters.dht.FakeNodes.silent;
import static dev.peerscout.adapters.dht.Harness.peer;
import static dev.peerscout.adapters.dht.Harness.run;
import static dev.peerscout.adapters.dht.lookup.LookupIds.atDistance;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.adapters.dht.FakeNodes.FakeNode;
import dev.peerscout.adapters.dht.krpc.Answer;
import dev.peerscout.adapters.dht.krpc.CompactInfo;
import dev.peerscout.adapters.dht.krpc.Krpc;
import dev.peerscout.adapters.dht.krpc.NodeContact;
import dev.peerscout.adapters.dht.krpc.NodeId;
import dev.peerscout.adapters.dht.krpc.Query;
import dev.peerscout.adapters.dht.krpc.TransactionId;
import dev.peerscout.bencode.BValue;
import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.port.PeerSource.Summary;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Nodes that lie, flood, misaddress or garble their answers. Each must cost the lookup at most a
 * timeout, never a crash, an endless lookup or a forged peer. All on 127.0.0.1.
 */
class HostileNodesTest {
    private static final Peer FORGED = peer("203.0.113.66", 666);
    private static final Peer REAL = peer("192.0.2.1", 6881);

    private final Harness harness = new Harness();
    private final InfoHash swarm = anyInfoHash();
    private final NodeId target = NodeId.of(swarm);

    HostileNodesTest() throws Exception {}

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aReplyWithTheWrongTransactionIdIsIgnored() throws Exception {
        FakeNode node = harness.nodes.start(raw(query -> Krpc.response(
                TransactionId.ascii("zz"),
                new Answer(harness.nodes.randomId(), List.of(), List.of(FORGED), Option.none()))));

        Harness.Run run = run(harness.source(), harness.search(swarm, node));

        assertEquals(new Summary("dht", 1, 0, 0, Option.none(), 3), run.await()); // a bootstrap node's three tries
        assertTrue(run.found().isEmpty());
    }

    @Test
    void aReplyFromAnotherPortIsIgnored() throws Exception {
        FakeNode accomplice = harness.nodes.start(silent());
        FakeNode node = harness.nodes.start((self, query) -> accomplice.send(
                response(
                        query.transaction(),
                        self.id,
                        "values",
                        new BValue.BList(List.of(BBytes.of(CompactInfo.encodePeer(FORGED))))),
                query.from()));

        Harness.Run run = run(harness.source(), harness.search(swarm, node));

        assertEquals(new Summary("dht", 1, 0, 0, Option.none(), 3), run.await()); // a bootstrap node's three tries
        assertTrue(run.found().isEmpty());
    }

    @Test
    void aForgeryDoesNotSpoilTheRealAnswerThatFollows() throws Exception {
        FakeNode accomplice = harness.nodes.start(silent());
        FakeNode node = harness.nodes.start((self, query) -> {
            accomplice.send(
                    Krpc.response(query.transaction(), new Answer(self.id, List.of(), List.of(FORGED), Option.none())),
                    query.from());
            self.send(
                    Krpc.response(
                            TransactionId.ascii("no"), new Answer(self.id, List.of(), List.of(FORGED), Option.none())),
                    query.from());
            self.answer(query, new Answer(self.id, List.of(), List.of(REAL), Option.none()));
        });

        Harness.Run run = run(harness.source(), harness.search(swarm, node));

        assertEquals(new Summary("dht", 1, 1, 1, Option.none()), run.await());
        assertEquals(List.of(REAL), run.found());
    }

    @Test
    void anErrorReplyEndsThatQueryOnly() throws Exception {
        FakeNode refusing = harness.nodes.start(raw(query -> Krpc.error(query.transaction(), 202, "Server Error")));
        FakeNode good = harness.nodes.start(answering(List.of(), List.of(REAL)));

        DhtPeerSource source = harness.source(Harness.loopbackConfig().withQueryTimeout(Duration.ofSeconds(60)));
        long started = System.nanoTime();
        Harness.Run run = run(source, harness.search(swarm, refusing, good));

        assertEquals(new Summary("dht", 2, 1, 1, Option.none(), 2), run.await()); // a refusal is not asked again
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "an error needs no timeout");
    }

    @Test
    void garbageAndQueriesSentToUsAreIgnored() throws Exception {
        FakeNode accomplice = harness.nodes.start(silent());
        FakeNode node = harness.nodes.start((self, query) -> {
            self.send("hello".getBytes(StandardCharsets.US_ASCII), query.from());
            self.send(new byte[0], query.from());
            self.send(Krpc.query(TransactionId.ascii("pi"), self.id, new Query.Ping(), false), query.from());
        });

        Harness.Run run = run(harness.source(), harness.search(swarm, node));

        assertEquals(new Summary("dht", 1, 0, 0, Option.none(), 3), run.await()); // a bootstrap node's three tries
        assertEquals(0, accomplice.received.size());
        assertTrue(
                node.received.stream().allMatch(query -> query.method().equals("get_peers")),
                "we answered no ping (read-only): " + node.received);
    }

    @Test
    void aNodesStringOfRaggedLengthStillGivesItsWholeEntries() throws Exception {
        FakeNode a = harness.nodes.start(atDistance(target, 1), answering(List.of(), List.of(REAL)));
        FakeNode b = harness.nodes.start(atDistance(target, 2), answering(List.of(), List.of(REAL)));
        byte[] compact = CompactInfo.encodeNodes(List.of(a.contact(), b.contact()));
        byte[] ragged = Arrays.copyOf(compact, compact.length + 5);
        FakeNode entry = harness.nodes.start(
                raw(query -> response(query.transaction(), harness.nodes.randomId(), "nodes", bytes(ragged))));

        Harness.Run run = run(harness.source(), harness.search(swarm, entry));

        assertEquals(new Summary("dht", 3, 3, 1, Option.none()), run.await());
    }

    @Test
    void endlessReferralsEndAtTheQueryBudget() throws Exception {
        // 80 nodes on loopback; each answer names two not named before, closer to the target than any before.
        List<FakeNode> pool = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            pool.add(harness.nodes.start(silent()));
        }
        AtomicLong distance = new AtomicLong(1L << 40);
        AtomicInteger handedOut = new AtomicInteger(1);
        FakeNodes.Behaviour referring = (self, query) -> {
            List<NodeContact> closer = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                FakeNode next = pool.get(handedOut.getAndIncrement() % pool.size());
                closer.add(new NodeContact(atDistance(target, distance.decrementAndGet()), next.address()));
            }
            self.answer(query, new Answer(self.id, closer, List.of(), Option.none()));
        };
        pool.forEach(node -> node.behaviour = referring);
        DhtPeerSource source = harness.source(Harness.loopbackConfig().withMaxNodesQueried(25));
        long started = System.nanoTime();

        Summary summary = run(
                        source,
                        harness.search(
                                List.of(swarm),
                                List.of(new HostPort("127.0.0.1", pool.get(0).port())),
                                Duration.ofSeconds(30),
                                EnumSet.of(AddressFamily.IPV4)))
                .await();

        assertEquals(25, summary.nodesQueried());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "ended long before the deadline");
        for (FakeNode node : pool) {
            assertTrue(node.received.size() <= 1, "every address is asked once at most");
        }
    }

    @Test
    void aNodeNamingItselfUnderEverCloserIdsIsAskedOnce() throws Exception {
        AtomicLong distance = new AtomicLong(1000);
        FakeNode node = harness.nodes.start((self, query) -> self.answer(
                query,
                new Answer(
                        self.id,
                        List.of(new NodeContact(atDistance(target, distance.decrementAndGet()), self.address())),
                        List.of(),
                        Option.none())));

        Summary summary = run(harness.source(), harness.search(swarm, node)).await();

        assertEquals(new Summary("dht", 1, 1, 0, Option.none()), summary);
        assertEquals(1, node.received.size());
    }

    @Test
    void aHugeAnswerIsCappedAndHarmless() throws Exception {
        FakeNode sink = harness.nodes.start(silent());
        FakeNode flooder = harness.nodes.start((self, query) -> {
            // ~64 KB: 1,500 contacts (all pointing at one silent node) and 1,500 peers.
            ByteArrayOutputStream nodes = new ByteArrayOutputStream();
            for (int i = 0; i < 1_500; i++) {
                nodes.writeBytes(
                        CompactInfo.encodeNodes(List.of(new NodeContact(atDistance(target, i + 1), sink.address()))));
            }
            List<BValue> values = new ArrayList<>();
            for (int i = 0; i < 1_500; i++) {
                values.add(BBytes.of(CompactInfo.encodePeer(peer("10.9." + i / 250 + "." + i % 250, 1 + i))));
            }
            byte[] datagram = response(
                    query.transaction(),
                    self.id,
                    "nodes",
                    bytes(nodes.toByteArray()),
                    "values",
                    new BValue.BList(values));
            assertTrue(datagram.length > 50_000 && datagram.length < 65_507, "size " + datagram.length);
            self.send(datagram, query.from());
        });

        Harness.Run run = run(harness.source(), harness.search(swarm, flooder));

        assertEquals(new Summary("dht", 2, 1, Krpc.MAX_PEERS, Option.none(), 3), run.await());
        assertEquals(2, sink.received.size(), "the one contact kept, asked and asked again");
    }

    @Test
    void aNodeThatNeverAnswersCostsOnlyItsOwnTries() throws Exception {
        FakeNode mute = harness.nodes.start(silent());
        FakeNode good = harness.nodes.start(answering(List.of(), List.of(REAL)));

        Harness.Run run = run(harness.source(), harness.search(swarm, mute, good));

        assertEquals(new Summary("dht", 2, 1, 1, Option.none(), 4), run.await());
    }

    @Test
    void contactsWithPortZeroOrOurOwnIdAreNeverAsked() throws Exception {
        DhtPeerSource source = harness.source();
        FakeNode decoy = harness.nodes.start(silent());
        byte[] portZero = CompactInfo.encodeNodes(List.of(new NodeContact(
                atDistance(target, 1), new InetSocketAddress(decoy.address().getAddress(), 1))));
        portZero[portZero.length - 1] = 0;
        FakeNode node = harness.nodes.start((self, query) -> self.send(
                response(
                        query.transaction(),
                        self.id,
                        "nodes",
                        bytes(concat(
                                portZero,
                                CompactInfo.encodeNodes(List.of(new NodeContact(source.nodeId(), decoy.address())))))),
                query.from()));

        Summary summary = run(source, harness.search(swarm, node)).await();

        assertEquals(new Summary("dht", 1, 1, 0, Option.none()), summary);
        assertEquals(0, decoy.received.size());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
