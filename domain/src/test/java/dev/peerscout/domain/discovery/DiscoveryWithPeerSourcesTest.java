package dev.peerscout.domain.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.InfoHashes;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.Tier;
import dev.peerscout.domain.model.Torrent;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.port.CallInFlight;
import dev.peerscout.domain.port.PeerSource;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.testing.FakePeerSource;
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

/** The DHT (or any peer source) beside the trackers, under the same deadline and de-duplication. */
class DiscoveryWithPeerSourcesTest {
    private static final String LIVE = "udp://live.example:6969/announce";
    private static final String SECOND = "http://second.example/announce";
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final FakeScheduler clock = new FakeScheduler();
    private final FakeTrackerClient trackers = new FakeTrackerClient(clock);
    private final FakePeerSource dht = new FakePeerSource(clock, "dht").countingNodes(5, 4);
    private final List<String> events = new ArrayList<>();
    private final DiscoveryListener recorder = new DiscoveryListener() {
        @Override
        public void peerFound(Peer peer, PeerOrigin origin) {
            events.add(peer + " from " + origin.display(false));
        }

        @Override
        public void sourceFinished(PeerSource.Summary summary) {
            events.add("source " + summary.name() + " done");
        }
    };

    @Test
    void aPublicTorrentAsksTheDhtFromItsOwnNodesAndTheDefaults() {
        Torrent torrent = torrent(false, List.of(new HostPort("router.example", 6881)), tier(LIVE));

        start(torrent, options(0, true, List.of()));

        PeerSource.Search search = dht.search();
        assertEquals(torrent.hashes().swarms(), search.swarms());
        assertEquals(List.of(new HostPort("router.example", 6881)), search.bootstrap());
        assertTrue(search.defaultBootstrap());
        assertEquals(clock.now().plus(TIMEOUT), search.deadline());
    }

    @Test
    void nodesTheUserNamesAreTheOnlyStart() {
        Torrent torrent = torrent(false, List.of(new HostPort("router.example", 6881)), tier(LIVE));

        start(torrent, options(0, true, List.of(new HostPort("127.0.0.1", 7000))));

        assertEquals(List.of(new HostPort("127.0.0.1", 7000)), dht.search().bootstrap());
        assertFalse(dht.search().defaultBootstrap(), "a private or test DHT never reaches the public routers");
    }

    @Test
    void dhtPeersAreStreamedDeduplicatedWithTrackerPeersAndDiscoveryWaitsForTheSearch() {
        trackers.answerWithPeers(LIVE, Duration.ZERO, List.of(peer(1)));
        Discovery discovery = start(torrent(false, List.of(), tier(LIVE)), options(0, true, List.of()));
        clock.runDue();
        assertFalse(discovery.report().isDone(), "the DHT is still searching");

        dht.hand(peer(1));
        dht.hand(peer(2));
        dht.finish(new PeerSource.Summary("dht", 12, 9, 2, Option.none()));

        DiscoveryReport report = discovery.report().join();
        assertEquals(List.of("10.0.0.1:6881 from " + LIVE, "10.0.0.2:6881 from dht", "source dht done"), events);
        assertEquals(
                List.of(new PeerOrigin.Tracker(TrackerUrl.of(LIVE)), new PeerOrigin.Source("dht")),
                report.peers().get(0).sources());
        assertEquals(12, report.sources().get(0).nodesQueried());
    }

    @Test
    void aMagnetWithoutTrackersIsFoundThroughTheDhtAlone() {
        Discovery discovery = start(torrent(false, List.of()), options(1, true, List.of()));

        dht.hand(peer(3));

        DiscoveryReport report = discovery.report().join();
        assertTrue(report.enoughPeers());
        assertEquals(1, report.peers().size());
        assertTrue(report.trackers().isEmpty());
        assertTrue(dht.stopped(), "enough peers: the search is stopped");
        assertEquals(
                new PeerSource.Summary("dht", 5, 4, 1, Option.none()),
                report.sources().get(0));
    }

    @Test
    void aSourceThatFindsEnoughPeersBeforeFindPeersReturnsIsStillStoppedAndSummarised() {
        // A local DHT node can answer before findPeers has returned (its reply completes a future
        // the search then chains on): discovery must already count the search as running.
        dht.findsAtOnce(peer(4));

        DiscoveryReport report = start(torrent(false, List.of()), options(1, true, List.of()))
                .report()
                .join();

        assertTrue(report.enoughPeers());
        assertTrue(dht.stopped(), "the lookup returned after discovery ended is stopped");
        assertEquals(List.of(new PeerSource.Summary("dht", 5, 4, 1, Option.none())), report.sources());
    }

    @Test
    void theTrackersAreAskedBeforeTheSourcesAndEveryStartedGetsItsStopped() {
        // A source that finds enough peers at once ends discovery; the announce that went out
        // first still gets its 'stopped' when it is accepted.
        trackers.answerWithPeers(LIVE, Duration.ZERO, List.of(peer(1)));
        PeerSource eager = (search, found) -> {
            found.accept(peer(4));
            return dht.findPeers(search, found);
        };

        Discovery discovery = new DiscoverPeers(trackers, Map.of("dht", eager), clock)
                .start(torrent(false, List.of(), tier(LIVE)), withStopped(options(1, true, List.of())), recorder);
        clock.advance(Duration.ofSeconds(5));

        assertTrue(discovery.farewell().isDone());
        assertEquals(
                List.of(AnnounceEvent.STARTED, AnnounceEvent.STOPPED),
                trackers.calls().stream().map(call -> call.request().event()).toList());
    }

    @Test
    void noTrackerIsAnnouncedToOnceDiscoveryHasEnded() {
        // The first tracker answers within the call with enough peers: the second one must not be
        // told we joined, since nobody would tell it we left.
        List<String> announced = new ArrayList<>();
        TrackerClient instant = new TrackerClient() {
            @Override
            public CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(
                    TrackerUrl tracker, AnnounceRequest request, Instant deadline) {
                announced.add(tracker.value() + " " + request.event());
                return CallInFlight.of(
                        CompletableFuture.completedFuture(Either.right(new AnnounceResponse(
                                Duration.ofMinutes(30),
                                Option.none(),
                                Option.none(),
                                Option.none(),
                                List.of(peer(1)),
                                Option.none(),
                                Option.none(),
                                1))),
                        () -> 1);
            }

            @Override
            public CallInFlight<Either<TrackerFailure, ScrapeResponse>> scrape(
                    TrackerUrl tracker, List<InfoHash> swarms, Instant deadline) {
                throw new UnsupportedOperationException();
            }
        };

        new DiscoverPeers(instant, clock)
                .start(
                        torrent(false, List.of(), tier(LIVE), new Tier(1, List.of(url(SECOND)))),
                        withStopped(options(1, false, List.of())),
                        recorder)
                .farewell()
                .join();

        assertEquals(List.of(LIVE + " STARTED", LIVE + " STOPPED"), announced);
    }

    @Test
    void aSourceThatThrowsIsReportedAndTheTrackersAreStillAsked() {
        trackers.answerWithPeers(LIVE, Duration.ZERO, List.of(peer(1)));
        PeerSource broken = (search, found) -> {
            throw new IllegalStateException("no sockets");
        };

        Discovery discovery = new DiscoverPeers(trackers, Map.of("dht", broken), clock)
                .start(torrent(false, List.of(), tier(LIVE)), options(0, true, List.of()), recorder);
        clock.runDue();

        DiscoveryReport report = discovery.report().join();
        assertEquals(1, report.peers().size());
        assertTrue(
                report.sources().get(0).error().get().contains("no sockets"),
                report.sources().toString());
    }

    @Test
    void findPeersIsCalledWithoutDiscoverysLockSoASourceThreadCanHandOverPeersMeanwhile() {
        // The DHT holds its own lock while it hands over a peer; had discovery called findPeers
        // under its lock, a source waiting for that thread inside findPeers would deadlock.
        List<Boolean> handedOverMeanwhile = new ArrayList<>();
        PeerSource waitsForItsThread = (search, found) -> {
            Thread helper = new Thread(() -> found.accept(peer(5)));
            helper.start();
            try {
                helper.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handedOverMeanwhile.add(!helper.isAlive());
            return dht.findPeers(search, found);
        };

        Discovery discovery = new DiscoverPeers(trackers, Map.of("dht", waitsForItsThread), clock)
                .start(torrent(false, List.of()), options(0, true, List.of()), recorder);

        assertEquals(
                List.of(true), handedOverMeanwhile, "the source's thread got discovery's lock while findPeers ran");
        assertEquals(List.of("10.0.0.5:6881 from dht"), events);
        dht.finish(new PeerSource.Summary("dht", 1, 1, 1, Option.none()));
        assertEquals(1, discovery.report().join().peers().size());
    }

    @Test
    void aPrivateTorrentNeverUsesTheDht() {
        Discovery discovery = start(torrent(true, List.of(), tier(LIVE)), options(0, true, List.of()));

        assertEquals(null, dht.search());
        assertTrue(discovery.report().join().sources().isEmpty());
    }

    @Test
    void theUserCanTurnTheDhtOff() {
        start(torrent(false, List.of(), tier(LIVE)), options(0, false, List.of()));

        assertEquals(null, dht.search());
    }

    @Test
    void aSearchStillRunningAtTheDeadlineIsStoppedAndSummarised() {
        dht.ignoresItsDeadline(); // a source that overruns its deadline: discovery's own guard stops it
        Discovery discovery = start(torrent(false, List.of(), tier(LIVE)), options(0, true, List.of()));

        clock.advance(TIMEOUT.plusSeconds(1));

        PeerSource.Summary summary = discovery.report().join().sources().get(0);
        assertTrue(dht.stopped());
        assertEquals(5, summary.nodesQueried(), "what it counted when it was stopped");
    }

    private Discovery start(Torrent torrent, DiscoveryOptions options) {
        return new DiscoverPeers(trackers, Map.of("dht", dht), clock).start(torrent, options, recorder);
    }

    private static DiscoveryOptions withStopped(DiscoveryOptions o) {
        return new DiscoveryOptions(
                o.timeout(),
                o.extraTrackers(),
                o.numWant(),
                o.port(),
                o.minPeers(),
                o.families(),
                true,
                o.stopGrace(),
                o.peerId(),
                o.key(),
                o.usePeerSources(),
                o.bootstrap());
    }

    private static TrackerUrl url(String value) {
        return TrackerUrl.of(value);
    }

    private static DiscoveryOptions options(int minPeers, boolean dht, List<HostPort> bootstrap) {
        return new DiscoveryOptions(
                TIMEOUT,
                List.of(),
                50,
                6881,
                minPeers,
                EnumSet.allOf(AddressFamily.class),
                false,
                Duration.ofSeconds(1),
                Fixtures.anyPeerId(),
                1,
                dht,
                bootstrap);
    }

    private static Torrent torrent(boolean isPrivate, List<HostPort> nodes, Tier... tiers) {
        return new Torrent(
                Option.none(),
                InfoHashes.v1(Fixtures.anyInfoHash()),
                List.of(tiers),
                Option.none(),
                isPrivate,
                List.of(),
                nodes,
                List.of());
    }

    private static Tier tier(String url) {
        return new Tier(0, List.of(TrackerUrl.of(url)));
    }

    private static Peer peer(int last) {
        try {
            return new Peer(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last}), 6881);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
