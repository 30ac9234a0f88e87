package dev.peerscout.domain.testing;

import static dev.peerscout.domain.testing.Fixtures.announce;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static dev.peerscout.domain.testing.Fixtures.anyPeerId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.PeerId;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import dev.peerscout.domain.port.CallInFlight;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.time.Scheduler;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TrackerClient} must do against a working tracker that shares one peer table
 * (a real opentracker for the adapters, the in-memory fake for itself), and the port's promises
 * when no tracker answers. Subclasses supply the client, the tracker's URL, a way to make a hash
 * known to the tracker, and, for their own scheme, a tracker that never answers and a closed port.
 *
 * <p>The promises checked for every adapter, on a {@link FakeScheduler} so that no test waits for
 * a deadline in real time:
 * <ul>
 *   <li>a silent tracker's announce and scrape complete with a {@link TrackerFailure.Timeout} once
 *       the clock reaches the deadline, and not exceptionally;</li>
 *   <li>a closed port's announce and scrape complete with {@link TrackerFailure.Kind#UNREACHABLE}
 *       before the clock moves at all, and not exceptionally.</li>
 * </ul>
 * Real I/O (a request crossing the loopback) is waited for, bounded at a few seconds.
 */
public abstract class TrackerClientContract {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final long IO_BOUND_SECONDS = 5;

    private final List<AutoCloseable> closeAfterTest = new ArrayList<>();

    protected abstract TrackerClient client();

    protected abstract TrackerUrl tracker();

    /** Makes the tracker accept these swarms (opentracker's whitelist). */
    protected abstract void register(InfoHash... hashes) throws Exception;

    /** The deadline for one call, on the client's clock. */
    protected abstract Instant deadline();

    /** A client like {@link #client()}, on this clock; register it with {@link #closeAfterTest}. */
    protected abstract TrackerClient clientOn(Scheduler clock) throws Exception;

    /** Something at a URL of this client's scheme that takes requests and never answers. */
    protected abstract SilentTracker silentTracker() throws Exception;

    /** A URL of this client's scheme where nothing listens (on 127.0.0.1). */
    protected abstract TrackerUrl closedPort() throws Exception;

    /** A tracker that hears requests and never answers; closed by the contract after the test. */
    protected interface SilentTracker extends AutoCloseable {
        TrackerUrl url();

        /** Returns once a request has reached the tracker; throws if none comes within a few seconds. */
        void awaitRequest() throws Exception;
    }

    /** Closes {@code closeable} when the test ends, and returns it. */
    protected final <T extends AutoCloseable> T closeAfterTest(T closeable) {
        closeAfterTest.add(closeable);
        return closeable;
    }

    @AfterEach
    void closeWhatTheTestOpened() throws Exception {
        for (AutoCloseable closeable : closeAfterTest) {
            closeable.close();
        }
        closeAfterTest.clear();
    }

    @Test
    void aSilentTrackersAnnounceTimesOutByTheDeadline() throws Exception {
        FakeScheduler clock = new FakeScheduler();
        TrackerClient client = clientOn(clock);
        SilentTracker silent = closeAfterTest(silentTracker());
        Instant deadline = clock.now().plus(PATIENCE);

        var outcome = client.announce(silent.url(), announce(anyInfoHash(), anyPeerId(), 40_051), deadline);
        silent.awaitRequest();
        clock.advance(PATIENCE);

        assertFailure(TrackerFailure.Kind.TIMEOUT, outcome);
    }

    @Test
    void aSilentTrackersScrapeTimesOutByTheDeadline() throws Exception {
        FakeScheduler clock = new FakeScheduler();
        TrackerClient client = clientOn(clock);
        SilentTracker silent = closeAfterTest(silentTracker());
        Instant deadline = clock.now().plus(PATIENCE);

        var outcome = client.scrape(silent.url(), List.of(anyInfoHash(), anyInfoHash()), deadline);
        silent.awaitRequest();
        clock.advance(PATIENCE);

        assertFailure(TrackerFailure.Kind.TIMEOUT, outcome);
    }

    @Test
    void aClosedPortsAnnounceIsUnreachableAtOnce() throws Exception {
        FakeScheduler clock = new FakeScheduler();
        TrackerClient client = clientOn(clock);

        var outcome = client.announce(
                closedPort(),
                announce(anyInfoHash(), anyPeerId(), 40_061),
                clock.now().plus(PATIENCE));

        assertFailure(TrackerFailure.Kind.UNREACHABLE, outcome);
    }

    @Test
    void aClosedPortsScrapeIsUnreachableAtOnce() throws Exception {
        FakeScheduler clock = new FakeScheduler();
        TrackerClient client = clientOn(clock);

        var outcome =
                client.scrape(closedPort(), List.of(anyInfoHash()), clock.now().plus(PATIENCE));

        assertFailure(TrackerFailure.Kind.UNREACHABLE, outcome);
    }

    /**
     * The call has completed, or does so within a few seconds of real time while the fake clock
     * stands still: a failure of this kind, as a value.
     */
    private static void assertFailure(
            TrackerFailure.Kind expected, CompletableFuture<? extends Either<TrackerFailure, ?>> call)
            throws Exception {
        Either<TrackerFailure, ?> outcome;
        try {
            outcome = call.get(IO_BOUND_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("not complete though the clock stands at the deadline or the port refused", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("completed exceptionally: the port promises failures as values", e.getCause());
        }
        if (outcome.isRight()) {
            fail("expected " + expected + ", got an answer: " + outcome.get());
        }
        assertEquals(expected, outcome.getLeft().kind(), outcome.getLeft().message());
    }

    @Test
    void announceJoinsTheSwarmAndReturnsAnInterval() throws Exception {
        InfoHash swarm = anyInfoHash();
        register(swarm);

        AnnounceResponse response = announceOk(announce(swarm, anyPeerId(), 40_001));

        assertTrue(response.interval().toSeconds() > 0, "interval " + response.interval());
        assertTrue(response.attempts() >= 1);
        assertEquals(1, response.leechers().getOrElse(1), "we are the only leecher");
    }

    @Test
    void peersThatAnnouncedEarlierAreReturned() throws Exception {
        InfoHash swarm = anyInfoHash();
        register(swarm);
        announceOk(announce(swarm, anyPeerId(), 40_011));
        announceOk(announce(swarm, anyPeerId(), 40_012));

        AnnounceResponse third = announceOk(announce(swarm, anyPeerId(), 40_013));

        assertTrue(third.peers().contains(new Peer(LOOPBACK, 40_011)), "peers: " + third.peers());
        assertTrue(third.peers().contains(new Peer(LOOPBACK, 40_012)), "peers: " + third.peers());
    }

    @Test
    void stoppedRemovesThePeerFromTheSwarm() throws Exception {
        InfoHash swarm = anyInfoHash();
        register(swarm);
        PeerId leaving = anyPeerId();
        announceOk(announce(swarm, leaving, 40_021));
        announceOk(announce(swarm, leaving, 40_021).withEvent(AnnounceEvent.STOPPED));

        AnnounceResponse later = announceOk(announce(swarm, anyPeerId(), 40_022));

        assertFalse(later.peers().contains(new Peer(LOOPBACK, 40_021)), "peers: " + later.peers());
    }

    @Test
    void stoppedFromAPeerTheTrackerNeverSawIsAnsweredAndAddsNobody() throws Exception {
        // Discovery that ends early says stopped to every tracker that may have our started, so a
        // tracker whose started never arrived gets a stopped out of the blue: it must be harmless.
        InfoHash swarm = anyInfoHash();
        register(swarm);

        announceOk(announce(swarm, anyPeerId(), 40_041).withEvent(AnnounceEvent.STOPPED));
        AnnounceResponse later = announceOk(announce(swarm, anyPeerId(), 40_042));

        assertFalse(later.peers().contains(new Peer(LOOPBACK, 40_041)), "peers: " + later.peers());
        assertEquals(1, later.leechers().getOrElse(1), "only the second announcer is in the swarm");
    }

    @Test
    void scrapeCountsSeedersAndLeechersOfEverySwarmAsked() throws Exception {
        InfoHash busy = anyInfoHash();
        InfoHash quiet = anyInfoHash();
        register(busy, quiet);
        announceOk(seeder(busy, 40_031));
        announceOk(announce(busy, anyPeerId(), 40_032));
        announceOk(announce(busy, anyPeerId(), 40_033));

        ScrapeResponse response = client().scrape(tracker(), List.of(busy, quiet), deadline())
                .get(30, TimeUnit.SECONDS)
                .getOrElseThrow(this::failure);

        assertEquals(new ScrapeStats(1, 0, 2), response.stats().get(busy));
        ScrapeStats none = response.stats().getOrDefault(quiet, new ScrapeStats(0, 0, 0));
        assertEquals(0, none.seeders() + none.leechers(), "a swarm nobody joined is empty");
    }

    @Test
    void aPortOutOfRangeIsAMalformedTrackerUrlAndNothingIsSent() throws Exception {
        TrackerUrl bad = TrackerUrl.of(tracker().value().replaceFirst("^([a-z]+://[^/?#]*):\\d+", "$1:99999"));

        TrackerFailure failure = client().announce(bad, announce(anyInfoHash(), anyPeerId(), 40_041), deadline())
                .get(30, TimeUnit.SECONDS)
                .getLeft();

        assertEquals(TrackerFailure.Kind.MALFORMED, failure.kind(), failure.message());
        assertEquals("malformed tracker URL: port 99999 is out of range", failure.message());
        assertEquals(0, failure.attempts(), "no request can be sent");
    }

    @Test
    void anAddressLiteralOfAFamilyTheRequestExcludesIsSaidToBeSo() throws Exception {
        TrackerUrl ipv4 = TrackerUrl.of(tracker().value().replaceFirst("^([a-z]+://)[^/?#:]*", "$1127.0.0.1"));
        AnnounceRequest any = announce(anyInfoHash(), anyPeerId(), 40_042);
        AnnounceRequest ipv6Only = new AnnounceRequest(
                any.infoHash(),
                any.peerId(),
                any.port(),
                0,
                0,
                0,
                AnnounceEvent.STARTED,
                any.numWant(),
                any.key(),
                Set.of(AddressFamily.IPV6));

        TrackerFailure failure = client().announce(ipv4, ipv6Only, deadline())
                .get(30, TimeUnit.SECONDS)
                .getLeft();

        assertEquals(TrackerFailure.Kind.UNSUPPORTED, failure.kind(), failure.message());
        assertEquals(
                "127.0.0.1 is an IPv4 address, and only IPv6 is allowed",
                failure.message().replace("unsupported: ", ""));
    }

    /** A tracker that takes requests and never answers them (it may answer a UDP connect), counting what reached it. */
    public interface UnansweringTracker {
        TrackerUrl url();

        /** Requests (every datagram, for UDP) that have reached the tracker so far. */
        int requestsReceived();
    }

    /** This client's way to a tracker that never answers: an in-test server for the adapters. */
    protected abstract UnansweringTracker unansweringTracker() throws Exception;

    /** Lets time pass for the client (a fake clock advances; real clocks just run). */
    protected void letTimePass() throws InterruptedException {
        Thread.sleep(20);
    }

    @Test
    void aCallAbandonedInFlightReportsTheRequestsItSentSoFar() throws Exception {
        // Discovery that ends early reports a tracker still being waited for as skipped, with what
        // only the adapter knows: how many requests that call has sent.
        UnansweringTracker silent = unansweringTracker();
        CallInFlight<Either<TrackerFailure, AnnounceResponse>> call =
                client().announce(silent.url(), announce(anyInfoHash(), anyPeerId(), 40_051), deadline());

        for (int i = 0;
                i < 500 && (silent.requestsReceived() == 0 || call.requestsSent() != silent.requestsReceived());
                i++) {
            letTimePass();
        }

        assertFalse(call.isDone(), "no answer came: the call is still in flight");
        assertTrue(silent.requestsReceived() > 0, "the tracker heard from the client");
        assertEquals(
                silent.requestsReceived(), call.requestsSent(), "each request that reached the tracker is counted");
    }

    @Test
    void aCallTheTrackerAnsweredSentAsManyRequestsAsItsOutcomeCounts() throws Exception {
        InfoHash swarm = anyInfoHash();
        register(swarm);

        CallInFlight<Either<TrackerFailure, AnnounceResponse>> announced =
                client().announce(tracker(), announce(swarm, anyPeerId(), 40_061), deadline());
        AnnounceResponse response = announced.get(30, TimeUnit.SECONDS).getOrElseThrow(this::failure);
        CallInFlight<Either<TrackerFailure, ScrapeResponse>> scraped =
                client().scrape(tracker(), List.of(swarm), deadline());
        ScrapeResponse counts = scraped.get(30, TimeUnit.SECONDS).getOrElseThrow(this::failure);

        assertEquals(response.attempts(), announced.requestsSent(), "the announce's requests");
        assertEquals(counts.attempts(), scraped.requestsSent(), "the scrape's requests");
    }

    private AnnounceRequest seeder(InfoHash swarm, int port) {
        AnnounceRequest leecher = announce(swarm, anyPeerId(), port);
        return new AnnounceRequest(
                swarm,
                leecher.peerId(),
                port,
                0,
                0,
                0,
                AnnounceEvent.STARTED,
                leecher.numWant(),
                leecher.key(),
                leecher.families());
    }

    private AnnounceResponse announceOk(AnnounceRequest request) throws Exception {
        Either<TrackerFailure, AnnounceResponse> outcome =
                client().announce(tracker(), request, deadline()).get(30, TimeUnit.SECONDS);
        return outcome.getOrElseThrow(this::failure);
    }

    private AssertionError failure(TrackerFailure failure) {
        return new AssertionError(failure.kind() + ": " + failure.message());
    }
}
