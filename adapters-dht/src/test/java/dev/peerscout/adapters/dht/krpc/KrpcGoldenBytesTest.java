package dev.peerscout.adapters.dht.krpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.bencode.BValue.BBytes;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.Peer;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The example messages of BEP 5, byte for byte, plus BEP 32 and BEP 43 additions. */
class KrpcGoldenBytesTest {
    private static final TransactionId AA = TransactionId.ascii("aa");
    private static final NodeId QUERYING = id("abcdefghij0123456789");
    private static final NodeId TARGET = id("mnopqrstuvwxyz123456");

    @Test
    void pingQuery() {
        assertBytes(
                "d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe",
                Krpc.query(AA, QUERYING, new Query.Ping(), false));
    }

    @Test
    void readOnlyQueriesCarryRo() {
        assertBytes(
                "d1:ad2:id20:abcdefghij0123456789e1:q4:ping2:roi1e1:t2:aa1:y1:qe",
                Krpc.query(AA, QUERYING, new Query.Ping(), true));
    }

    @Test
    void findNodeQuery() {
        assertBytes(
                "d1:ad2:id20:abcdefghij01234567896:target20:mnopqrstuvwxyz123456e1:q9:find_node1:t2:aa1:y1:qe",
                Krpc.query(AA, QUERYING, new Query.FindNode(TARGET), false));
    }

    @Test
    void getPeersQuery() {
        assertBytes(
                "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz123456e1:q9:get_peers1:t2:aa1:y1:qe",
                Krpc.query(AA, QUERYING, new Query.GetPeers(TARGET, Set.of(AddressFamily.IPV4)), false));
    }

    @Test
    void getPeersForBothFamiliesAsksForNodes6() {
        assertBytes(
                "d1:ad2:id20:abcdefghij01234567899:info_hash20:mnopqrstuvwxyz1234564:wantl2:n42:n6ee"
                        + "1:q9:get_peers1:t2:aa1:y1:qe",
                Krpc.query(AA, QUERYING, new Query.GetPeers(TARGET, EnumSet.allOf(AddressFamily.class)), false));
    }

    @Test
    void pingResponse() {
        Message.Response response = response("d1:rd2:id20:mnopqrstuvwxyz123456e1:t2:aa1:y1:re");
        assertEquals(AA, response.transaction());
        assertEquals(TARGET, response.answer().responder());
        assertTrue(response.answer().nodes().isEmpty());
        assertTrue(response.answer().peers().isEmpty());
        assertTrue(response.answer().token().isEmpty());
    }

    @Test
    void findNodeResponseWithCompactNodes() throws Exception {
        // Two 26-byte entries: id, 4 address bytes, 2 port bytes (big-endian).
        String nodes = "0123456789abcdefghij" + latin1(127, 0, 0, 1, 0x1A, 0xE1) + "ABCDEFGHIJ0123456789"
                + latin1(10, 1, 2, 3, 0xFF, 0xFF);
        Message.Response response = response("d1:rd2:id20:0123456789abcdefghij5:nodes52:" + nodes + "e1:t2:aa1:y1:re");
        assertEquals(
                List.of(
                        new NodeContact(id("0123456789abcdefghij"), socket("127.0.0.1", 6881)),
                        new NodeContact(id("ABCDEFGHIJ0123456789"), socket("10.1.2.3", 65535))),
                response.answer().nodes());
    }

    @Test
    void getPeersResponseWithValues() throws Exception {
        // BEP 5's example: "axje.u" is 97.120.106.101:11893, "idhtnm" 105.100.104.116:28269.
        Message.Response response =
                response("d1:rd2:id20:abcdefghij01234567895:token8:aoeusnth6:valuesl6:axje.u6:idhtnmee1:t2:aa1:y1:re");
        assertEquals(QUERYING, response.answer().responder());
        assertEquals(
                List.of(
                        new Peer(InetAddress.getByName("97.120.106.101"), 11893),
                        new Peer(InetAddress.getByName("105.100.104.116"), 28269)),
                response.answer().peers());
        assertEquals(Option.some(BBytes.ascii("aoeusnth")), response.answer().token());
    }

    @Test
    void getPeersResponseWithIpv6NodesAndPeers() throws Exception {
        byte[] v6 = InetAddress.getByName("2001:db8::1").getAddress();
        String nodes6 = "0123456789abcdefghij" + new String(v6, StandardCharsets.ISO_8859_1) + latin1(0x1A, 0xE1);
        String peer6 = new String(v6, StandardCharsets.ISO_8859_1) + latin1(0xC8, 0xD5);
        Message.Response response = response("d1:rd2:id20:abcdefghij01234567896:nodes638:" + nodes6
                + "5:token2:tk6:valuesl18:" + peer6 + "ee1:t2:aa1:y1:re");
        assertEquals(
                List.of(new NodeContact(id("0123456789abcdefghij"), socket("2001:db8::1", 6881))),
                response.answer().nodes());
        assertEquals(
                List.of(new Peer(InetAddress.getByName("2001:db8::1"), 51413)),
                response.answer().peers());
    }

    @Test
    void genericError() {
        Message message = Krpc.decode(bytes("d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee"))
                .get();
        assertEquals(new Message.ErrorReply(AA, 201, "A Generic Error Ocurred"), message);
    }

    @Test
    void encodedErrorMatchesTheExample() {
        assertBytes(
                "d1:eli201e23:A Generic Error Ocurrede1:t2:aa1:y1:ee", Krpc.error(AA, 201, "A Generic Error Ocurred"));
    }

    @Test
    void anIncomingQueryIsRecognisedSoItCanBeIgnored() {
        Message message = Krpc.decode(bytes("d1:ad2:id20:abcdefghij0123456789e1:q4:ping1:t2:aa1:y1:qe"))
                .get();
        assertEquals(new Message.Request(AA, "ping"), message);
    }

    @Test
    void responsesRoundTrip() throws Exception {
        Answer answer = new Answer(
                TARGET,
                List.of(
                        new NodeContact(QUERYING, socket("127.0.0.1", 1000)),
                        new NodeContact(TARGET, socket("::1", 2000))),
                List.of(
                        new Peer(InetAddress.getByName("127.0.0.1"), 6881),
                        new Peer(InetAddress.getByName("::1"), 6882)),
                Option.some(BBytes.ascii("tok")));
        Message decoded =
                Krpc.decode(Krpc.response(TransactionId.ascii("xy"), answer)).get();
        assertEquals(new Message.Response(TransactionId.ascii("xy"), answer), decoded);
    }

    @Test
    void randomTransactionIdsAreFourBytes() {
        byte[] query = Krpc.query(TransactionId.random(new Random(1)), QUERYING, new Query.Ping(), false);
        String text = new String(query, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("1:t4:"), text);
    }

    private static Message.Response response(String wire) {
        return assertInstanceOf(Message.Response.class, Krpc.decode(bytes(wire)).get());
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String latin1(int... octets) {
        byte[] bytes = new byte[octets.length];
        for (int i = 0; i < octets.length; i++) {
            bytes[i] = (byte) octets[i];
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static void assertBytes(String expectedLatin1, byte[] actual) {
        assertArrayEquals(bytes(expectedLatin1), actual, () -> new String(actual, StandardCharsets.ISO_8859_1));
    }

    private static NodeId id(String twentyChars) {
        return NodeId.of(twentyChars.getBytes(StandardCharsets.US_ASCII));
    }

    private static InetSocketAddress socket(String address, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(address), port);
    }
}
