package dev.peerscout.domain.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.testing.FakeScheduler;
import dev.peerscout.domain.testing.FakeTrackerClient;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A discovery's {@link Goodbyes}: a {@code stopped} to every tracker that may have our {@code started}. */
class GoodbyesTest extends DiscoveryTestKit {
    @Test
    void saysStoppedToEveryTrackerThatAcceptedUsAndOnlyToThose() {
        trackers.failWith(DEAD, Duration.ofMillis(5), new TrackerFailure.Rejected("not authorized", 1));
        Torrent torrent = torrent(false, tier(0, DEAD, LIVE));

        Discovery discovery = discover(torrent, options());
        clock.advance(Duration.ofMillis(5));

        assertTrue(discovery.farewell().isDone());
        List<AnnounceRequest> toLive = trackers.calls().stream()
                .filter(c -> c.tracker().value().equals(LIVE))
                .map(FakeTrackerClient.Call::request)
                .toList();
        assertEquals(
                List.of(AnnounceEvent.STARTED, AnnounceEvent.STOPPED),
                toLive.stream().map(AnnounceRequest::event).toList());
        assertEquals(
                1,
                trackers.calls().stream()
                        .filter(c -> c.tracker().value().equals(DEAD))
                        .count());
    }

    @Test
    void noStoppedWhenTheUserSaysNoStop() {
        Discovery discovery = discover(torrent(false, tier(0, LIVE)), withoutStop(options()));

        assertTrue(discovery.farewell().isDone());
        assertEquals(
                List.of(AnnounceEvent.STARTED),
                trackers.calls().stream().map(c -> c.request().event()).toList());
    }

    @Test
    void aTrackerStillSilentWhenDiscoveryEndsGetsStoppedButDelaysTheGoodbyeOnlyBriefly() {
        trackers.answerWithPeers(LIVE, Duration.ofMillis(10), List.of(peer(1, 6881)));
        trackers.silent(DEAD);

        Discovery discovery = discover(torrent(false, tier(0, LIVE, DEAD)), options(1));
        clock.advance(Duration.ofMillis(10));

        assertTrue(discovery.report().isDone());
        assertEquals(
                List.of(AnnounceEvent.STARTED, AnnounceEvent.STOPPED),
                eventsSentTo(DEAD),
                "it may have received our started: it hears stopped at once");
        clock.advance(Duration.ofMillis(10));
        assertFalse(discovery.farewell().isDone(), "the stopped to the silent tracker gets a moment to leave");
        clock.advance(Goodbyes.UNANSWERED_WAIT);
        assertTrue(discovery.farewell().isDone(), "a dead tracker is not waited for the whole grace period");
    }

    @Test
    void aTrackerOurStartedNeverReachedIsOwedNoStoppedAndDoesNotDelayTheGoodbye() {
        trackers.answerWithPeers(LIVE, Duration.ofMillis(10), List.of(peer(1, 6881)));
        trackers.silent(DEAD);
        trackers.unreached(DEAD);

        Discovery discovery = discover(torrent(false, tier(0, LIVE, DEAD)), options(1));
        clock.advance(Duration.ofMillis(10));
        assertTrue(discovery.report().isDone());
        clock.advance(Duration.ofMillis(10));

        assertTrue(discovery.farewell().isDone(), "only the live tracker's goodbye was waited for");
        assertEquals(List.of(AnnounceEvent.STARTED), eventsSentTo(DEAD));
        assertEquals(List.of(AnnounceEvent.STARTED, AnnounceEvent.STOPPED), eventsSentTo(LIVE));
    }

    @Test
    void aStartedThatLeftButTimedOutAtTheDeadlineStillGetsStopped() {
        trackers.answerWithPeers(LIVE, Duration.ofMillis(10), List.of(peer(1, 6881)));
        trackers.silent(DEAD);
        trackers.silent(SECOND);
        trackers.unreached(SECOND);

        Discovery discovery = discover(torrent(false, tier(0, LIVE, DEAD, SECOND)), options());
        clock.advance(TIMEOUT);
        assertTrue(discovery.report().isDone());

        assertEquals(
                List.of(AnnounceEvent.STARTED, AnnounceEvent.STOPPED),
                eventsSentTo(DEAD),
                "our started may have arrived and only its answer was lost: no ghost left there");
        assertEquals(
                List.of(AnnounceEvent.STARTED), eventsSentTo(SECOND), "its connect was never answered: it has nothing");
    }

    @Test
    void aRejectionOrARefusalIsOwedNoStopped() {
        trackers.failWith(DEAD, Duration.ofMillis(5), new TrackerFailure.Rejected("not authorized", 1));
        trackers.closed(SECOND);

        Discovery discovery = discover(torrent(false, tier(0, LIVE, DEAD, SECOND)), options());
        clock.advance(Duration.ofMillis(5));

        assertTrue(discovery.farewell().isDone());
        assertEquals(List.of(AnnounceEvent.STARTED), eventsSentTo(DEAD));
        assertEquals(List.of(AnnounceEvent.STARTED), eventsSentTo(SECOND));
    }

    @Test
    void aStartedThatLeavesAndIsAcceptedAfterTheGoodbyesStillGetsItsStopped() {
        trackers.answerWithPeers(LIVE, Duration.ofMillis(10), List.of(peer(1, 6881)));
        trackers.answerWithPeers(SECOND, Duration.ofSeconds(1), List.of());
        trackers.unreached(SECOND);

        Discovery discovery = discover(torrent(false, tier(0, LIVE, SECOND)), options(1));
        clock.advance(Duration.ofMillis(20));
        assertTrue(discovery.farewell().isDone());
        assertEquals(List.of(AnnounceEvent.STARTED), eventsSentTo(SECOND));

        trackers.reached(SECOND);
        clock.advance(Duration.ofSeconds(1));

        assertEquals(List.of(AnnounceEvent.STARTED, AnnounceEvent.STOPPED), eventsSentTo(SECOND));
    }

    @Test
    void aTrackerThatHadNotAnsweredWhenDiscoveryStoppedEarlyHearsStoppedForEveryReasonItEnded() {
        for (boolean byUser : List.of(false, true)) {
            FakeScheduler clock = new FakeScheduler();
            FakeTrackerClient trackers = new FakeTrackerClient(clock);
            trackers.answerWithPeers(LIVE, Duration.ofMillis(10), List.of(peer(1, 6881)));
            trackers.script(
                    SECOND,
                    Duration.ofSeconds(3),
                    request -> Either.right(FakeTrackerClient.response(List.of(), 0, 0)));

            Discovery discovery = new DiscoverPeers(trackers, clock)
                    .start(torrent(false, tier(0, LIVE, SECOND)), byUser ? options() : options(1), recorder);
            clock.advance(Duration.ofMillis(10));
            if (byUser) {
                discovery.stop("interrupted");
            }

            assertTrue(discovery.report().isDone());
            assertEquals(
                    TrackerStatus.SKIPPED,
                    discovery.report().join().trackers().get(1).status());
            List<AnnounceEvent> toSlow = trackers.calls().stream()
                    .filter(c -> c.tracker().value().equals(SECOND))
                    .map(c -> c.request().event())
                    .toList();
            assertEquals(List.of(AnnounceEvent.STARTED, AnnounceEvent.STOPPED), toSlow, "byUser=" + byUser);
        }
    }

    @Test
    void aTrackerThatAcceptsUsWhileWeSayGoodbyeStillGetsStopped() {
        trackers.answerWithPeers(LIVE, Duration.ofMillis(10), List.of(peer(1, 6881)));
        trackers.answerWithPeers(SECOND, Duration.ofMillis(500), List.of(peer(2, 6881)));
        trackers.script(
                LIVE,
                Duration.ofMillis(10),
                request -> request.event() == AnnounceEvent.STOPPED
                        ? io.vavr.control.Either.right(FakeTrackerClient.response(List.of(), 0, 0))
                        : io.vavr.control.Either.right(FakeTrackerClient.response(List.of(peer(1, 6881)), 1, 0)));

        Discovery discovery = discover(torrent(false, tier(0, LIVE, SECOND)), options(1));
        clock.advance(Duration.ofMillis(10));
        assertTrue(discovery.report().isDone());
        clock.advance(Duration.ofMillis(500));

        assertTrue(
                trackers.calls().stream()
                        .anyMatch(c -> c.tracker().value().equals(SECOND)
                                && c.request().event() == AnnounceEvent.STOPPED),
                "the late tracker got its goodbye too");
        clock.advance(Duration.ofSeconds(3));
        assertTrue(discovery.farewell().isDone());
    }
}
