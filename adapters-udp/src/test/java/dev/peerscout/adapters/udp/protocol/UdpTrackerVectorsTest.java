package dev.peerscout.adapters.udp.protocol;

import static dev.peerscout.adapters.udp.protocol.UdpTrackerVectors.buffer;
import static dev.peerscout.adapters.udp.protocol.UdpTrackerVectors.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Golden bytes: every shared UDP vector is encoded to, or decoded from, exactly its bytes. */
class UdpTrackerVectorsTest {
    private static final long CONNECTION_ID = 0x0123456789abcdefL;
    private static final InfoHash BASE_TORRENT = InfoHash.fromHex("c0fda1edafdbdbb96443424e0b3899af7159d10e");
    private static final InfoHash UNORDERED_TORRENT = InfoHash.fromHex("1e44709a0ec082a6a5ea4837e450ae08d3f4394e");
    private static final PeerId PEER_ID = PeerId.of("-JV0001-abcdefghijkl".getBytes(StandardCharsets.US_ASCII));
    private static final AnnounceRequest STARTED = new AnnounceRequest(
            BASE_TORRENT,
            PEER_ID,
            6881,
            0,
            0,
            425,
            AnnounceEvent.STARTED,
            -1,
            0xdeadbeef,
            EnumSet.of(AddressFamily.IPV4));

    @Test
    void everyVectorInTheFileIsCoveredHere() {
        assertEquals(
                Set.of(
                        "connect-request",
                        "connect-response",
                        "announce-request-v4",
                        "announce-request-bep41-urldata",
                        "announce-request-bep41-long",
                        "announce-request-bep41-nop-eoo",
                        "announce-response-v4",
                        "announce-response-v6",
                        "announce-response-no-peers",
                        "announce-response-too-short",
                        "announce-response-ragged",
                        "scrape-request",
                        "scrape-response",
                        "error-response-nul",
                        "error-response-plain",
                        "response-wrong-tid"),
                UdpTrackerVectors.all().keySet());
    }

    @Test
    void connectRequest() {
        ConnectRequest request = new ConnectRequest(0x12345678);

        assertEquals(hex("connect-request"), hexOf(request.toBytes()));
        assertEquals(request, ConnectRequest.decode(buffer("connect-request")).get());
    }

    @Test
    void connectResponse() {
        ConnectReply reply = ConnectReply.decode(buffer("connect-response")).get();

        assertEquals(new ConnectReply(0x12345678, CONNECTION_ID), reply);
        assertEquals(hex("connect-response"), hexOf(reply.toBytes()));
    }

    @Test
    void announceRequestOverIpv4IsExactly98Bytes() {
        UdpAnnounceRequest request = UdpAnnounceRequest.of(CONNECTION_ID, 0x0a0b0c0d, STARTED, "");

        assertEquals(hex("announce-request-v4"), hexOf(request.toBytes()));
        assertEquals(
                request,
                UdpAnnounceRequest.decode(buffer("announce-request-v4")).get());
    }

    @Test
    void announceRequestCarriesThePathAndQueryAsUrlData() {
        UdpAnnounceRequest request = UdpAnnounceRequest.of(CONNECTION_ID, 0x0a0b0c0e, STARTED, "/announce?passkey=abc");

        assertEquals(hex("announce-request-bep41-urldata"), hexOf(request.toBytes()));
        assertEquals(
                request,
                UdpAnnounceRequest.decode(buffer("announce-request-bep41-urldata"))
                        .get());
    }

    @Test
    void aLongPathIsSplitInto255ByteUrlDataChunks() {
        String path = "/announce?k=" + "x".repeat(308 - "/announce?k=".length());
        UdpAnnounceRequest request = UdpAnnounceRequest.of(CONNECTION_ID, 0x0a0b0c0f, STARTED, path);

        assertEquals(hex("announce-request-bep41-long"), hexOf(request.toBytes()));
        assertEquals(
                path,
                UdpAnnounceRequest.decode(buffer("announce-request-bep41-long"))
                        .get()
                        .urlData());
    }

    @Test
    void aRequestEncodedOnceTakesNewIdsWithoutChangingTheRest() {
        byte[] once =
                UdpAnnounceRequest.of(0, 0, STARTED, "/announce?passkey=abc").toBytes();

        byte[] stamped = UdpAnnounceRequest.withIds(once, CONNECTION_ID, 0x0a0b0c0e);

        assertEquals(hex("announce-request-bep41-urldata"), hexOf(stamped));
        assertEquals(
                hexOf(UdpAnnounceRequest.of(0, 0, STARTED, "/announce?passkey=abc")
                        .toBytes()),
                hexOf(once),
                "the encoded request itself is left alone for the next send");
    }

    @Test
    void optionParsingSkipsNopsAndStopsAtEndOfOptions() {
        UdpAnnounceRequest request = UdpAnnounceRequest.decode(buffer("announce-request-bep41-nop-eoo"))
                .get();

        assertEquals("/dir", request.urlData());
        assertEquals(0x0a0b0c10, request.transactionId());
    }

    @Test
    void announceResponseOverIpv4ListsLeechersBeforeSeeders() throws Exception {
        AnnounceReply reply = AnnounceReply.decode(buffer("announce-response-v4"), AddressFamily.IPV4)
                .get();

        assertEquals(
                new AnnounceReply(
                        0x0a0b0c0d,
                        1800,
                        3,
                        5,
                        List.of(
                                new Peer(InetAddress.getByName("192.0.2.1"), 6881),
                                new Peer(InetAddress.getByName("198.51.100.7"), 51413))),
                reply);
        assertEquals(hex("announce-response-v4"), hexOf(reply.toBytes(AddressFamily.IPV4)));
    }

    @Test
    void announceResponseOverIpv6Has18BytePeers() throws Exception {
        AnnounceReply reply = AnnounceReply.decode(buffer("announce-response-v6"), AddressFamily.IPV6)
                .get();

        assertEquals(
                List.of(
                        new Peer(InetAddress.getByName("2001:db8::1"), 6881),
                        new Peer(InetAddress.getByName("2001:db8::abcd"), 51413)),
                reply.peers());
        assertEquals(hex("announce-response-v6"), hexOf(reply.toBytes(AddressFamily.IPV6)));
    }

    /**
     * The vector's note says the 6-byte stride would not divide this peer area; it does (36 bytes,
     * not 38), which is the real hazard: only the socket's family tells garbage from peers.
     */
    @Test
    void theIpv6ResponseReadWithTheIpv4StrideGivesGarbagePeers() throws Exception {
        AnnounceReply wrong = AnnounceReply.decode(buffer("announce-response-v6"), AddressFamily.IPV4)
                .get();

        assertFalse(wrong.peers().isEmpty(), "six entries, the port-0 ones skipped");
        assertTrue(wrong.peers().stream().allMatch(peer -> peer.family() == AddressFamily.IPV4), "all garbage");
    }

    @Test
    void announceResponseWithoutPeers() {
        AnnounceReply reply = AnnounceReply.decode(buffer("announce-response-no-peers"), AddressFamily.IPV4)
                .get();

        assertEquals(new AnnounceReply(0x0a0b0c0d, 1800, 0, 0, List.of()), reply);
    }

    @Test
    void announceResponseShorterThan20BytesIsRejected() {
        Either<MalformedPacket, AnnounceReply> decoded =
                AnnounceReply.decode(buffer("announce-response-too-short"), AddressFamily.IPV4);

        assertEquals(
                "announce reply of 19 bytes, expected at least 20",
                decoded.getLeft().detail());
    }

    @Test
    void announceResponseWithARaggedPeerListIsRejected() {
        Either<MalformedPacket, AnnounceReply> decoded =
                AnnounceReply.decode(buffer("announce-response-ragged"), AddressFamily.IPV4);

        assertEquals(
                "peer list of 14 bytes is not a whole number of 6-byte IPV4 entries",
                decoded.getLeft().detail());
    }

    @Test
    void scrapeRequest() {
        ScrapeRequest request = new ScrapeRequest(CONNECTION_ID, 0x55667788, List.of(BASE_TORRENT, UNORDERED_TORRENT));

        assertEquals(hex("scrape-request"), hexOf(request.toBytes()));
        assertEquals(request, ScrapeRequest.decode(buffer("scrape-request")).get());
    }

    @Test
    void scrapeResponseListsSeedersCompletedLeechersInRequestOrder() {
        ScrapeReply reply = ScrapeReply.decode(buffer("scrape-response")).get();

        assertEquals(new ScrapeReply(0x55667788, List.of(new ScrapeStats(5, 120, 3), new ScrapeStats(0, 0, 0))), reply);
        assertEquals(hex("scrape-response"), hexOf(reply.toBytes()));
    }

    @Test
    void errorResponseLosesItsTrailingNul() {
        ErrorReply reply = ErrorReply.decode(buffer("error-response-nul")).get();

        assertEquals(new ErrorReply(0x0a0b0c0d, "Connection ID missmatch."), reply);
    }

    @Test
    void errorResponseTextRunsToTheEndOfTheDatagram() {
        ErrorReply reply = ErrorReply.decode(buffer("error-response-plain")).get();

        assertEquals(new ErrorReply(0x55667788, "unregistered torrent"), reply);
        assertEquals(hex("error-response-plain"), hexOf(reply.toBytes()));
    }

    @Test
    void aReplyWithSomeoneElsesTransactionIdStillDecodesItsHeader() {
        Reply reply =
                Reply.decode(buffer("response-wrong-tid"), AddressFamily.IPV4).get();

        assertInstanceOf(ConnectReply.class, reply);
        assertEquals(
                new Reply.Header(0, 0x99999999),
                Reply.header(buffer("response-wrong-tid")).get());
    }

    private static String hexOf(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
