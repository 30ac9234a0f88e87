package dev.peerscout.domain.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.CallInFlight;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.testing.FakeTrackerClient;
import dev.peerscout.domain.testing.Fixtures;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DiscoverPeersTest extends DiscoveryTestKit {
    @Test
    void asksEveryTrackerOfEveryTierAtOnce() {
        trackers.silent(DEAD);
        trackers.answerWithPeers(LIVE, Duration.ofMillis(30), List.of(peer(1, 6881)));

        Discovery discovery = discover(torrent(false, tier(0, DEAD), tier(1, LIVE, SECOND)), options());

        assertEquals(List.of(DEAD, LIVE, SECOND), calledUrls(), "all three asked before any time passed");
        assertTrue(trackers.calls().stream().allMatch(call -> call.at().equals(Instant.parse("2026-01-01T00:00:00Z"))));
        clock.advance(Duration.ofMillis(30));
        assertTrue(
                events.contains("peer 10.0.0.1:6881 from " + LIVE), "the live tier-2 peer arrives at once: " + events);
        assertFalse(discovery.report().isDone(), "the dead tracker still has time");
    }

    @Test
    void aDeadTrackerEndsAsTimeoutAtTheDeadlineAndEveryTrackerHasOneOutcome() {
        trackers.silent(DEAD);
        trackers.answerWithPeers(LIVE, Duration.ofMillis(30), List.of(peer(1, 6881)));

        Discovery discovery = discover(torrent(false, tier(0, DEAD), tier(1, LIVE)), options());
        clock.advance(TIMEOUT.plusSeconds(1));

        DiscoveryReport report = discovery.report().join();
        assertEquals(
                List.of(TrackerStatus.TIMEOUT, TrackerStatus.OK),
                report.trackers().stream().map(TrackerReport::status).toList());
        assertEquals(
                List.of(0, 1),
                report.trackers().stream().map(TrackerReport::tier).toList());
        assertEquals(2, events.stream().filter(e -> e.startsWith("tracker ")).count(), "one outcome each: " + events);
        assertEquals(1, report.peers().size());
    }

    @Test
    void endsAsSoonAsEnoughPeersAreKnown() {
        trackers.silent(DEAD);
        trackers.answerWithPeers(LIVE, Duration.ofMillis(40), List.of(peer(1, 6881), peer(2, 6881)));

        Discovery discovery = discover(torrent(false, tier(0, DEAD), tier(1, LIVE)), options(2));
        clock.advance(Duration.ofMillis(40));

        DiscoveryReport report = discovery.report().getNow(null);
        assertTrue(report != null && report.enoughPeers(), "done at 40 ms, not at the deadline");
        assertEquals(Duration.ofMillis(40), report.elapsed());
        assertEquals(TrackerStatus.SKIPPED, report.trackers().get(0).status());
    }

    @Test
    void stopEndsDiscoveryAtOnceWithWhatWasFoundAndStillSaysGoodbye() {
        trackers.silent(DEAD);
        trackers.answerWithPeers(LIVE, Duration.ofMillis(40), List.of(peer(1, 6881)));

        Discovery discovery = discover(torrent(false, tier(0, DEAD), tier(1, LIVE)), options());
        clock.advance(Duration.ofMillis(40));
        discovery.stop("stopped: the output was closed");
        discovery.stop("a second stop changes nothing");

        DiscoveryReport report = discovery.report().getNow(null);
        assertTrue(report != null, "done at once, not at the deadline");
        assertFalse(report.enoughPeers());
        assertEquals(Duration.ofMillis(40), report.elapsed());
        assertEquals(TrackerStatus.SKIPPED, report.trackers().get(0).status());
        assertEquals(
                Option.some("stopped: the output was closed"),
                report.trackers().get(0).error());
        assertEquals(1, report.peers().size());
        assertTrue(
                trackers.calls().stream()
                        .anyMatch(c ->
                                c.tracker().value().equals(LIVE) && c.request().event() == AnnounceEvent.STOPPED),
                "the tracker that accepted us hears stopped");
    }

    @Test
    void peersAreDeduplicatedAcrossTrackersAndKeepEverySource() {
        trackers.answerWithPeers(LIVE, Duration.ofMillis(10), List.of(peer(1, 6881), peer(2, 6881)));
        trackers.answerWithPeers(SECOND, Duration.ofMillis(20), List.of(peer(2, 6881), peer(3, 51413)));

        Discovery discovery = discover(torrent(false, tier(0, LIVE, SECOND)), options());
        clock.advance(Duration.ofMillis(20));

        DiscoveryReport report = discovery.report().join();
        assertEquals(3, report.peers().size());
        assertEquals(
                List.of(new PeerOrigin.Tracker(url(LIVE)), new PeerOrigin.Tracker(url(SECOND))),
                report.peers().get(1).sources());
        assertEquals(3, events.stream().filter(e -> e.startsWith("peer ")).count(), "each peer streamed once");
        assertEquals(2, report.trackers().get(1).peers(), "the second tracker named two peers");
    }

    @Test
    void weAreNotOurOwnPeer() throws Exception {
        Peer usOnLoopback = new Peer(InetAddress.getLoopbackAddress(), 6881);
        Peer usOutside = new Peer(InetAddress.getByName("203.0.113.7"), 6881);
        Peer other = new Peer(InetAddress.getLoopbackAddress(), 6882);
        trackers.script(
                LIVE,
                Duration.ZERO,
                request -> Either.right(new AnnounceResponse(
                        Duration.ofMinutes(30),
                        Option.none(),
                        Option.none(),
                        Option.none(),
                        List.of(usOnLoopback, usOutside, other, peer(1, 6881)),
                        Option.none(),
                        Option.some(usOutside.address()),
                        1)));

        Discovery discovery = discover(torrent(false, tier(0, LIVE)), options());
        clock.runDue();

        assertEquals(
                List.of(other, peer(1, 6881)),
                discovery.report().join().peers().stream()
                        .map(DiscoveredPeer::peer)
                        .toList());
    }

    @Test
    void aHybridAnnouncesBothSwarmsToEachTrackerAndMergesThem() {
        InfoHash v1 = Fixtures.anyInfoHash();
        InfoHashV2 v2 = InfoHashV2.of(new byte[32]);
        Torrent hybrid = new Torrent(
                Option.of("h"),
                InfoHashes.hybrid(v1, v2),
                List.of(tier(0, LIVE)),
                Option.none(),
                false,
                List.of(),
                List.of(),
                List.of());
        trackers.script(
                LIVE,
                Duration.ofMillis(5),
                request -> Either.right(FakeTrackerClient.response(
                        request.infoHash().equals(v1)
                                ? List.of(peer(1, 1), peer(2, 2))
                                : List.of(peer(2, 2), peer(3, 3)),
                        1,
                        0)));

        Discovery discovery = discover(hybrid, options());
        clock.advance(Duration.ofMillis(5));

        assertEquals(
                List.of(v1, v2.truncated()),
                trackers.calls().stream()
                        .filter(c -> c.request().event() == AnnounceEvent.STARTED)
                        .map(c -> c.request().infoHash())
                        .toList());
        DiscoveryReport report = discovery.report().join();
        assertEquals(3, report.peers().size());
        assertEquals(2, report.trackers().get(0).attempts(), "one announce per swarm");
    }

    @Test
    void announcesTheTotalSizeAsLeftOurIdentityAndTheFamiliesAllowed() {
        discover(torrent(false, tier(0, LIVE)), options());

        AnnounceRequest request = trackers.calls().get(0).request();
        assertEquals(AnnounceEvent.STARTED, request.event());
        assertEquals(123_456L, request.left());
        assertEquals(us, request.peerId());
        assertEquals(77, request.key());
        assertEquals(EnumSet.allOf(AddressFamily.class), request.families());
    }

    @Test
    void aMagnetLinkAnnouncesAPositivePlaceholderForLeft() {
        Torrent magnet = new Torrent(
                Option.none(),
                InfoHashes.v1(Fixtures.anyInfoHash()),
                List.of(),
                Option.none(),
                false,
                List.of(),
                List.of(),
                List.of());

        discover(magnet, withTrackers(options(), LIVE));

        assertEquals(
                StartedAnnounce.UNKNOWN_SIZE_LEFT,
                trackers.calls().get(0).request().left());
    }

    @Test
    void extraTrackersFormTheirOwnTiersAfterTheTorrentsAndAreNotRepeated() {
        Discovery discovery =
                discover(torrent(false, tier(0, LIVE), tier(3, SECOND)), withTrackers(options(), SECOND, DEAD));
        clock.advance(TIMEOUT.plusSeconds(1));

        DiscoveryReport report = discovery.report().join();
        assertEquals(
                List.of(LIVE, SECOND, DEAD),
                report.trackers().stream().map(r -> r.url().value()).toList());
        assertEquals(
                List.of(0, 3, 4),
                report.trackers().stream().map(TrackerReport::tier).toList());
    }

    @Test
    void aTrackerWrittenAnotherWayIsNotAskedTwice() {
        String shouted = LIVE.toUpperCase(java.util.Locale.ROOT).replace("/ANNOUNCE", "/announce/");
        Discovery discovery = discover(torrent(false, tier(0, LIVE, shouted)), withTrackers(options(), shouted));
        clock.advance(TIMEOUT.plusSeconds(1));

        assertEquals(
                List.of(LIVE),
                discovery.report().join().trackers().stream()
                        .map(r -> r.url().value())
                        .toList());
    }

    @Test
    void anUnsupportedSchemeIsReportedNotDropped() {
        TrackerClient router = new TrackersByScheme(Map.of("udp", trackers));
        Discovery discovery = new DiscoverPeers(router, clock)
                .start(
                        torrent(false, tier(0, "wss://tracker.example", LIVE), tier(1, "tracker.example:80/announce")),
                        options(),
                        recorder);

        DiscoveryReport report = discovery.report().join();
        assertEquals(
                List.of(TrackerStatus.UNSUPPORTED, TrackerStatus.OK, TrackerStatus.UNSUPPORTED),
                report.trackers().stream().map(TrackerReport::status).toList());
        assertEquals(
                "unsupported: wss:// trackers are not supported",
                report.trackers().get(0).error().get());
    }

    @Test
    void anAdapterThatNeverAnswersStillEndsAtTheDeadline() {
        TrackerClient hanging = new TrackerClient() {
            @Override
            public CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(
                    TrackerUrl t, AnnounceRequest r, Instant d) {
                return CallInFlight.of(new CompletableFuture<>(), () -> 1);
            }

            @Override
            public CallInFlight<Either<TrackerFailure, dev.peerscout.domain.model.scrape.ScrapeResponse>> scrape(
                    TrackerUrl t, List<InfoHash> s, Instant d) {
                return CallInFlight.of(new CompletableFuture<>(), () -> 1);
            }
        };
        Discovery discovery =
                new DiscoverPeers(hanging, clock).start(torrent(false, tier(0, LIVE)), options(), recorder);

        clock.advance(TIMEOUT.plusSeconds(1));

        assertEquals(
                TrackerStatus.TIMEOUT,
                discovery.report().join().trackers().get(0).status());
        clock.advance(Duration.ofSeconds(5));
        assertTrue(discovery.farewell().isDone(), "the goodbye is bounded by its grace period too");
    }
}
