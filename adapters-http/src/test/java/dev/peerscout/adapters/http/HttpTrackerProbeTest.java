package dev.peerscout.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.Resolver;
import dev.peerscout.domain.port.TrackerProbe;
import dev.peerscout.domain.port.TrackerProbe.Step;
import dev.peerscout.domain.testing.Fixtures;
import dev.peerscout.domain.testing.Opentracker;
import dev.peerscout.domain.testing.TrackerProbeContract;
import dev.peerscout.domain.time.SystemScheduler;
import io.vavr.control.Option;
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
    /** A name with both loopback addresses, IPv6 first; opentracker listens on IPv4 only. */
    private static final String DUAL_STACK = "tracker.peerscout.test";

    private static final InetAddress IPV6_LOOPBACK = address("::1");
    private static final TrackerProbe DUAL_PROBE = new HttpTrackerClient(
                    SCHEDULER,
                    HttpTrackerConfig.defaults(),
                    Option.none(),
                    host -> host.equals(DUAL_STACK)
                            ? List.of(IPV6_LOOPBACK, LOOPBACK)
                            : Resolver.system().resolve(host))
            .probe();
    private static Opentracker opentracker;
    private static LoopbackHttpServer broken;

    @BeforeAll
    static void start() throws Exception {
        opentracker = Opentracker.start(TRACKED);
        broken = LoopbackHttpServer.http();
        broken.on(
                "/named/announce",
                exchange -> LoopbackHttpServer.reply(exchange, 400, Bencoded.dict("failure reason", "named")));
        broken.on("/huge/announce", exchange -> LoopbackHttpServer.reply(exchange, 200, new byte[100_000]));
        broken.on(
                "/announce",
                exchange -> LoopbackHttpServer.reply(
                        exchange, 200, "<html>not bencode</html>".getBytes(StandardCharsets.US_ASCII)));
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
        assertTrue(await(PROBE.scrape(url, LOOPBACK, List.of(TRACKED), soon()))
                .outcome()
                .isRight());
    }

    @Test
    void aSwarmOutsideTheWhitelistGetsOpentrackersErrorText() throws Exception {
        Step<AnnounceResponse> announce = await(PROBE.announce(
                TrackerUrl.of(opentracker.httpUrl()), LOOPBACK, request(Fixtures.anyInfoHash()), soon()));

        assertEquals(
                new TrackerFailure.Rejected("Requested download is not authorized for use with this tracker.", 1),
                announce.outcome().getLeft());
    }

    @Test
    void eachAddressOfANameIsCheckedOnItsOwn() throws Exception {
        TrackerUrl url = TrackerUrl.of("http://" + DUAL_STACK + ":" + opentracker.tcpPort() + "/announce");
        assertEquals(
                List.of(IPV6_LOOPBACK, LOOPBACK),
                await(DUAL_PROBE.addresses(url, ANY, soon())).get());

        Step<AnnounceResponse> v4 = await(DUAL_PROBE.announce(url, LOOPBACK, request(TRACKED), soon()));
        Step<AnnounceResponse> v6 = await(DUAL_PROBE.announce(url, IPV6_LOOPBACK, request(TRACKED), soon()));

        assertTrue(v4.outcome().isRight(), "opentracker answers on 127.0.0.1, the second address: " + v4);
        assertTrue(await(DUAL_PROBE.scrape(url, LOOPBACK, List.of(TRACKED), soon()))
                .outcome()
                .isRight());
        TrackerFailure refused = v6.outcome().getLeft();
        assertTrue(
                refused instanceof TrackerFailure.Unreachable unreachable && unreachable.refused(),
                "nothing listens on [::1], and its answer is its own: " + refused);
        assertEquals(
                List.of(IPV6_LOOPBACK),
                await(DUAL_PROBE.addresses(url, EnumSet.of(AddressFamily.IPV6), soon()))
                        .get());
    }

    @Test
    void anAddressIsAskedWithTheTrackersNameAsHost() throws Exception {
        TrackerUrl url = TrackerUrl.of("http://" + DUAL_STACK + ":" + broken.port() + "/named/announce?passkey=k");

        TrackerFailure failure = await(DUAL_PROBE.announce(url, LOOPBACK, request(TRACKED), soon()))
                .outcome()
                .getLeft();

        assertEquals(new TrackerFailure.Rejected("named", 1), failure);
        LoopbackHttpServer.Request seen = broken.requests("/named/announce").get(0);
        assertEquals(DUAL_STACK + ":" + broken.port(), seen.headers().getFirst("Host"));
        assertTrue(seen.rawQuery().startsWith("passkey=k&info_hash="), seen.rawQuery());
    }

    @Test
    void aBodyOverTheLimitIsMalformedAtAnAddressToo() throws Exception {
        HttpTrackerClient small = new HttpTrackerClient(
                SCHEDULER,
                new HttpTrackerConfig(64, 5, "peerscout-test", HttpTrackerConfig.DEFAULT_CONNECT_TIMEOUT, 64),
                Option.none(),
                host -> List.of(LOOPBACK));
        TrackerUrl url = TrackerUrl.of("http://" + DUAL_STACK + ":" + broken.port() + "/huge/announce");

        TrackerFailure failure = await(small.probe().announce(url, LOOPBACK, request(TRACKED), soon()))
                .outcome()
                .getLeft();

        assertEquals(new TrackerFailure.Malformed("body larger than 64 bytes (HTTP 200)", 1), failure);
    }

    @Test
    void anAddressThatAcceptsButNeverAnswersTimesOutAtTheDeadline() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, LOOPBACK)) {
            TrackerUrl url = TrackerUrl.of("http://" + DUAL_STACK + ":" + silent.getLocalPort() + "/announce");

            TrackerFailure failure = await(DUAL_PROBE.announce(
                            url, LOOPBACK, request(TRACKED), SCHEDULER.now().plusMillis(300)))
                    .outcome()
                    .getLeft();

            assertEquals(TrackerFailure.Kind.TIMEOUT, failure.kind(), failure.toString());
        }
    }

    @Test
    void aChunkedOrNonHttpAnswerAtAnAddressIsReadOrCalledMalformed() throws Exception {
        byte[] body = Bencoded.dict("interval", 60, "peers", "");
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(5) + "\r\n" + new String(body, 0, 5, StandardCharsets.ISO_8859_1) + "\r\n"
                + Integer.toHexString(body.length - 5) + ";x=y\r\n"
                + new String(body, 5, body.length - 5, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n";
        try (RawServer server = new RawServer(chunked.getBytes(StandardCharsets.ISO_8859_1));
                RawServer notHttp =
                        new RawServer("SSH-2.0-OpenSSH_9.2\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1))) {
            Step<AnnounceResponse> read = await(DUAL_PROBE.announce(
                    TrackerUrl.of("http://" + DUAL_STACK + ":" + server.port() + "/announce"),
                    LOOPBACK,
                    request(TRACKED),
                    soon()));
            TrackerFailure failure = await(DUAL_PROBE.announce(
                            TrackerUrl.of("http://" + DUAL_STACK + ":" + notHttp.port() + "/announce"),
                            LOOPBACK,
                            request(TRACKED),
                            soon()))
                    .outcome()
                    .getLeft();

            assertTrue(read.outcome().isRight(), read.toString());
            assertEquals(java.time.Duration.ofSeconds(60), read.outcome().get().interval());
            assertEquals(TrackerFailure.Kind.MALFORMED, failure.kind(), failure.toString());
            assertTrue(failure.message().contains("not an HTTP answer"), failure.message());
        }
    }

    /** Answers every connection with the same bytes and closes it: for answers HttpServer cannot give. */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket socket;

        RawServer(byte[] answer) throws java.io.IOException {
            socket = new ServerSocket(0, 50, LOOPBACK);
            Thread thread = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try (java.net.Socket client = socket.accept()) {
                                java.io.InputStream in = client.getInputStream();
                                int last4 = 0;
                                while (last4 != 0x0D0A0D0A) {
                                    int b = in.read();
                                    if (b < 0) {
                                        break;
                                    }
                                    last4 = (last4 << 8) | b;
                                }
                                client.getOutputStream().write(answer);
                            } catch (java.io.IOException e) {
                                // closed by the test, or the client went away: either way, next or done
                            }
                        }
                    },
                    "raw-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    @Test
    void aTrackerWithoutAScrapeUrlHasNoScrape() throws Exception {
        TrackerUrl url = TrackerUrl.of("http://127.0.0.1:" + opentracker.tcpPort() + "/");

        TrackerFailure failure = await(PROBE.scrape(url, LOOPBACK, List.of(TRACKED), soon()))
                .outcome()
                .getLeft();

        assertEquals(new TrackerFailure.Unsupported("tracker has no scrape URL"), failure);
    }

    @Test
    void aClosedPortIsRefusedAndAnUnreadableAnswerMalformed() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            closedPort = socket.getLocalPort();
        }
        TrackerFailure refused = await(PROBE.announce(
                        TrackerUrl.of("http://127.0.0.1:" + closedPort + "/announce"),
                        LOOPBACK,
                        request(TRACKED),
                        soon()))
                .outcome()
                .getLeft();
        TrackerFailure malformed = await(
                        PROBE.announce(TrackerUrl.of(broken.url("/announce")), LOOPBACK, request(TRACKED), soon()))
                .outcome()
                .getLeft();

        assertTrue(
                refused instanceof TrackerFailure.Unreachable unreachable && unreachable.refused(), refused.toString());
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
        TrackerFailure failure = await(
                        PROBE.addresses(TrackerUrl.of("http://tracker.peerscout.invalid/announce"), ANY, soon()))
                .getLeft();

        assertEquals(new TrackerFailure.DnsFailure("tracker.peerscout.invalid", "unknown host"), failure);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
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
