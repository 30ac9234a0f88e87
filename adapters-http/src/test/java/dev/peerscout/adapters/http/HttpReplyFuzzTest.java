package dev.peerscout.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import dev.peerscout.domain.testing.Allocations;
import dev.peerscout.domain.testing.FuzzInputs;
import io.vavr.control.Either;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzz test (Jazzer) of what the HTTP tracker client does with a response body:
 * gzip decoding when the body is gzip, then {@link TrackerReplies} for an announce and a scrape.
 * The only allowed outcomes are a reply that keeps the invariants below or a one-line
 * {@link TrackerFailure}; anything thrown, a hang or an allocation sized by a claim is a bug. In
 * this package, not a {@code fuzz} one, because the decoders are package-private.
 *
 * <p>Under plain {@code mvn test} the {@code @FuzzTest} runs once per file of
 * {@code src/test/resources/.../HttpReplyFuzzTestInputs/body/} (seeds and crashes found so far),
 * and the parameterised tests run the same checks over the shared vectors, read in place.
 * {@code bench/fuzz.sh} fuzzes it.
 */
class HttpReplyFuzzTest {
    /** base.torrent's hash: the shared scrape vector's key, so seeds can reach the counting code. */
    private static final InfoHash ASKED = InfoHash.fromHex("c0fda1edafdbdbb96443424e0b3899af7159d10e");
    /** Small enough to keep fuzzing fast; the client's limit is 4 MiB, the code is the same. */
    private static final int GZIP_LIMIT = 64 * 1024;
    /** A decoded value costs some tens of bytes per input byte; gzip may add twice its limit. */
    private static final long FIXED_BUDGET = (1L << 20) + 3L * GZIP_LIMIT;

    private static final long BUDGET_PER_BYTE = 512;

    @FuzzTest
    void body(byte[] data) {
        FuzzInputs.withinDeadline(() -> checkBody(data));
    }

    static Stream<Arguments> vectors() {
        Stream<JsonNode> responses = Vectors.elements(Vectors.httpTracker().get("responses")).stream();
        Stream<JsonNode> bencode = Vectors.elements(Vectors.bencode().get("vectors")).stream();
        return Stream.concat(responses, bencode)
                .map(vector -> Arguments.of(
                        vector.get("id").asText(),
                        HexFormat.of().parseHex(vector.get("hex").asText())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void sharedVector(String id, byte[] body) {
        checkBody(body);
    }

    static void checkBody(byte[] body) {
        if (body.length >= 2 && body[0] == (byte) 0x1f && body[1] == (byte) 0x8b) {
            Either<TrackerFailure, byte[]> decoded = Allocations.withinBudget(
                    body.length, FIXED_BUDGET, BUDGET_PER_BYTE, () -> ContentDecoding.decode("gzip", body, GZIP_LIMIT));
            decoded.orElseRun(HttpReplyFuzzTest::checkFailure);
            decoded.peek(bytes -> assertTrue(bytes.length <= GZIP_LIMIT, "gzip output within the limit"));
            decoded.peek(HttpReplyFuzzTest::checkReplies);
        }
        checkReplies(body);
    }

    private static void checkReplies(byte[] body) {
        Either<TrackerFailure, AnnounceReply> announce = Allocations.withinBudget(
                body.length, FIXED_BUDGET, BUDGET_PER_BYTE, () -> TrackerReplies.announce(200, body));
        announce.orElseRun(HttpReplyFuzzTest::checkFailure);
        announce.peek(HttpReplyFuzzTest::checkAnnounce);

        Either<TrackerFailure, Map<InfoHash, ScrapeStats>> scrape = Allocations.withinBudget(
                body.length, FIXED_BUDGET, BUDGET_PER_BYTE, () -> TrackerReplies.scrape(200, body, Set.of(ASKED)));
        scrape.orElseRun(HttpReplyFuzzTest::checkFailure);
        scrape.peek(stats -> assertTrue(Set.of(ASKED).containsAll(stats.keySet()), "counts only for swarms asked"));

        // An error status is never a success, whatever the body says.
        Either<TrackerFailure, AnnounceReply> refused = TrackerReplies.announce(503, body);
        assertTrue(refused.isLeft(), "HTTP 503 read as an answer");
        checkFailure(refused.getLeft());
    }

    private static void checkAnnounce(AnnounceReply reply) {
        for (Peer peer : reply.peers()) {
            assertTrue(peer.port() >= 1 && peer.port() <= 0xFFFF, "peer port " + peer.port());
        }
        for (HostPort named : reply.namedPeers()) {
            assertEquals(named.host().strip(), named.host());
            assertTrue(named.port() >= 1, "named peer port " + named.port());
        }
        assertTrue(reply.skippedPeers() >= 0);
        reply.interval()
                .forEach(interval -> assertTrue(!interval.isNegative() && !interval.isZero(), "interval " + interval));
        reply.minInterval().forEach(interval -> assertTrue(!interval.isNegative(), "min interval " + interval));
        reply.seeders().forEach(count -> assertTrue(count >= 0, "seeders " + count));
        reply.leechers().forEach(count -> assertTrue(count >= 0, "leechers " + count));
        reply.warning().forEach(HttpReplyFuzzTest::assertOneLine);
        assertTrue(reply.toResponse(1).attempts() == 1);
    }

    private static void checkFailure(TrackerFailure failure) {
        assertOneLine(failure.message());
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
