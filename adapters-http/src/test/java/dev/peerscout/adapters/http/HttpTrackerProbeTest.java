package dev.peerscout.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.port.TrackerProbe.Step;
import dev.peerscout.domain.testing.Fixtures;
import dev.peerscout.domain.testing.Opentracker;
import dev.peerscout.domain.testing.TrackerProbeContract;
import dev.peerscout.domain.time.SystemScheduler;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
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
 * The HTTP client's probe (tracker health): the port's contract and more, against a real
 * opentracker's HTTP side and a broken in-test server.
 */
class HttpTrackerProbeTest extends TrackerProbeContract {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final SystemScheduler SCHEDULER = new SystemScheduler();
    private static final Set<AddressFamily> ANY = EnumSet.allOf(AddressFamily.class);
    private static final InfoHash TRACKED = Fixtures.anyInfoHash();
    private static final HttpTrackerClient CLIENT = new HttpTrackerClient(SCHEDULER, HttpTrackerConfig.defaults());
    private static final TrackerProbe PROBE = CLIENT.probe();
    private static Opentracker opentracker;
    private static LoopbackHttpServer broken;

    @BeforeAll
    static void start() throws Exception {
        opentracker = Opentracker.start(TRACKED);
        broken = LoopbackHttpServer.http();
        broken.on("/announce", exchange -> LoopbackHttpServer.reply(exchange, 200,
                "<html>not bencode</html>".getBytes(StandardCharsets.US_ASCII)));
    }

    @AfterAll
    static void stop() {
        if (opentracker != null) {
            opentracker.close();
        }
        if (broken != null) {
            broken.close();
        }
    }

    @Override
    protected TrackerProbe probe() {
        return PROBE;
    }

    @Override
    protected TrackerUrl tracker() {
        return TrackerUrl.of(opentracker.httpUrl());
    }

    @Override
    protected void register(InfoHash... hashes) throws Exception {
        opentracker.whitelist(hashes);
    }

    @Override
    protected Instant deadline() {
        return soon();
    }

    @Test
    void aTrackedSwarmIsAnnouncedAndScrapedAtTheAddressGiven() throws Exception {
        TrackerUrl url = TrackerUrl.of(opentracker.httpUrl());
        assertEquals(List.of(LOOPBACK), await(PROBE.addresses(url, ANY, soon())).get());

        Step<AnnounceResponse> announce = await(PROBE.announce(url, LOOPBACK, request(TRACKED), soon()));

        assertTrue(announce.outcome().isRight(), announce.toString());
        assertTrue(announce.connect().isEmpty(), "HTTP has no connect step of its own");
        assertTrue(await(PROBE.scrape(url, LOOPBACK, List.of(TRACKED), soon())).outcome().isRight());
    }

    @Test
    void aSwarmOutsideTheWhitelistGetsOpentrackersErrorText() throws Exception {
        Step<AnnounceResponse> announce = await(PROBE.announce(TrackerUrl.of(opentracker.httpUrl()), LOOPBACK,
                request(Fixtures.anyInfoHash()), soon()));

        assertEquals(new TrackerFailure.Rejected("Requested download is not authorized for use with this tracker.", 1),
                announce.outcome().getLeft());
    }

    @Test
    void aNameIsCheckedAtTheAddressTheJdkClientUses() throws Exception {
        TrackerUrl url = TrackerUrl.of("http://localhost:" + opentracker.tcpPort() + "/announce");
        List<InetAddress> addresses = await(PROBE.addresses(url, EnumSet.of(AddressFamily.IPV4), soon())).get();

        assertTrue(await(PROBE.announce(url, addresses.get(0), request(TRACKED), soon())).outcome().isRight());
        TrackerFailure other = await(PROBE.announce(url, InetAddress.getByName("127.0.0.2"), request(TRACKED), soon()))
                .outcome().getLeft();
        assertEquals(TrackerFailure.Kind.UNSUPPORTED, other.kind(), "never judged by another address's answer");
    }

    @Test
    void aTrackerWithoutAScrapeUrlHasNoScrape() throws Exception {
        TrackerUrl url = TrackerUrl.of("http://127.0.0.1:" + opentracker.tcpPort() + "/");

        TrackerFailure failure = await(PROBE.scrape(url, LOOPBACK, List.of(TRACKED), soon())).outcome().getLeft();

        assertEquals(new TrackerFailure.Unsupported("tracker has no scrape URL"), failure);
    }

    @Test
    void aClosedPortIsRefusedAndAnUnreadableAnswerMalformed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            closedPort = socket.getLocalPort();
        }
        TrackerFailure refused = await(PROBE.announce(TrackerUrl.of("http://127.0.0.1:" + closedPort + "/announce"),
                LOOPBACK, request(TRACKED), soon())).outcome().getLeft();
        TrackerFailure malformed = await(PROBE.announce(TrackerUrl.of(broken.url("/announce")), LOOPBACK,
                request(TRACKED), soon())).outcome().getLeft();

        assertTrue(refused instanceof TrackerFailure.Unreachable unreachable && unreachable.refused(), refused.toString());
        assertEquals(TrackerFailure.Kind.MALFORMED, malformed.kind());
    }

    @Test
    void aPortOutOfRangeIsAMalformedTrackerUrlNotABug() throws Exception {
        TrackerFailure failure = await(PROBE.addresses(TrackerUrl.of("http://127.0.0.1:99999/announce"), ANY, soon()))
                .getLeft();

        assertEquals(new TrackerFailure.MalformedUrl("port 99999 is out of range"), failure);
    }

    @Test
    void anUnresolvableNameIsADnsFailure() throws Exception {
        TrackerFailure failure = await(PROBE.addresses(TrackerUrl.of("http://tracker.peerscout.invalid/announce"), ANY,
                soon())).getLeft();

        assertEquals(new TrackerFailure.DnsFailure("tracker.peerscout.invalid", "unknown host"), failure);
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
