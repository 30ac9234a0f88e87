package dev.peerscout.domain.discovery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
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
import dev.peerscout.domain.testing.FakeTrackerClient;
import dev.peerscout.domain.testing.Fixtures;
import dev.peerscout.domain.time.SystemScheduler;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Real threads, as in production: trackers answer on one thread while a peer source delivers
 * peers on its own, holding its own lock the way the DHT does (and its stop() takes that lock).
 * Discovery must end, and never deadlock, whichever side reaches --min-peers first.
 */
class DiscoveryConcurrencyTest {
    private final ExecutorService trackerThread = Executors.newSingleThreadExecutor();
    private final SystemScheduler scheduler = new SystemScheduler();

    @AfterEach
    void stopThreads() {
        trackerThread.shutdownNow();
    }

    @RepeatedTest(30)
    void aSourceDeliveringUnderItsOwnLockWhileTrackersFinishDiscoveryNeverDeadlocks() throws Exception {
        TrackerClient trackers = new TrackerClient() {
            @Override
            public CallInFlight<Either<TrackerFailure, AnnounceResponse>> announce(
                    TrackerUrl tracker, AnnounceRequest request, Instant deadline) {
                return CallInFlight.of(
                        CompletableFuture.supplyAsync(
                                () -> Either.right(FakeTrackerClient.response(peers(1, 200), 0, 0)), trackerThread),
                        () -> 1);
            }

            @Override
            public CallInFlight<Either<TrackerFailure, ScrapeResponse>> scrape(
                    TrackerUrl tracker, List<InfoHash> swarms, Instant deadline) {
                throw new UnsupportedOperationException();
            }
        };
        LockingSource source = new LockingSource();
        Torrent torrent = new Torrent(
                Option.none(),
                InfoHashes.v1(Fixtures.anyInfoHash()),
                List.of(new Tier(0, List.of(TrackerUrl.of("udp://a.example:1")))),
                Option.none(),
                false,
                List.of(),
                List.of(),
                List.of());
        DiscoveryOptions options = new DiscoveryOptions(
                Duration.ofSeconds(10),
                List.of(),
                50,
                6881,
                250,
                EnumSet.allOf(AddressFamily.class),
                false,
                Duration.ofSeconds(1),
                Fixtures.anyPeerId(),
                1,
                true,
                List.of());

        Discovery discovery = new DiscoverPeers(trackers, Map.of("dht", source), scheduler)
                .start(torrent, options, DiscoveryListener.NONE);

        DiscoveryReport report = discovery.report().get(5, TimeUnit.SECONDS);
        assertTrue(report.enoughPeers(), "250 peers come from the tracker and the source together");
        assertTrue(source.summary.isDone(), "the source was stopped and summarised");
        source.thread.join(5_000);
    }

    private static List<Peer> peers(int from, int count) {
        List<Peer> peers = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            try {
                peers.add(new Peer(InetAddress.getByAddress(new byte[] {10, 1, (byte) (i >> 8), (byte) i}), 6881));
            } catch (java.net.UnknownHostException e) {
                throw new AssertionError(e);
            }
        }
        return peers;
    }

    /** Delivers peers on its own thread while holding its lock; stop() needs the same lock. */
    private static final class LockingSource implements PeerSource {
        final CompletableFuture<Summary> summary = new CompletableFuture<>();
        Thread thread;

        @Override
        public Lookup findPeers(Search search, Consumer<Peer> found) {
            thread = new Thread(() -> {
                for (Peer peer : peers(1000, 400)) {
                    synchronized (this) {
                        if (summary.isDone()) {
                            return;
                        }
                        found.accept(peer);
                    }
                }
            });
            thread.start();
            return new Lookup(summary, () -> {
                synchronized (this) {
                    summary.complete(new Summary("dht", 1, 1, 0, Option.none()));
                }
            });
        }
    }
}
