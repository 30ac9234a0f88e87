package dev.peerscout.adapters.udp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Datagrams a tracker (or anyone) may send that must be rejected, or read without harm. */
class MalformedPacketTest {

    static Stream<Arguments> everyTooShortPrefixOfEveryReply() {
        Stream<Arguments> connect =
                prefixes("connect-response", 16, b -> ConnectReply.decode(b).isLeft());
        Stream<Arguments> announce = prefixes(
                "announce-response-no-peers",
                20,
                b -> AnnounceReply.decode(b, AddressFamily.IPV4).isLeft());
        Stream<Arguments> scrape =
                prefixes("scrape-response", 8, b -> ScrapeReply.decode(b).isLeft());
        Stream<Arguments> error =
                prefixes("error-response-plain", 8, b -> ErrorReply.decode(b).isLeft());
        Stream<Arguments> any = prefixes(
                "announce-response-v4",
                8,
                b -> Reply.decode(b, AddressFamily.IPV4).isLeft());
        return Stream.of(connect, announce, scrape, error, any).flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0} cut to {1} bytes")
    @MethodSource("everyTooShortPrefixOfEveryReply")
    void shortRepliesAreRejected(String id, int length, Function<ByteBuffer, Boolean> rejected) {
        byte[] prefix = Arrays.copyOf(UdpTrackerVectors.bytes(id), length);

        assertTrue(rejected.apply(ByteBuffer.wrap(prefix)));
    }

    @Test
    void shortRequestsAreRejected() {
        assertTrue(ConnectRequest.decode(ByteBuffer.wrap(new byte[15])).isLeft());
        assertTrue(UdpAnnounceRequest.decode(
                        ByteBuffer.wrap(Arrays.copyOf(UdpTrackerVectors.bytes("announce-request-v4"), 97)))
                .isLeft());
        assertTrue(ScrapeRequest.decode(ByteBuffer.wrap(Arrays.copyOf(UdpTrackerVectors.bytes("scrape-request"), 35)))
                .isLeft());
    }

    @Test
    void aConnectRequestNeedsTheProtocolId() {
        byte[] packet = UdpTrackerVectors.bytes("connect-request");
        packet[0] = 1;

        assertEquals(
                "connect request without the protocol id",
                ConnectRequest.decode(ByteBuffer.wrap(packet)).getLeft().detail());
    }

    @Test
    void aDecoderRefusesAnotherAction() {
        assertEquals(
                "connect reply has action 1, expected 0",
                ConnectReply.decode(UdpTrackerVectors.buffer("announce-response-v4"))
                        .getLeft()
                        .detail());
    }

    @Test
    void anUnknownActionIsRejected() {
        byte[] packet = UdpTrackerVectors.bytes("connect-response");
        packet[3] = 7;

        assertEquals(
                "reply with unknown action 7",
                Reply.decode(ByteBuffer.wrap(packet), AddressFamily.IPV4)
                        .getLeft()
                        .detail());
    }

    @Test
    void trailingBytesAfterAConnectReplyAreTolerated() {
        byte[] packet = Arrays.copyOf(UdpTrackerVectors.bytes("connect-response"), 20);

        assertEquals(
                0x0123456789abcdefL,
                ConnectReply.decode(ByteBuffer.wrap(packet)).get().connectionId());
    }

    @Test
    void aPartialScrapeEntryAtTheEndIsIgnored() {
        byte[] packet = Arrays.copyOf(UdpTrackerVectors.bytes("scrape-response"), 32 + 5);

        assertEquals(
                2, ScrapeReply.decode(ByteBuffer.wrap(packet)).get().entries().size());
    }

    @Test
    void aRaggedIpv6PeerListIsRejected() {
        byte[] packet = Arrays.copyOf(UdpTrackerVectors.bytes("announce-response-v6"), 20 + 18 + 17);

        assertTrue(AnnounceReply.decode(ByteBuffer.wrap(packet), AddressFamily.IPV6)
                .isLeft());
    }

    @Test
    void portZeroPeersAndDuplicatesAreDropped() throws Exception {
        ByteBuffer packet = ByteBuffer.allocate(20 + 4 * 6)
                .putInt(1)
                .putInt(9)
                .putInt(1800)
                .putInt(0)
                .putInt(0);
        packet.put(new byte[] {10, 0, 0, 1}).putShort((short) 0);
        packet.put(new byte[] {10, 0, 0, 2}).putShort((short) 6881);
        packet.put(new byte[] {10, 0, 0, 2}).putShort((short) 6881);
        packet.put(new byte[] {10, 0, 0, 3}).putShort((short) 0xFFFF);

        AnnounceReply reply =
                AnnounceReply.decode(packet.flip(), AddressFamily.IPV4).get();

        assertEquals(
                List.of(
                        new Peer(InetAddress.getByName("10.0.0.2"), 6881),
                        new Peer(InetAddress.getByName("10.0.0.3"), 65535)),
                reply.peers());
    }

    @Test
    void duplicatesAreDroppedFromLongPeerListsToo() throws Exception {
        ByteBuffer packet = ByteBuffer.allocate(20 + 40 * 6)
                .putInt(1)
                .putInt(9)
                .putInt(1800)
                .putInt(0)
                .putInt(0);
        List<Peer> distinct = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            distinct.add(new Peer(InetAddress.getByAddress(new byte[] {10, 0, 1, (byte) i}), 6881 + i));
        }
        for (int i = 0; i < 40; i++) {
            Peer peer = distinct.get(i < 20 ? i : 39 - i);
            packet.put(peer.address().getAddress()).putShort((short) peer.port());
        }

        AnnounceReply reply =
                AnnounceReply.decode(packet.flip(), AddressFamily.IPV4).get();

        assertEquals(distinct, reply.peers(), "first appearance kept, in order");
    }

    @Test
    void countsAreUnsigned() {
        ByteBuffer announce = ByteBuffer.allocate(20)
                .putInt(1)
                .putInt(9)
                .putInt(-1)
                .putInt(-2)
                .putInt(-3);
        ByteBuffer scrape = ByteBuffer.allocate(20)
                .putInt(2)
                .putInt(9)
                .putInt(-1)
                .putInt(-2)
                .putInt(-3);

        assertEquals(
                new AnnounceReply(9, 0xFFFFFFFFL, 0xFFFFFFFEL, 0xFFFFFFFDL, List.of()),
                AnnounceReply.decode(announce.flip(), AddressFamily.IPV4).get());
        assertEquals(
                List.of(new ScrapeStats(0xFFFFFFFFL, 0xFFFFFFFEL, 0xFFFFFFFDL)),
                ScrapeReply.decode(scrape.flip()).get().entries());
    }

    @Test
    void errorTextCannotCarryControlCharacters() {
        ByteBuffer packet = ByteBuffer.allocate(8 + 6).putInt(3).putInt(9).put("ok\u001b[2J".getBytes());

        assertEquals("ok\uFFFD[2J", ErrorReply.decode(packet.flip()).get().message());
    }

    @Test
    void anErrorOfOnlyNulsHasAnEmptyMessage() {
        ByteBuffer packet = ByteBuffer.allocate(8 + 3).putInt(3).putInt(9);

        assertEquals("", ErrorReply.decode(packet.position(11).flip()).get().message());
    }

    @Test
    void anOptionRunningPastTheDatagramIsRejected() {
        byte[] request = Arrays.copyOf(UdpTrackerVectors.bytes("announce-request-v4"), 98 + 4);
        request[98] = 2;
        request[99] = 10;

        assertEquals(
                "option 2 at 98 runs past the datagram",
                UdpAnnounceRequest.decode(ByteBuffer.wrap(request)).getLeft().detail());
    }

    @Test
    void anOptionWithoutItsLengthByteIsRejected() {
        byte[] request = Arrays.copyOf(UdpTrackerVectors.bytes("announce-request-v4"), 99);
        request[98] = 2;

        assertTrue(UdpAnnounceRequest.decode(ByteBuffer.wrap(request)).isLeft());
    }

    @Test
    void unknownOptionsAreSkippedByTheirLength() {
        byte[] request = Arrays.copyOf(UdpTrackerVectors.bytes("announce-request-v4"), 98 + 4 + 3);
        byte[] options = {9, 2, 'z', 'z', 2, 1, '/'};
        System.arraycopy(options, 0, request, 98, options.length);

        assertEquals(
                "/", UdpAnnounceRequest.decode(ByteBuffer.wrap(request)).get().urlData());
    }

    @Test
    void decodingLeavesTheCallersBufferAlone() {
        ByteBuffer buffer = UdpTrackerVectors.buffer("announce-response-v4");

        AnnounceReply.decode(buffer, AddressFamily.IPV4);

        assertEquals(0, buffer.position());
        assertEquals(32, buffer.limit());
    }

    private static Stream<Arguments> prefixes(String id, int minimum, Function<ByteBuffer, Boolean> rejected) {
        return IntStream.range(0, minimum).mapToObj(length -> Arguments.of(id, length, rejected));
    }
}
