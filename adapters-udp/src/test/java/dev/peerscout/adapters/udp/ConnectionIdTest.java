package dev.peerscout.adapters.udp;

import static dev.peerscout.adapters.udp.Harness.failure;
import static dev.peerscout.adapters.udp.Harness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peerscout.adapters.udp.ScriptedTracker.Received;
import dev.peerscout.adapters.udp.protocol.ErrorReply;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.testing.Fixtures;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connection ids: cached per tracker for 60 s on the injected clock, renewed after errors. */
class ConnectionIdTest {
    private final Harness harness = new Harness();

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void oneConnectServesTwoAnnounces() throws Exception {
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.healthy(List.of()));

        ok(harness.announce(tracker));
        AnnounceResponse second = ok(harness.announce(tracker));

        assertEquals("[connect, announce, announce]", tracker.kinds());
        assertEquals(1, second.attempts());
    }

    @Test
    void announcesAndScrapesShareTheId() throws Exception {
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.healthy(List.of()));

        ok(harness.announce(tracker));
        var scrape = harness.client.scrape(
                TrackerUrl.of(tracker.url()),
                List.of(Fixtures.anyInfoHash()),
                harness.clock.now().plus(Harness.ONE_HOUR));

        assertEquals(1, Harness.await(scrape).get().attempts());
        assertEquals("[connect, announce, scrape]", tracker.kinds());
    }

    @Test
    void theIdIsUsedFor60SecondsThenRenewed() throws Exception {
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.healthy(List.of()));

        ok(harness.announce(tracker));
        harness.advanceSeconds(59);
        ok(harness.announce(tracker));
        harness.advanceSeconds(1);
        ok(harness.announce(tracker));

        assertEquals("[connect, announce, announce, connect, announce]", tracker.kinds());
        assertEquals(List.of(0L, 0L, 59L, 60L, 60L), tracker.secondsSince(harness.start));
    }

    @Test
    void concurrentRequestsToOneTrackerShareOneConnect() throws Exception {
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.healthy(List.of()));

        var outcomes =
                IntStream.range(0, 20).mapToObj(i -> harness.announce(tracker)).toList();
        for (var outcome : outcomes) {
            ok(outcome);
        }

        assertEquals(1, tracker.received().stream().filter(Received::isConnect).count(), tracker.kinds());
        assertEquals(
                20, tracker.received().stream().filter(Received::isAnnounce).count());
    }

    /** opentracker's text, NUL included, for an id it no longer accepts. */
    @Test
    void anExpiredIdErrorOnTheFirstAnnounceReconnectsOnceAndSucceeds() throws Exception {
        AtomicBoolean rejectedOnce = new AtomicBoolean();
        ScriptedTracker tracker =
                harness.tracker((request, self) -> request.isAnnounce() && rejectedOnce.compareAndSet(false, true)
                        ? List.of(errorWithNul(request, "Connection ID missmatch."))
                        : List.of(self.correctAnswer(request, List.of())));

        AnnounceResponse response = ok(harness.announce(tracker));
        AnnounceResponse next = ok(harness.announce(tracker));

        assertEquals(4, response.attempts());
        assertEquals(1, next.attempts(), "the renewed id is cached");
        assertEquals("[connect, announce, connect, announce, announce]", tracker.kinds());
    }

    @Test
    void aSecondErrorIsTheTrackersAnswer() throws Exception {
        ScriptedTracker tracker = harness.tracker((request, self) -> request.isAnnounce()
                ? List.of(errorWithNul(request, "unregistered torrent"))
                : List.of(self.correctAnswer(request, List.of())));

        TrackerFailure failure = failure(harness.announce(tracker));

        assertEquals(new TrackerFailure.Rejected("unregistered torrent", 4), failure);
        assertEquals("[connect, announce, connect, announce]", tracker.kinds());
    }

    @Test
    void anErrorInsteadOfAConnectionIdIsFinal() throws Exception {
        ScriptedTracker tracker = harness.tracker(
                (request, self) -> List.of(new ErrorReply(request.transactionId(), "go away").toBytes()));

        assertEquals(new TrackerFailure.Rejected("go away", 1), failure(harness.announce(tracker)));
        assertEquals("[connect]", tracker.kinds());
    }

    private static byte[] errorWithNul(Received request, String text) {
        byte[] message = text.getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(8 + message.length + 1)
                .putInt(3)
                .putInt(request.transactionId())
                .put(message)
                .array();
    }
}
