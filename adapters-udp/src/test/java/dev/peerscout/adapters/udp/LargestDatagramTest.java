package dev.peerscout.adapters.udp;

import static dev.peerscout.adapters.udp.Harness.await;
import static dev.peerscout.adapters.udp.Harness.failure;
import static dev.peerscout.adapters.udp.Harness.ok;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peerscout.adapters.udp.protocol.Action;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Replies of 65,507 bytes, the most an IPv4 UDP datagram carries, through the real socket and
 * receiver on loopback: nothing is cut off, and the size is no reason to fail or stall.
 */
class LargestDatagramTest {
    private static final int LARGEST = 65_507;
    /** The largest announce reply made of whole IPv4 entries: 20 + 10,914 x 6 bytes. */
    private static final int LARGEST_WHOLE_ANNOUNCE = 65_504;

    private final Harness harness = new Harness();

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void anAnnounceReplyOfTheLargestWholeSizeGivesEveryPeer() throws Exception {
        ScriptedTracker tracker = harness.tracker((request, self) -> request.isAnnounce()
                ? List.of(announceReply(request.transactionId(), LARGEST_WHOLE_ANNOUNCE))
                : List.of(self.correctAnswer(request, List.of())));

        AnnounceResponse response = ok(harness.announce(tracker));

        assertEquals(10_914, response.peers().size());
        assertEquals(Harness.peer("10.0.42.162", 10_914), response.peers().get(10_913));
    }

    @Test
    void anAnnounceReplyOf65507BytesIsMalformedNotTruncated() throws Exception {
        ScriptedTracker tracker = harness.tracker((request, self) -> request.isAnnounce()
                ? List.of(announceReply(request.transactionId(), LARGEST))
                : List.of(self.correctAnswer(request, List.of())));

        // 65,487 bytes of entries: the 3 bytes past the last whole one are seen, so it was all read.
        TrackerFailure failure = failure(harness.announce(tracker));

        assertEquals(
                "malformed answer: peer list of 65487 bytes is not a whole number of 6-byte IPV4 entries",
                failure.message());
    }

    @Test
    void aScrapeReplyOf65507BytesIsRead() throws Exception {
        InfoHash hash = anyInfoHash();
        ScriptedTracker tracker = harness.tracker((request, self) -> request.isScrape()
                ? List.of(scrapeReply(request.transactionId(), LARGEST))
                : List.of(self.correctAnswer(request, List.of())));

        ScrapeResponse response = await(harness.client.scrape(
                        TrackerUrl.of(tracker.url()),
                        List.of(hash),
                        harness.clock.now().plus(Harness.ONE_HOUR)))
                .getOrElseThrow(failure -> new AssertionError(failure.message()));

        // 5,458 entries and 3 trailing bytes; the one asked for is the first.
        assertEquals(new ScrapeStats(1, 2, 3), response.stats().get(hash));
    }

    /** An announce reply of {@code length} bytes whose peers are 10.0.x.y, port = their index + 1. */
    private static byte[] announceReply(int transactionId, int length) {
        ByteBuffer reply = ByteBuffer.allocate(length)
                .putInt(Action.ANNOUNCE.code())
                .putInt(transactionId)
                .putInt(1800)
                .putInt(0)
                .putInt(0);
        for (int i = 0; reply.remaining() >= 6; i++) {
            int host = i + 1;
            reply.put((byte) 10)
                    .put((byte) 0)
                    .put((byte) (host >> 8))
                    .put((byte) host)
                    .putShort((short) (i + 1));
        }
        return reply.array();
    }

    private static byte[] scrapeReply(int transactionId, int length) {
        ByteBuffer reply =
                ByteBuffer.allocate(length).putInt(Action.SCRAPE.code()).putInt(transactionId);
        while (reply.remaining() >= 12) {
            reply.putInt(1).putInt(2).putInt(3);
        }
        return reply.array();
    }
}
