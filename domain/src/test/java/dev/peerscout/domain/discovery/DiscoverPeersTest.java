package dev.peerscout.domain.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.Contents;
import dev.peerscout.domain.model.FileEntry;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashV2;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.CallInFlight;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.testing.FakeScheduler;
import dev.peerscout.domain.testing.FakeTrackerClient;
import dev.peerscout.domain.testing.Fixtures;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DiscoverPeersTest {
    private static final String DEAD = "udp://dead.example:6969/announce";
    private static final String LIVE = "udp://live.example:6969/announce";
    private static final String SECOND = "http://second.example/announce";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final FakeScheduler clock = new FakeScheduler();
    private final FakeTrackerClient trackers = new FakeTrackerClient(clock);
    private final PeerId us = Fixtures.anyPeerId();
    private final List<String> events = new ArrayList<>();
    private final DiscoveryListener recorder = new DiscoveryListener() {
        @Override
        public void peerFound(Peer peer, PeerOrigin origin) {
            events.add("peer " + peer + " from " + origin.display(true));
        }

        @Override
        public void trackerFinished(TrackerReport report) {
            events.add("tracker " + report.url().value() + " " + report.status().label());
        }
    };

    @Test
    void asksEveryTrackerOfEveryTierAtOnce() {
        trackers.silent(DEAD);
        trackers.answerWithPeers(LIVE, Duration.ofMillis(30), List.of(peer(1, 6881)));

        Discovery discovery = discover(torrent(false, tier(0, DEAD), tier(1, LIVE, SECOND)), options());

        assertEquals(List.of(DEAD, LIVE, SECOND), calledUrls(), "all three asked before any time passed");
        assertTrue(trackers.calls().stream().allMatch(call -> call.at().equals(Instant.parse("2026-01-01T00:00:00Z"))));
        clock.advance(Duration.ofMillis(30));
        assertTrue(events.contains("peer 10.0.0.1:6881 from " + LIVE), "the live tier-2 peer arrives at once: " + events);
        assertFalse(discovery.report().isDone(), "the dead tracker still has time");
    }

    @Test
    void aDeadTrackerEndsAsTimeoutAtTheDeadlineAndEveryTrackerHasOneOutcome() {
        trackers.silent(DEAD);
        trackers.answerWithPeers(LIVE, Duration.ofMillis(30), List.of(peer(1, 6881)));

        Discovery discovery = discover(torrent(false, tier(0, DEAD), tier(1, LIVE)), options());
        clock.advance(TIMEOUT.plusSeconds(1));

        DiscoveryReport report = discovery.report().join();
        assertEquals(List.of(TrackerStatus.TIMEOUT, TrackerStatus.OK),
                report.trackers().stream().map(TrackerReport::status).toList());
        assertEquals(List.of(0, 1), report.trackers().stream().map(TrackerReport::tier).toList());
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
        assertEquals(Option.some("stopped: the output was closed"), report.trackers().get(0).error());
        assertEquals(1, report.peers().size());
        assertTrue(trackers.calls().stream().anyMatch(c -> c.tracker().value().equals(LIVE)
                && c.request().event() == AnnounceEvent.STOPPED), "the tracker that accepted us hears stopped");
    }

    @Test
    void peersAreDeduplicatedAcrossTrackersAndKeepEverySource() {
        trackers.answerWithPeers(LIVE, Duration.ofMillis(10), List.of(peer(1, 6881), peer(2, 6881)));
        trackers.answerWithPeers(SECOND, Duration.ofMillis(20), List.of(peer(2, 6881), peer(3, 51413)));

        Discovery discovery = discover(torrent(false, tier(0, LIVE, SECOND)), options());
        clock.advance(Duration.ofMillis(20));

        DiscoveryReport report = discovery.report().join();
        assertEquals(3, report.peers().size());
        assertEquals(List.of(new PeerOrigin.Tracker(url(LIVE)), new PeerOrigin.Tracker(url(SECOND))),
                report.peers().get(1).sources());
        assertEquals(3, events.stream().filter(e -> e.startsWith("peer ")).count(), "each peer streamed once");
        assertEquals(2, report.trackers().get(1).peers(), "the second tracker named two peers");
    }

    @Test
    void weAreNotOurOwnPeer() throws Exception {
        Peer usOnLoopback = new Peer(InetAddress.getLoopbackAddress(), 6881);
        Peer usOutside = new Peer(InetAddress.getByName("203.0.113.7"), 6881);
        Peer other = new Peer(InetAddress.getLoopbackAddress(), 6882);
        trackers.script(LIVE, Duration.ZERO, request -> Either.right(new AnnounceResponse(Duration.ofMinutes(30),
                Option.none(), Option.none(), Option.none(), List.of(usOnLoopback, usOutside, other, peer(1, 6881)),
                Option.none(), Option.some(usOutside.address()), 1)));

        Discovery discovery = discover(torrent(false, tier(0, LIVE)), options());
        clock.runDue();

        assertEquals(List.of(other, peer(1, 6881)),
                discovery.report().join().peers().stream().map(DiscoveredPeer::peer).toList());
    }

    @Test
    void aHybridAnnouncesBothSwarmsToEachTrackerAndMergesThem() {
        InfoHash v1 = Fixtures.anyInfoHash();
        InfoHashV2 v2 = InfoHashV2.of(new byte[32]);
        Torrent hybrid = new Torrent(Option.of("h"), InfoHashes.hybrid(v1, v2), List.of(tier(0, LIVE)),
                Option.none(), false, List.of(), List.of(), List.of());
        trackers.script(LIVE, Duration.ofMillis(5), request -> Either.right(FakeTrackerClient.response(
                request.infoHash().equals(v1) ? List.of(peer(1, 1), peer(2, 2)) : List.of(peer(2, 2), peer(3, 3)), 1, 0)));

        Discovery discovery = discover(hybrid, options());
        clock.advance(Duration.ofMillis(5));

        assertEquals(List.of(v1, v2.truncated()), trackers.calls().stream()
                .filter(c -> c.request().event() == AnnounceEvent.STARTED).map(c -> c.request().infoHash()).toList());
        DiscoveryReport report = discovery.report().join();
        assertEquals(3, report.peers().size());
        assertEquals(2, report.trackers().get(0).attempts(), "one announce per swarm");
    }

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
        assertEquals(List.of(LIVE, DEAD, spare), report.trackers().stream().map(r -> r.url().value()).toList());
        assertEquals(List.of(TrackerStatus.OK, TrackerStatus.UNREACHABLE, TrackerStatus.SKIPPED),
                report.trackers().stream().map(TrackerReport::status).toList());
    }

    @Test
    void aPrivateTorrentSkipsTheTrackersItHasNoTimeLeftFor() {
        // Each gets at least 3 of the 15 seconds: the last two get none.
        List<String> silent = List.of("udp://a.example:1", "udp://b.example:1", "udp://c.example:1", "udp://d.example:1",
                "udp://e.example:1", "udp://f.example:1", "udp://g.example:1");
        silent.forEach(trackers::silent);
        Tier[] tiers = new Tier[silent.size()];
        for (int i = 0; i < tiers.length; i++) {
            tiers[i] = tier(i, silent.get(i));
        }

        Discovery discovery = discover(torrent(true, tiers), options());
        clock.advance(TIMEOUT.plusSeconds(1));

        DiscoveryReport report = discovery.report().join();
        List<TrackerStatus> statuses = report.trackers().stream().map(TrackerReport::status).toList();
        assertEquals(List.of(TrackerStatus.TIMEOUT, TrackerStatus.TIMEOUT, TrackerStatus.TIMEOUT, TrackerStatus.TIMEOUT,
                TrackerStatus.TIMEOUT, TrackerStatus.SKIPPED, TrackerStatus.SKIPPED), statuses);
        assertTrue(report.trackers().stream().filter(r -> r.status() == TrackerStatus.SKIPPED)
                .allMatch(r -> r.error().get().equals("no time left before the deadline")), report.toString());
        assertEquals(silent.size(), report.trackers().size(), "every tracker has its one outcome");
    }

    @Test
    void saysStoppedToEveryTrackerThatAcceptedUsAndOnlyToThose() {
        trackers.failWith(DEAD, Duration.ofMillis(5), new TrackerFailure.Rejected("not authorized", 1));
        Torrent torrent = torrent(false, tier(0, DEAD, LIVE));

        Discovery discovery = discover(torrent, options());
        clock.advance(Duration.ofMillis(5));

        assertTrue(discovery.farewell().isDone());
        List<AnnounceRequest> toLive = trackers.calls().stream()
                .filter(c -> c.tracker().value().equals(LIVE)).map(FakeTrackerClient.Call::request).toList();
        assertEquals(List.of(AnnounceEvent.STARTED, AnnounceEvent.STOPPED), toLive.stream().map(AnnounceRequest::event).toList());
        assertEquals(1, trackers.calls().stream().filter(c -> c.tracker().value().equals(DEAD)).count());
    }

    @Test
    void noStoppedWhenTheUserSaysNoStop() {
        Discovery discovery = discover(torrent(false, tier(0, LIVE)), withoutStop(options()));

        assertTrue(discovery.farewell().isDone());
        assertEquals(List.of(AnnounceEvent.STARTED), trackers.calls().stream().map(c -> c.request().event()).toList());
    }

    @Test
    void aTrackerStillSilentWhenDiscoveryEndsGetsStoppedButDelaysTheGoodbyeOnlyBriefly() {
        trackers.answerWithPeers(LIVE, Duration.ofMillis(10), List.of(peer(1, 6881)));
        trackers.silent(DEAD);

        Discovery discovery = discover(torrent(false, tier(0, LIVE, DEAD)), options(1));
        clock.advance(Duration.ofMillis(10));

        assertTrue(discovery.report().isDone());
        assertEquals(List.of(AnnounceEvent.STARTED, AnnounceEvent.STOPPED), eventsSentTo(DEAD),
                "it may have received our started: it hears stopped at once");
        clock.advance(Duration.ofMillis(10));
        assertFalse(discovery.farewell().isDone(), "the stopped to the silent tracker gets a moment to leave");
        clock.advance(Goodbyes.UNANSWERED_WAIT);
        assertTrue(discovery.farewell().isDone(), "a dead tracker is not waited for the whole grace period");
    }

    @Test
    void aTrackerThatHadNotAnsweredWhenDiscoveryStoppedEarlyHearsStoppedForEveryReasonItEnded() {
        for (boolean byUser : List.of(false, true)) {
            FakeScheduler clock = new FakeScheduler();
            FakeTrackerClient trackers = new FakeTrackerClient(clock);
            trackers.answerWithPeers(LIVE, Duration.ofMillis(10), List.of(peer(1, 6881)));
            trackers.script(SECOND, Duration.ofSeconds(3), request -> Either.right(FakeTrackerClient.response(List.of(), 0, 0)));

            Discovery discovery = new DiscoverPeers(trackers, clock).start(torrent(false, tier(0, LIVE, SECOND)),
                    byUser ? options() : options(1), recorder);
            clock.advance(Duration.ofMillis(10));
            if (byUser) {
                discovery.stop("interrupted");
            }

            assertTrue(discovery.report().isDone());
            assertEquals(TrackerStatus.SKIPPED, discovery.report().join().trackers().get(1).status());
            List<AnnounceEvent> toSlow = trackers.calls().stream().filter(c -> c.tracker().value().equals(SECOND))
                    .map(c -> c.request().event()).toList();
            assertEquals(List.of(AnnounceEvent.STARTED, AnnounceEvent.STOPPED), toSlow, "byUser=" + byUser);
        }
    }

    @Test
    void aTrackerThatAcceptsUsWhileWeSayGoodbyeStillGetsStopped() {
        trackers.answerWithPeers(LIVE, Duration.ofMillis(10), List.of(peer(1, 6881)));
        trackers.answerWithPeers(SECOND, Duration.ofMillis(500), List.of(peer(2, 6881)));
        trackers.script(LIVE, Duration.ofMillis(10), request -> request.event() == AnnounceEvent.STOPPED
                ? io.vavr.control.Either.right(FakeTrackerClient.response(List.of(), 0, 0))
                : io.vavr.control.Either.right(FakeTrackerClient.response(List.of(peer(1, 6881)), 1, 0)));

        Discovery discovery = discover(torrent(false, tier(0, LIVE, SECOND)), options(1));
        clock.advance(Duration.ofMillis(10));
        assertTrue(discovery.report().isDone());
        clock.advance(Duration.ofMillis(500));

        assertTrue(trackers.calls().stream().anyMatch(c -> c.tracker().value().equals(SECOND)
                && c.request().event() == AnnounceEvent.STOPPED), "the late tracker got its goodbye too");
        clock.advance(Duration.ofSeconds(3));
        assertTrue(discovery.farewell().isDone());
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
        Torrent magnet = new Torrent(Option.none(), InfoHashes.v1(Fixtures.anyInfoHash()), List.of(), Option.none(),
                false, List.of(), List.of(), List.of());

        discover(magnet, withTrackers(options(), LIVE));

        assertEquals(StartedAnnounce.UNKNOWN_SIZE_LEFT, trackers.calls().get(0).request().left());
    }

    @Test
    void extraTrackersFormTheirOwnTiersAfterTheTorrentsAndAreNotRepeated() {
        Discovery discovery = discover(torrent(false, tier(0, LIVE), tier(3, SECOND)), withTrackers(options(), SECOND, DEAD));
        clock.advance(TIMEOUT.plusSeconds(1));

        DiscoveryReport report = discovery.report().join();
        assertEquals(List.of(LIVE, SECOND, DEAD), report.trackers().stream().map(r -> r.url().value()).toList());
        assertEquals(List.of(0, 3, 4), report.trackers().stream().map(TrackerReport::tier).toList());
    }

    @Test
    void aTrackerWrittenAnotherWayIsNotAskedTwice() {
        String shouted = LIVE.toUpperCase(java.util.Locale.ROOT).replace("/ANNOUNCE", "/announce/");
        Discovery discovery = discover(torrent(false, tier(0, LIVE, shouted)), withTrackers(options(), shouted));
        clock.advance(TIMEOUT.plusSeconds(1));

        assertEquals(List.of(LIVE), discovery.report().join().trackers().stream().map(r -> r.url().value()).toList());
    }

    @Test
    void anUnsupportedSchemeIsReportedNotDropped() {
        TrackerClient router = new TrackersByScheme(Map.of("udp", trackers));
        Discovery discovery = new DiscoverPeers(router, clock).start(
                torrent(false, tier(0, "wss://tracker.example", LIVE), tier(1, "tracker.example:80/announce")),
                options(), recorder);

        DiscoveryReport report = discovery.report().join();
        assertEquals(List.of(TrackerStatus.UNSUPPORTED, TrackerStatus.OK, TrackerStatus.UNSUPPORTED),
                report.trackers().stream().map(TrackerReport::status).toList());
        assertEquals("unsupported: wss:// trackers are not supported", report.trackers().get(0).error().get());
    }

    @Test
    void anAdapterThatNeverAnswersStillEndsAtTheDeadline() {
        TrackerClient hanging = new TrackerClient() {
            @Override
            public CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(TrackerUrl t, AnnounceRequest r, Instant d) {
                return CallInFlight.of(new CompletableFuture<>(), () -> 1);
            }

            @Override
            public CallInFlight<Either<TrackerFailure, dev.peerscout.domain.model.scrape.ScrapeResponse>> scrape(
                    TrackerUrl t, List<InfoHash> s, Instant d) {
                return CallInFlight.of(new CompletableFuture<>(), () -> 1);
            }
        };
        Discovery discovery = new DiscoverPeers(hanging, clock).start(torrent(false, tier(0, LIVE)), options(), recorder);

        clock.advance(TIMEOUT.plusSeconds(1));

        assertEquals(TrackerStatus.TIMEOUT, discovery.report().join().trackers().get(0).status());
        clock.advance(Duration.ofSeconds(5));
        assertTrue(discovery.farewell().isDone(), "the goodbye is bounded by its grace period too");
    }

    @Test
    void aPrivateTorrentsTrackersSkippedByAStopSayWhatTheyWereSent() {
        // One tracker at a time: the one in flight has sent what its adapter says, the next none.
        TrackerClient twoSentSoFar = new TrackerClient() {
            @Override
            public CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(TrackerUrl t, AnnounceRequest r, Instant d) {
                return CallInFlight.of(new CompletableFuture<>(), () -> 2);
            }

            @Override
            public CallInFlight<Either<TrackerFailure, dev.peerscout.domain.model.scrape.ScrapeResponse>> scrape(
                    TrackerUrl t, List<InfoHash> s, Instant d) {
                throw new UnsupportedOperationException();
            }
        };
        Discovery discovery = new DiscoverPeers(twoSentSoFar, clock).start(torrent(true, tier(0, LIVE, SECOND)), options(), recorder);

        discovery.stop("interrupted");

        List<TrackerReport> reports = discovery.report().join().trackers();
        assertEquals(List.of(TrackerStatus.SKIPPED, TrackerStatus.SKIPPED), reports.stream().map(TrackerReport::status).toList());
        assertEquals(List.of(2, 0), reports.stream().map(TrackerReport::attempts).toList(), "in flight: 2; never asked: 0");
    }

    private List<AnnounceEvent> eventsSentTo(String url) {
        return trackers.calls().stream().filter(c -> c.tracker().value().equals(url)).map(c -> c.request().event()).toList();
    }

    private Discovery discover(Torrent torrent, DiscoveryOptions options) {
        return new DiscoverPeers(trackers, clock).start(torrent, options, recorder);
    }

    private DiscoveryOptions options() {
        return options(0);
    }

    private DiscoveryOptions options(int minPeers) {
        return new DiscoveryOptions(TIMEOUT, List.of(), 200, 6881, minPeers, EnumSet.allOf(AddressFamily.class), true,
                Duration.ofSeconds(2), us, 77, false, List.of());
    }

    private static DiscoveryOptions withoutStop(DiscoveryOptions o) {
        return new DiscoveryOptions(o.timeout(), o.extraTrackers(), o.numWant(), o.port(), o.minPeers(), o.families(),
                false, o.stopGrace(), o.peerId(), o.key(), o.usePeerSources(), o.bootstrap());
    }

    private static DiscoveryOptions withTrackers(DiscoveryOptions o, String... urls) {
        return new DiscoveryOptions(o.timeout(), List.of(urls).stream().map(TrackerUrl::of).toList(), o.numWant(),
                o.port(), o.minPeers(), o.families(), o.sendStopped(), o.stopGrace(), o.peerId(), o.key(),
                o.usePeerSources(), o.bootstrap());
    }

    private List<String> calledUrls() {
        return trackers.calls().stream().map(c -> c.tracker().value()).toList();
    }

    private static Torrent torrent(boolean isPrivate, Tier... tiers) {
        return new Torrent(Option.of("t"), InfoHashes.v1(Fixtures.anyInfoHash()), List.of(tiers),
                Option.of(new Contents(List.of(new FileEntry(List.of("t"), 123_456, false)), 123_456, 16_384, 8)),
                isPrivate, List.of(), List.of(), List.of());
    }

    private static Tier tier(int index, String... urls) {
        return new Tier(index, List.of(urls).stream().map(TrackerUrl::of).toList());
    }

    private static TrackerUrl url(String value) {
        return TrackerUrl.of(value);
    }

    private static Peer peer(int last, int port) {
        try {
            return new Peer(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last}), port);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
