package dev.peerscout.adapters.udp;

import static dev.peerscout.domain.testing.Fixtures.announce;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static dev.peerscout.domain.testing.Fixtures.anyPeerId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import dev.peerscout.domain.time.SystemScheduler;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The adapter against a real opentracker on 127.0.0.1, started once for the class. */
class OpentrackerIntegrationTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final SystemScheduler SCHEDULER = new SystemScheduler();
    private static RealTracker real;

    @BeforeAll
    static void start() throws Exception {
        real = RealTracker.start(SCHEDULER);
    }

    @AfterAll
    static void stop() {
        RealTracker.close(real);
    }

    @Test
    void anAnnounceGetsOpentrackersRandomisedIntervalAndTheEarlierPeers() throws Exception {
        InfoHash swarm = anyInfoHash();
        real.opentracker.whitelist(swarm);
        announceOk(announce(swarm, anyPeerId(), 41_001));

        AnnounceResponse response = announceOk(announce(swarm, anyPeerId(), 41_002));

        long interval = response.interval().toSeconds();
        assertTrue(interval >= 1500 && interval <= 2100, "interval " + interval);
        assertTrue(
                response.peers().contains(new Peer(LOOPBACK, 41_001)),
                response.peers().toString());
        assertEquals(2, response.leechers().get());
        assertEquals(1, response.attempts(), "the connection id from the first announce is reused");
    }

    @Test
    void aStoppedAnnounceIsAGoodbye() throws Exception {
        InfoHash swarm = anyInfoHash();
        real.opentracker.whitelist(swarm);
        AnnounceRequest leaving = announce(swarm, anyPeerId(), 41_011);
        announceOk(leaving);

        AnnounceResponse goodbye = announceOk(leaving.withEvent(AnnounceEvent.STOPPED));

        assertEquals(List.of(), goodbye.peers());
        assertEquals(0, goodbye.leechers().get());
    }

    @Test
    void scraping150SwarmsCountsEveryOne() throws Exception {
        List<InfoHash> swarms = Stream.generate(() -> anyInfoHash()).limit(150).toList();
        real.opentracker.whitelist(swarms);
        announceOk(announce(swarms.get(0), anyPeerId(), 41_021));
        announceOk(announce(swarms.get(100), anyPeerId(), 41_022));
        announceOk(announce(swarms.get(149), anyPeerId(), 41_023));

        ScrapeResponse response =
                get(real.client.scrape(tracker(), swarms, deadline())).getOrElseThrow(this::failure);

        assertEquals(150, response.stats().size());
        assertEquals(new ScrapeStats(0, 0, 1), response.stats().get(swarms.get(0)));
        assertEquals(new ScrapeStats(0, 0, 1), response.stats().get(swarms.get(100)));
        assertEquals(new ScrapeStats(0, 0, 1), response.stats().get(swarms.get(149)));
        assertEquals(new ScrapeStats(0, 0, 0), response.stats().get(swarms.get(50)));
    }

    /** Debian's opentracker answers a hash outside its whitelist with 8 bytes: no waiting for more. */
    @Test
    void aSwarmTheTrackerDoesNotTrackIsAMalformedAnswerAtOnce() throws Exception {
        TrackerFailure failure = get(real.client.announce(
                        tracker(), announce(anyInfoHash(), anyPeerId(), 41_031), deadline()))
                .getLeft();

        assertEquals(
                new TrackerFailure.Malformed("announce reply of 8 bytes, expected at least 20", failure.attempts()),
                failure);
    }

    private AnnounceResponse announceOk(AnnounceRequest request) throws Exception {
        return get(real.client.announce(tracker(), request, deadline())).getOrElseThrow(this::failure);
    }

    private static <T> Either<TrackerFailure, T> get(CompletableFuture<Either<TrackerFailure, T>> future)
            throws Exception {
        return future.get(15, TimeUnit.SECONDS);
    }

    private AssertionError failure(TrackerFailure failure) {
        return new AssertionError(failure.kind() + ": " + failure.message());
    }

    private static TrackerUrl tracker() {
        return real.url();
    }

    private static Instant deadline() {
        return SCHEDULER.now().plus(Duration.ofSeconds(10));
    }
}
