package dev.peerscout.adapters.udp.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerscout.adapters.udp.protocol.AnnounceReply;
import dev.peerscout.adapters.udp.protocol.ConnectReply;
import dev.peerscout.adapters.udp.protocol.ConnectRequest;
import dev.peerscout.adapters.udp.protocol.ErrorReply;
import dev.peerscout.adapters.udp.protocol.MalformedPacket;
import dev.peerscout.adapters.udp.protocol.Reply;
import dev.peerscout.adapters.udp.protocol.ScrapeReply;
import dev.peerscout.adapters.udp.protocol.ScrapeRequest;
import dev.peerscout.adapters.udp.protocol.UdpAnnounceRequest;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.testing.Allocations;
import dev.peerscout.domain.testing.FuzzInputs;
import dev.peerscout.domain.testing.SharedCorpus;
import io.vavr.control.Either;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzz test (Jazzer) of the BEP 15 codec: every datagram a tracker (or anyone who
 * can reach our port) sends goes through {@link Reply#decode}. The only allowed outcomes are a
 * reply that keeps the invariants below or a {@link MalformedPacket}; anything thrown would kill
 * the receiver thread that serves every tracker.
 *
 * <p>Under plain {@code mvn test} the {@code @FuzzTest} runs once per file of
 * {@code src/test/resources/.../UdpReplyFuzzTestInputs/datagram/} (seeds and crashes found so
 * far), and {@link #sharedVector} runs the same checks over the shared UDP vectors, read in place.
 * {@code bench/fuzz.sh} fuzzes it.
 */
class UdpReplyFuzzTest {
    /** A reply is at most 64 KiB; decoding copies it into objects, some tens of bytes per input byte. */
    private static final long FIXED_BUDGET = 1L << 20;

    private static final long BUDGET_PER_BYTE = 128;

    @FuzzTest
    void datagram(byte[] data) {
        FuzzInputs.withinDeadline(() -> checkDatagram(data));
    }

    static Stream<Arguments> vectors() throws IOException {
        JsonNode root = new ObjectMapper()
                .readTree(SharedCorpus.corpus("vectors", "udp-tracker-vectors.json")
                        .toFile());
        return StreamSupport.stream(root.get("packets").spliterator(), false)
                .map(packet -> Arguments.of(
                        packet.get("id").asText(),
                        HexFormat.of().parseHex(packet.get("hex").asText())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void sharedVector(String id, byte[] datagram) {
        checkDatagram(datagram);
    }

    static void checkDatagram(byte[] data) {
        for (AddressFamily family : AddressFamily.values()) {
            Either<MalformedPacket, Reply> reply = decode(data, buffer -> Reply.decode(buffer, family));
            reply.peek(decoded -> checkReply(decoded, data, family));
            reply.orElseRun(malformed -> assertOneLine(malformed.detail()));
        }
        // Each decoder must cope with any datagram, not only one of its action.
        decode(data, ConnectReply::decode).orElseRun(malformed -> assertOneLine(malformed.detail()));
        decode(data, ScrapeReply::decode).orElseRun(malformed -> assertOneLine(malformed.detail()));
        decode(data, ErrorReply::decode).orElseRun(malformed -> assertOneLine(malformed.detail()));
        decode(data, buffer -> AnnounceReply.decode(buffer, AddressFamily.IPV6))
                .orElseRun(malformed -> assertOneLine(malformed.detail()));
        // Requests are only decoded by test trackers, but they are the same kind of code.
        decode(data, ConnectRequest::decode);
        decode(data, ScrapeRequest::decode);
        decode(data, UdpAnnounceRequest::decode);
    }

    /**
     * Decodes from the middle of a larger buffer, as the receiver's buffer may be positioned, and
     * checks that the caller's position and limit are left alone.
     */
    private static <T> Either<MalformedPacket, T> decode(
            byte[] data, Function<ByteBuffer, Either<MalformedPacket, T>> decoder) {
        byte[] framed = new byte[data.length + 3];
        System.arraycopy(data, 0, framed, 1, data.length);
        ByteBuffer buffer = ByteBuffer.wrap(framed, 1, data.length);
        Either<MalformedPacket, T> result =
                Allocations.withinBudget(data.length, FIXED_BUDGET, BUDGET_PER_BYTE, () -> decoder.apply(buffer));
        assertEquals(1, buffer.position(), "decoding moved the caller's position");
        assertEquals(1 + data.length, buffer.limit(), "decoding moved the caller's limit");
        return result;
    }

    /** What was decoded is what the datagram says: encoding it again gives the same reply. */
    private static void checkReply(Reply reply, byte[] data, AddressFamily family) {
        assertEquals(ByteBuffer.wrap(data).getInt(0), reply.action().code());
        assertEquals(ByteBuffer.wrap(data).getInt(4), reply.transactionId());
        if (reply instanceof AnnounceReply announce) {
            Set<Peer> distinct = new HashSet<>();
            boolean allOfFamily = true;
            for (Peer peer : announce.peers()) {
                // An IPv4-mapped IPv6 entry (::ffff:a.b.c.d) is that IPv4 peer: Java reads it as one.
                assertTrue(peer.family() == family || family == AddressFamily.IPV6, "entry of another family: " + peer);
                allOfFamily &= peer.family() == family;
                assertNotEquals(0, peer.port(), "port 0 is no peer");
                assertTrue(distinct.add(peer), "a peer is listed once: " + peer);
            }
            assertTrue(announce.peers().size() + announce.portZero()
                    <= (data.length - AnnounceReply.HEADER_LENGTH) / AnnounceReply.entryLength(family));
            if (allOfFamily) {
                // Port-0 entries are counted, not kept: encoding again has none.
                AnnounceReply kept = new AnnounceReply(
                        announce.transactionId(),
                        announce.interval(),
                        announce.leechers(),
                        announce.seeders(),
                        announce.peers());
                assertEquals(
                        kept,
                        AnnounceReply.decode(ByteBuffer.wrap(announce.toBytes(family)), family)
                                .get());
            }
        } else if (reply instanceof ScrapeReply scrape) {
            assertEquals(
                    (data.length - ScrapeReply.HEADER_LENGTH) / ScrapeReply.ENTRY_LENGTH,
                    scrape.entries().size());
            assertEquals(
                    scrape,
                    ScrapeReply.decode(ByteBuffer.wrap(scrape.toBytes())).get());
        } else if (reply instanceof ErrorReply error) {
            assertOneLine(error.message());
            assertEquals(
                    error, ErrorReply.decode(ByteBuffer.wrap(error.toBytes())).get());
        } else {
            ConnectReply connect = (ConnectReply) reply;
            assertEquals(ByteBuffer.wrap(data).getLong(8), connect.connectionId());
        }
    }

    /** Texts from a tracker end up on a terminal as one line: no line breaks, no escape sequences. */
    private static void assertOneLine(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                throw new AssertionError(String.format(
                        "control character U+%04X at %d in: %s",
                        (int) text.charAt(i), i, text.replaceAll("\\p{Cc}", "\uFFFD")));
            }
        }
    }
}
