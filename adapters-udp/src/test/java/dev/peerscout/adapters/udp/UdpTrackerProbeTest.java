package dev.peerscout.adapters.udp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.port.TrackerProbe.Step;
import dev.peerscout.domain.testing.Fixtures;
import dev.peerscout.domain.testing.TrackerProbeContract;
import dev.peerscout.domain.time.SystemScheduler;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The UDP client's probe (tracker health): the port's contract and more, against a real
 * opentracker on 127.0.0.1 and scripted trackers.
 */
class UdpTrackerProbeTest extends TrackerProbeContract {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final SystemScheduler SCHEDULER = new SystemScheduler();
    private static final Set<AddressFamily> ANY = EnumSet.allOf(AddressFamily.class);
    private static final InfoHash TRACKED = Fixtures.anyInfoHash();
    private static RealTracker real;
    private static TrackerProbe probe;

    @BeforeAll
    static void start() throws Exception {
        real = RealTracker.start(SCHEDULER, TRACKED);
        probe = real.client.probe();
    }

    @AfterAll
    static void stop() {
        RealTracker.close(real);
    }

    @Override
    protected TrackerProbe probe() {
        return probe;
    }

    @Override
    protected TrackerUrl tracker() {
        return real.url();
    }

    @Override
    protected void register(InfoHash... hashes) throws Exception {
        real.opentracker.whitelist(hashes);
    }

    @Override
    protected Instant deadline() {
        return soon();
    }

    @Test
    void aTrackedSwarmIsAnnouncedAndScrapedWithTheTimeOfEachStep() throws Exception {
        TrackerUrl url = real.url();
        assertEquals(List.of(LOOPBACK), await(probe.addresses(url, ANY, soon())).get());

        Step<AnnounceResponse> announce = await(probe.announce(url, LOOPBACK, request(TRACKED), soon()));
        Step<ScrapeResponse> scrape = await(probe.scrape(url, LOOPBACK, List.of(TRACKED), soon()));
        await(probe.announce(url, LOOPBACK, request(TRACKED).withEvent(AnnounceEvent.STOPPED), soon()));

        long interval = announce.outcome().get().interval().toSeconds();
        assertTrue(interval >= 1500 && interval <= 2100, "opentracker's randomised interval, got " + interval);
        assertTrue(announce.connect().isDefined(), "the connect is timed");
        assertEquals(announce.connect(), scrape.connect(), "the scrape used the same connection id");
        assertEquals(1, scrape.outcome().get().stats().get(TRACKED).leechers(), "our 'started' counted");
    }

    @Test
    void aRandomSwarmIsRefusedWithOpentrackersBareReplyWhichIsAnAnswer() throws Exception {
        TrackerUrl url = real.url();

        Step<AnnounceResponse> announce = await(probe.announce(url, LOOPBACK, request(Fixtures.anyInfoHash()), soon()));

        // Attempts depend on whether an earlier test left a connection id: the reason is the point.
        TrackerFailure.Rejected refused =
                (TrackerFailure.Rejected) announce.outcome().getLeft();
        assertEquals(UdpTrackerProbe.BARE_REPLY_REASON, refused.reason());
    }

    @Test
    void aClosedPortIsRefused() throws Exception {
        TrackerUrl url = TrackerUrl.of("udp://127.0.0.1:" + Harness.closedPort() + "/announce");

        TrackerFailure failure = await(probe.announce(url, LOOPBACK, request(TRACKED), soon()))
                .outcome()
                .getLeft();

        assertTrue(
                failure instanceof TrackerFailure.Unreachable unreachable && unreachable.refused(), failure.toString());
    }

    @Test
    void everyUrlOfOneTrackerAddressSharesOneConnect() throws Exception {
        try (ScriptedTracker tracker = ScriptedTracker.onIpv4(SCHEDULER, ScriptedTracker.healthy(List.of()))) {
            for (String path : List.of("/a/announce", "/b/announce", "/announce?passkey=1")) {
                Step<AnnounceResponse> step =
                        await(probe.announce(TrackerUrl.of(tracker.url(path)), LOOPBACK, request(TRACKED), soon()));
                assertTrue(step.outcome().isRight(), step.toString());
            }
            assertEquals(
                    List.of("connect", "announce", "announce", "announce"),
                    tracker.received().stream()
                            .map(ScriptedTracker.Received::kind)
                            .toList());
        }
    }

    @Test
    void anIpv6TrackerIsCheckedAtItsAddress() throws Exception {
        assumeTrue(Harness.hasIpv6Loopback(), "no ::1 here");
        try (ScriptedTracker tracker = ScriptedTracker.onIpv6(SCHEDULER, ScriptedTracker.healthy(List.of()))) {
            TrackerUrl url = TrackerUrl.of(tracker.url());
            List<InetAddress> addresses =
                    await(probe.addresses(url, ANY, soon())).get();
            assertEquals(List.of(InetAddress.getByName("::1")), addresses);
            assertEquals(
                    "no IPv4 address",
                    ((TrackerFailure.DnsFailure) await(probe.addresses(url, EnumSet.of(AddressFamily.IPV4), soon()))
                                    .getLeft())
                            .detail());

            Step<AnnounceResponse> step = await(probe.announce(url, addresses.get(0), request(TRACKED), soon()));

            assertEquals(Duration.ofSeconds(1800), step.outcome().get().interval());
        }
    }

    @Test
    void aSilentTrackerTimesOutAtTheDeadline() throws Exception {
        try (Harness harness = new Harness();
                ScriptedTracker tracker = harness.tracker(ScriptedTracker.silent())) {
            TrackerProbe silentProbe = harness.client.probe();
            CompletableFuture<Step<AnnounceResponse>> step = silentProbe.announce(
                    TrackerUrl.of(tracker.url()),
                    LOOPBACK,
                    request(TRACKED),
                    harness.clock.now().plusSeconds(10));
            tracker.awaitReceived(1);
            harness.advanceSeconds(10);

            Step<AnnounceResponse> ended = await(step);
            assertEquals(TrackerFailure.Kind.TIMEOUT, ended.outcome().getLeft().kind());
            assertTrue(ended.connect().isEmpty(), "no connect succeeded");
        }
    }

    private static AnnounceRequest request(InfoHash hash) {
        return Fixtures.announce(hash, Fixtures.anyPeerId(), 6881);
    }

    private static Instant soon() {
        return SCHEDULER.now().plusSeconds(5);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(10, TimeUnit.SECONDS);
    }
}
