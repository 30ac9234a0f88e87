package dev.peerscout.adapters.udp;

import static dev.peerscout.adapters.udp.Harness.failure;
import static dev.peerscout.adapters.udp.Harness.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.adapters.udp.ScriptedTracker.Received;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** BEP 15's 15 × 2^n schedule, on the fake clock. */
class RetransmissionTest {
    private Harness harness = new Harness();

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void aSilentTrackerGetsNineTriesAt15Times2ToTheNThenATimeout() throws Exception {
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.silent());
        var outcome = harness.client.announce(
                TrackerUrl.of(tracker.url()), Harness.request(), harness.start.plus(Duration.ofHours(3)));
        long[] sendTimes = {0, 15, 45, 105, 225, 465, 945, 1905, 3825};

        tracker.awaitReceived(1);
        for (int i = 1; i < sendTimes.length; i++) {
            harness.advanceSeconds(sendTimes[i] - sendTimes[i - 1]);
            tracker.awaitReceived(i + 1);
        }
        harness.advanceSeconds(3840 - 1);
        assertFalse(outcome.isDone(), "the last try waits 3840 s");
        harness.advanceSeconds(1);

        assertEquals(new TrackerFailure.Timeout(9, Duration.ofSeconds(7665)), failure(outcome));
        assertEquals(List.of(0L, 15L, 45L, 105L, 225L, 465L, 945L, 1905L, 3825L), tracker.secondsSince(harness.start));
        assertTrue(tracker.received().stream().allMatch(Received::isConnect));
        assertEquals(
                1,
                tracker.received().stream()
                        .mapToInt(Received::transactionId)
                        .distinct()
                        .count(),
                "a retransmission repeats the request as it was");
    }

    @Test
    void anAnnounceMayHaveArrivedOnlyOnceItLeftNotWhileItsConnectIsUnanswered() throws Exception {
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.silent());
        var outcome = harness.client.announce(
                TrackerUrl.of(tracker.url()), Harness.request(), harness.start.plus(Duration.ofHours(1)));
        tracker.awaitReceived(1);
        harness.advanceSeconds(15);
        tracker.awaitReceived(2);

        assertFalse(outcome.requestMayHaveArrived(), "two connects, no announce: the tracker cannot have it");

        tracker.script(
                (request, self) -> request.isConnect() ? List.of(self.correctAnswer(request, List.of())) : List.of());
        harness.advanceSeconds(30);
        tracker.awaitReceived(4);

        assertTrue(tracker.received().get(3).isAnnounce());
        assertTrue(outcome.requestMayHaveArrived(), "the announce left");
        assertFalse(outcome.isDone());
    }

    @Test
    void theDeadlineEndsTheScheduleAndAScaledBaseScalesIt() throws Exception {
        harness.close();
        harness = new Harness(UdpTrackerConfig.defaults().withRetransmitBase(Duration.ofSeconds(1)));
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.silent());
        var outcome = harness.client.announce(
                TrackerUrl.of(tracker.url()), Harness.request(), harness.start.plus(Duration.ofSeconds(10)));

        tracker.awaitReceived(1);
        harness.advanceSeconds(1);
        tracker.awaitReceived(2);
        harness.advanceSeconds(2);
        tracker.awaitReceived(3);
        harness.advanceSeconds(4);
        tracker.awaitReceived(4);
        harness.advance(Duration.ofMillis(2999));
        assertFalse(outcome.isDone());
        harness.advance(Duration.ofMillis(1));

        assertEquals(new TrackerFailure.Timeout(4, Duration.ofSeconds(10)), failure(outcome));
        assertEquals(List.of(0L, 1L, 3L, 7L), tracker.secondsSince(harness.start));
    }

    @Test
    void urlsThatShareAHostAndPortButNotAPathEachSendTheirOwnTriesUntilTheDeadline() throws Exception {
        harness.close();
        harness = new Harness(UdpTrackerConfig.defaults().withRetransmitBase(Duration.ofSeconds(1)));
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.silent());
        List<CompletableFuture<Either<TrackerFailure, AnnounceResponse>>> outcomes = new java.util.ArrayList<>();
        for (String path : List.of("/a", "/b", "/c")) {
            outcomes.add(harness.client.announce(
                    TrackerUrl.of(tracker.url() + path),
                    Harness.request(),
                    harness.start.plus(Duration.ofSeconds(10))));
        }

        tracker.awaitReceived(3);
        harness.advanceSeconds(1);
        tracker.awaitReceived(6);
        harness.advanceSeconds(2);
        tracker.awaitReceived(9);
        harness.advanceSeconds(4);
        tracker.awaitReceived(12);
        harness.advance(Duration.ofMillis(2999));
        assertTrue(outcomes.stream().noneMatch(CompletableFuture::isDone), "each waits for the whole deadline");
        harness.advance(Duration.ofMillis(1));

        for (var outcome : outcomes) {
            assertEquals(new TrackerFailure.Timeout(4, Duration.ofSeconds(10)), failure(outcome));
        }
    }

    @Test
    void aTrackerThatAnswersOnlyTheThirdTryIsHeard() throws Exception {
        AtomicInteger connects = new AtomicInteger();
        ScriptedTracker tracker =
                harness.tracker((request, self) -> request.isConnect() && connects.incrementAndGet() < 3
                        ? List.of()
                        : List.of(self.correctAnswer(request, List.of(Harness.peer("10.0.0.1", 6881)))));
        CompletableFuture<Either<TrackerFailure, AnnounceResponse>> outcome = harness.announce(tracker);

        tracker.awaitReceived(1);
        harness.advanceSeconds(15);
        tracker.awaitReceived(2);
        harness.advanceSeconds(30);

        AnnounceResponse response = ok(outcome);
        assertEquals(List.of(Harness.peer("10.0.0.1", 6881)), response.peers());
        assertEquals(4, response.attempts(), "three connects and one announce");
        assertEquals(List.of(0L, 15L, 45L, 45L), tracker.secondsSince(harness.start));
    }

    /** BEP 15's own example: a connection id that expires while retrying sends us back to connect. */
    @Test
    void aConnectionIdThatExpiresWhileRetryingIsRenewedFirst() throws Exception {
        ScriptedTracker tracker = harness.tracker(
                (request, self) -> request.isConnect() ? List.of(self.correctAnswer(request, List.of())) : List.of());
        var outcome = harness.announce(tracker);

        tracker.awaitReceived(2);
        harness.advanceSeconds(15);
        tracker.awaitReceived(3);
        harness.advanceSeconds(30);
        tracker.awaitReceived(4);
        harness.advanceSeconds(60);
        tracker.awaitReceived(6);

        assertEquals("[connect, announce, announce, announce, connect, announce]", tracker.kinds());
        assertEquals(List.of(0L, 0L, 15L, 45L, 105L, 105L), tracker.secondsSince(harness.start));
        assertFalse(outcome.isDone());
    }

    @Test
    void aDeadlineAlreadyPassedEndsTheCallWithoutSendingAnything() throws Exception {
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.silent());

        var outcome = harness.client.announce(TrackerUrl.of(tracker.url()), Harness.request(), harness.clock.now());

        assertEquals(new TrackerFailure.Timeout(0, Duration.ZERO), failure(outcome));
    }
}
