package dev.peerscout.adapters.dht.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.adapters.dht.krpc.Answer;
import dev.peerscout.adapters.dht.krpc.Krpc;
import dev.peerscout.adapters.dht.krpc.NodeId;
import dev.peerscout.adapters.dht.krpc.Query;
import dev.peerscout.adapters.dht.krpc.TransactionId;
import dev.peerscout.bencode.BValue.BDict;
import dev.peerscout.bencode.BencodeDecoder;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.testing.FakeScheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KrpcTransportTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private final FakeScheduler clock = new FakeScheduler();
    private final NodeId self = NodeId.random(new Random(1));
    private final KrpcTransport transport = new KrpcTransport(clock, new Random(2), self, LOOPBACK, addr("::1"));

    @AfterEach
    void close() {
        transport.close();
    }

    @Test
    void matchesTheReplyByTransactionIdAndSender() throws Exception {
        assertEquals(Either.right(Set.of(AddressFamily.IPV4)), transport.open(Set.of(AddressFamily.IPV4)));
        try (DatagramSocket node = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            node.setSoTimeout(5_000);
            CompletableFuture<QueryOutcome> reply = transport
                    .ask((InetSocketAddress) node.getLocalSocketAddress(), new Query.Ping(), Duration.ofSeconds(5))
                    .get();
            DatagramPacket query = new DatagramPacket(new byte[2048], 2048);
            node.receive(query);
            BDict message = (BDict) new BencodeDecoder(Krpc.MAX_DEPTH, 100)
                    .decode(query.getData(), 0, query.getLength())
                    .root()
                    .toValue();
            TransactionId transaction =
                    TransactionId.of(message.bytes("t").get().toBytes());
            NodeId nodeId = NodeId.random(new Random(3));

            node.send(packet(Krpc.response(TransactionId.ascii("other"), answer(nodeId)), query));
            node.send(packet(Krpc.response(transaction, answer(nodeId)), query));

            QueryOutcome.Answered answered =
                    assertInstanceOf(QueryOutcome.Answered.class, reply.get(5, TimeUnit.SECONDS));
            assertEquals(nodeId, answered.answer().responder());
            assertEquals(1, transport.ignoredDatagrams(), "the stray with the wrong id");
            assertEquals(0, clock.pendingTasks(), "the timeout was cancelled");
        }
    }

    @Test
    void noReplyWithinTheTimeoutIsNoReply() throws Exception {
        transport.open(Set.of(AddressFamily.IPV4));
        try (DatagramSocket node = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            CompletableFuture<QueryOutcome> reply = transport
                    .ask((InetSocketAddress) node.getLocalSocketAddress(), new Query.Ping(), Duration.ofSeconds(2))
                    .get();
            clock.advance(Duration.ofSeconds(2));
            assertEquals(new QueryOutcome.NoReply("no reply within 2000 ms"), reply.getNow(null));
        }
    }

    @Test
    void cannotAskOverAFamilyThatIsNotOpen() {
        transport.open(Set.of(AddressFamily.IPV4));
        assertTrue(transport
                .ask(new InetSocketAddress(addr("::1"), 6881), new Query.Ping(), Duration.ofSeconds(1))
                .isLeft());
    }

    @Test
    void closeReleasesTheSocketAndEndsWaitingQueries() throws Exception {
        transport.open(Set.of(AddressFamily.IPV4));
        InetSocketAddress local = transport.localAddress(AddressFamily.IPV4).get();
        CompletableFuture<QueryOutcome> reply = transport
                .ask(new InetSocketAddress(LOOPBACK, 9), new Query.Ping(), Duration.ofSeconds(5))
                .get();

        transport.close();

        assertEquals(new QueryOutcome.NoReply("DHT client closed"), reply.getNow(null));
        try (DatagramSocket again = new DatagramSocket(local)) {
            assertEquals(local.getPort(), again.getLocalPort());
        }
        assertTrue(transport.open(Set.of(AddressFamily.IPV4)).isLeft());
    }

    private static Answer answer(NodeId id) {
        return new Answer(id, List.of(), List.of(), Option.none());
    }

    private static DatagramPacket packet(byte[] bytes, DatagramPacket to) {
        return new DatagramPacket(bytes, bytes.length, to.getSocketAddress());
    }

    private static InetAddress addr(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
