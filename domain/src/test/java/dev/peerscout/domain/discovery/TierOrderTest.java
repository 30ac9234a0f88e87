package dev.peerscout.domain.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.CallInFlight;
import dev.peerscout.domain.port.TrackerClient;
import io.vavr.control.Either;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A private torrent's trackers one at a time (BEP 12, {@link TierOrder.OneAtATime}). */
class TierOrderTest extends DiscoveryTestKit {
    @Test
    void aPrivateTorrentAsksOneTrackerAtATimeAndMovesTheOneThatAnswersToTheFront() {
        trackers.failWith(DEAD, Duration.ofSeconds(1), new TrackerFailure.Unreachable("port unreachable", 1));
        trackers.answerWithPeers(LIVE, Duration.ofSeconds(1), List.of(peer(1, 6881)));
        String spare = "udp://spare.example:1/announce";

        Discovery discovery = discover(torrent(true, tier(0, DEAD, LIVE), tier(1, spare)), options());

        assertEquals(List.of(DEAD), calledUrls(), "only the first tracker at first");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(List.of(DEAD, LIVE), calledUrls(), "the next one only after a failure");
        clock.advance(Duration.ofSeconds(1));

        DiscoveryReport report = discovery.report().join();
        assertEquals(
                List.of(LIVE, DEAD, spare),
                report.trackers().stream().map(r -> r.url().value()).toList());
        assertEquals(
                List.of(TrackerStatus.OK, TrackerStatus.UNREACHABLE, TrackerStatus.SKIPPED),
                report.trackers().stream().map(TrackerReport::status).toList());
    }

    @Test
    void aPrivateTorrentSkipsTheTrackersItHasNoTimeLeftFor() {
        // Each gets at least 3 of the 15 seconds: the last two get none.
        List<String> silent = List.of(
                "udp://a.example:1",
                "udp://b.example:1",
                "udp://c.example:1",
                "udp://d.example:1",
                "udp://e.example:1",
                "udp://f.example:1",
                "udp://g.example:1");
        silent.forEach(trackers::silent);
        Tier[] tiers = new Tier[silent.size()];
        for (int i = 0; i < tiers.length; i++) {
            tiers[i] = tier(i, silent.get(i));
        }

        Discovery discovery = discover(torrent(true, tiers), options());
        clock.advance(TIMEOUT.plusSeconds(1));

        DiscoveryReport report = discovery.report().join();
        List<TrackerStatus> statuses =
                report.trackers().stream().map(TrackerReport::status).toList();
        assertEquals(
                List.of(
                        TrackerStatus.TIMEOUT,
                        TrackerStatus.TIMEOUT,
                        TrackerStatus.TIMEOUT,
                        TrackerStatus.TIMEOUT,
                        TrackerStatus.TIMEOUT,
                        TrackerStatus.SKIPPED,
                        TrackerStatus.SKIPPED),
                statuses);
        assertTrue(
                report.trackers().stream()
                        .filter(r -> r.status() == TrackerStatus.SKIPPED)
                        .allMatch(r -> r.error().get().equals("no time left before the deadline")),
                report.toString());
        assertEquals(silent.size(), report.trackers().size(), "every tracker has its one outcome");
    }

    @Test
    void aPrivateTorrentsTrackersSkippedByAStopSayWhatTheyWereSent() {
        // One tracker at a time: the one in flight has sent what its adapter says, the next none.
        TrackerClient twoSentSoFar = new TrackerClient() {
            @Override
            public CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(
                    TrackerUrl t, AnnounceRequest r, Instant d) {
                return CallInFlight.of(new CompletableFuture<>(), () -> 2);
            }

            @Override
            public CallInFlight<Either<TrackerFailure, dev.peerscout.domain.model.scrape.ScrapeResponse>> scrape(
                    TrackerUrl t, List<InfoHash> s, Instant d) {
                throw new UnsupportedOperationException();
            }
        };
        Discovery discovery =
                new DiscoverPeers(twoSentSoFar, clock).start(torrent(true, tier(0, LIVE, SECOND)), options(), recorder);

        discovery.stop("interrupted");

        List<TrackerReport> reports = discovery.report().join().trackers();
        assertEquals(
                List.of(TrackerStatus.SKIPPED, TrackerStatus.SKIPPED),
                reports.stream().map(TrackerReport::status).toList());
        assertEquals(
                List.of(2, 0), reports.stream().map(TrackerReport::attempts).toList(), "in flight: 2; never asked: 0");
    }
}
