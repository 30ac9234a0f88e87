package dev.peerscout.domain.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerFailure;
import io.vavr.control.Either;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The trackers of one discovery on their own: who is asked, and each report told once. */
class TrackerStatesTest extends DiscoveryTestKit {
    private static final String SPARE = "udp://spare.example:1/announce";
    private final List<String> asked = new ArrayList<>();

    private TrackerStates states(Torrent torrent) {
        return new TrackerStates(
                torrent,
                options(),
                TierOrder.of(torrent),
                clock.now().plus(TIMEOUT),
                clock,
                recorder,
                (state, trackerDeadline) -> asked.add(state.url.value()));
    }

    @Test
    void aPublicTorrentAsksEveryTrackerAtOnceAndMarksWhenEach() {
        TrackerStates states = states(torrent(false, tier(0, DEAD, LIVE), tier(1, SECOND)));
        states.begin();
        assertEquals(List.of(DEAD, LIVE, SECOND), asked);
        assertTrue(states.states().stream().allMatch(s -> clock.now().equals(s.startedAt)));
        assertFalse(states.allConcluded());
    }

    @Test
    void aTrackerConcludesOnceEverySwarmHasItsOutcome() {
        Torrent torrent = torrent(false, tier(0, DEAD));
        TrackerStates states = states(torrent);
        states.begin();
        TrackerState dead = states.states().get(0);
        InfoHash swarm = torrent.hashes().swarms().get(0);
        dead.record(swarm, Either.left(new TrackerFailure.Unreachable("port unreachable", 1)), peer -> false);

        states.outcomeRecorded(dead);

        assertEquals(List.of("tracker " + DEAD + " unreachable"), events);
        assertTrue(states.allConcluded());
    }

    @Test
    void aPrivateTorrentsOrderGoesOnWhenATrackerConcludes() {
        Torrent torrent = torrent(true, tier(0, DEAD, LIVE));
        TrackerStates states = states(torrent);
        states.begin();
        assertEquals(List.of(DEAD), asked);
        TrackerState dead = states.states().get(0);
        dead.record(torrent.hashes().swarms().get(0), Either.left(new TrackerFailure.Rejected("no", 1)), p -> false);

        states.outcomeRecorded(dead);

        assertEquals(List.of(DEAD, LIVE), asked, "after a failure, the next tracker");
    }

    @Test
    void atTheDeadlineTheAskedTimeOutAndTheOthersAreSkippedEachToldOnce() {
        TrackerStates states = states(torrent(true, tier(0, DEAD), tier(1, LIVE)));
        states.begin();
        clock.advance(TIMEOUT);

        states.timeOutAsked();
        states.skipRestLocked("no time left before the deadline");
        states.skipRestLocked("told twice?");

        assertEquals(List.of("tracker " + DEAD + " timeout", "tracker " + LIVE + " skipped"), events);
        assertEquals(Duration.ZERO, states.reports().get(1).elapsed(), "never asked");
        assertTrue(states.allConcluded());
    }

    @Test
    void reportsComeByTierWhateverTheOrderTheyConcludedIn() {
        TrackerStates states = states(torrent(false, tier(1, SPARE), tier(0, DEAD, LIVE)));
        states.begin();
        states.skipRestLocked("stopped");

        assertEquals(
                List.of(DEAD, LIVE, SPARE),
                states.reports().stream().map(r -> r.url().value()).toList());
    }

    @Test
    void aConcludedTrackerIsNotTimedOutAgain() {
        Torrent torrent = torrent(false, tier(0, LIVE));
        TrackerStates states = states(torrent);
        states.begin();
        TrackerState live = states.states().get(0);
        live.record(
                torrent.hashes().swarms().get(0),
                Either.<TrackerFailure, AnnounceResponse>left(new TrackerFailure.Timeout(1, TIMEOUT)),
                p -> false);
        states.outcomeRecorded(live);
        states.timeOutAsked();

        assertEquals(List.of(LIVE), asked);
        assertEquals(List.of("tracker " + LIVE + " timeout"), events);
    }
}
