package dev.peerscout.adapters.udp;

import static dev.peerscout.adapters.udp.Harness.failure;
import static dev.peerscout.adapters.udp.Harness.ok;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.Resolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Trackers that cannot be asked at all: each failure is its own value, quickly. */
class FailureTest {
    private final CountDownLatch slowDns = new CountDownLatch(1);
    private final Harness harness = new Harness(UdpTrackerConfig.defaults().withResolver(this::resolve));

    @AfterEach
    void close() throws Exception {
        slowDns.countDown();
        harness.close();
    }

    private List<InetAddress> resolve(String host) throws UnknownHostException {
        if (host.equals("tracker.test")) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        if (host.equals("slow.test")) {
            try {
                slowDns.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new UnknownHostException(host);
        }
        return Resolver.system().resolve(host);
    }

    @Test
    void icmpPortUnreachableEndsTheAnnounceAtOnce() throws Exception {
        String url = "udp://127.0.0.1:" + Harness.closedPort() + "/announce";

        TrackerFailure failure = failure(harness.announce(url, Harness.request()));

        assertEquals(TrackerFailure.Kind.UNREACHABLE, failure.kind());
        assertTrue(failure.message().contains("ICMP port unreachable"), failure.message());
        assertEquals(1, failure.attempts());
    }

    @Test
    void icmpPortUnreachableEndsAScrapeAtOnce() throws Exception {
        var url = TrackerUrl.of("udp://127.0.0.1:" + Harness.closedPort());

        TrackerFailure failure = failure(harness.client.scrape(
                url, List.of(anyInfoHash()), harness.clock.now().plus(Harness.ONE_HOUR)));

        assertEquals(TrackerFailure.Kind.UNREACHABLE, failure.kind());
    }

    @Test
    void aNameThatDoesNotResolveIsADnsFailure() throws Exception {
        TrackerFailure failure =
                failure(harness.announce("udp://nonexistent.invalid:6969/announce", Harness.request()));

        assertEquals(TrackerFailure.Kind.DNS, failure.kind());
        assertEquals("cannot resolve nonexistent.invalid: unknown host", failure.message());
    }

    @Test
    void aSlowNameServerIsCutOffAtTheDeadline() throws Exception {
        var outcome = harness.client.announce(
                TrackerUrl.of("udp://slow.test:6969"), Harness.request(), harness.start.plus(Duration.ofSeconds(5)));

        harness.advance(Duration.ofMillis(4999));
        assertFalse(outcome.isDone());
        harness.advance(Duration.ofMillis(1));

        assertEquals(new TrackerFailure.DnsFailure("slow.test", "not resolved within 5000 ms"), failure(outcome));
    }

    @Test
    void aNameIsResolvedOffTheCallersThread() throws Exception {
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.healthy(List.of()));

        ok(harness.announce("udp://tracker.test:" + tracker.port() + "/announce", Harness.request()));

        assertEquals("[connect, announce]", tracker.kinds());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:6969/announce",
                "wss://tracker.example/announce",
                "udp://127.0.0.1",
                "udp://[::1]/announce",
                "udp://127.0.0.1:0/announce",
                "udp://:6969",
                "udp://user@127.0.0.1:6969",
                "udp://::1:6969",
                "tracker.example:6969"
            })
    void urlsThatAreNotUsableUdpTrackersAreUnsupported(String url) throws Exception {
        // (A port beyond 65535 is a malformed URL for every client: see the contract.)
        assertEquals(
                TrackerFailure.Kind.UNSUPPORTED,
                failure(harness.announce(url, Harness.request())).kind());
        assertEquals(
                TrackerFailure.Kind.UNSUPPORTED,
                failure(harness.client.scrape(TrackerUrl.of(url), List.of(anyInfoHash()), harness.clock.now()))
                        .kind());
    }

    @Test
    void closingTheClientEndsCallsInFlight() throws Exception {
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.silent());
        var outcome = harness.announce(tracker);
        tracker.awaitReceived(1);

        harness.client.close();

        assertEquals(new TrackerFailure.Unreachable("client closed", 1), failure(outcome));
        assertEquals(
                TrackerFailure.Kind.UNREACHABLE,
                failure(harness.announce(tracker)).kind());
    }

    @Test
    void theClientsThreadsNeverKeepTheJvmAlive() throws Exception {
        ScriptedTracker tracker = harness.tracker(ScriptedTracker.healthy(List.of()));
        ok(harness.announce("udp://tracker.test:" + tracker.port(), Harness.request()));

        List<Thread> ours = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("peerscout-udp"))
                .toList();

        assertFalse(ours.isEmpty());
        assertTrue(ours.stream().allMatch(Thread::isDaemon), ours.toString());
    }
}
