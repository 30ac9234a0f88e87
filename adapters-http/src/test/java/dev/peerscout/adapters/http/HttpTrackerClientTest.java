package dev.peerscout.adapters.http;

import static dev.peerscout.adapters.http.Bencoded.dict;
import static dev.peerscout.adapters.http.Bencoded.hex;
import static dev.peerscout.adapters.http.Bencoded.list;
import static dev.peerscout.adapters.http.Bencoded.raw;
import static dev.peerscout.adapters.http.LoopbackHttpServer.reply;
import static dev.peerscout.adapters.http.TrackerRepliesTest.peer;
import static dev.peerscout.domain.testing.Fixtures.announce;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static dev.peerscout.domain.testing.Fixtures.anyPeerId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.model.scrape.ScrapeResponse;
import dev.peerscout.domain.model.scrape.ScrapeStats;
import dev.peerscout.domain.testing.FakeScheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client against a scripted HTTP server on loopback, on a fake clock. */
class HttpTrackerClientTest {
    private static final byte[] COMPACT_V4 = hex(
            "64383a636f6d706c65746569356531303a696e636f6d706c657465693365383a696e74657276616c69313830306531323a6d696e20696e74657276616c6939303065353a706565727331323ac00002011ae1c6336407c8d565");
    /** Bytes that need escaping, a space and a plus among them. */
    private static final InfoHash AWKWARD = InfoHash.fromHex("2b760aa178932030c847dcdf8eaebf560a1bd16c");

    private static final String AWKWARD_ENCODED = "%2Bv%0A%A1x%93%200%C8G%DC%DF%8E%AE%BFV%0A%1B%D1l";

    private static LoopbackHttpServer server;

    private final FakeScheduler scheduler = new FakeScheduler();
    private final HttpTrackerClient client = new HttpTrackerClient(scheduler, HttpTrackerConfig.defaults());

    @BeforeAll
    static void startServer() throws IOException {
        server = LoopbackHttpServer.http();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void announceSendsEveryParameterAndReadsCompactPeers() throws Exception {
        server.on("/compact/announce", exchange -> reply(exchange, 200, COMPACT_V4));
        AnnounceRequest request = announce(AWKWARD, anyPeerId(), 6881);

        AnnounceResponse response = announceOk("/compact/announce", request);

        assertEquals(List.of(peer("192.0.2.1:6881"), peer("198.51.100.7:51413")), response.peers());
        assertEquals(Duration.ofSeconds(1800), response.interval());
        assertEquals(Option.some(Duration.ofSeconds(900)), response.minInterval());
        assertEquals(Option.some(5), response.seeders());
        assertEquals(Option.some(3), response.leechers());
        assertEquals(1, response.attempts());
        LoopbackHttpServer.Request sent = server.requests("/compact/announce").get(0);
        assertEquals(
                "info_hash=" + AWKWARD_ENCODED + "&peer_id=" + request.peerId() + "&port=6881&uploaded=0"
                        + "&downloaded=0&left=1000000&compact=1&event=started&key="
                        + String.format("%08X", request.key()),
                sent.rawQuery());
        assertEquals("peerscout/0.1", sent.headers().getFirst("User-Agent"));
        assertEquals("gzip", sent.headers().getFirst("Accept-Encoding"));
        assertEquals(0, scheduler.pendingTasks(), "the deadline timer is cancelled once answered");
    }

    @Test
    void namesThatNeverResolveAreDnsFailuresAtTheDeadlineAndHoldUpNoOtherTracker() throws Exception {
        server.on("/fine/announce", exchange -> reply(exchange, 200, COMPACT_V4));
        CountDownLatch never = new CountDownLatch(1);
        HttpTrackerClient resolving = new HttpTrackerClient(scheduler, HttpTrackerConfig.defaults(), host -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new java.net.UnknownHostException(host);
        });
        try {
            Instant deadline = deadline();
            List<CompletableFuture<Either<TrackerFailure, AnnounceResponse>>> stuck = new ArrayList<>();
            for (int i = 0; i < 12; i++) { // more names than the resolver has threads
                stuck.add(resolving.announce(
                        TrackerUrl.of("http://tracker" + i + ".test/announce"),
                        announce(anyInfoHash(), anyPeerId(), 1),
                        deadline));
            }

            Either<TrackerFailure, AnnounceResponse> literal = resolving
                    .announce(tracker("/fine/announce"), announce(anyInfoHash(), anyPeerId(), 1), deadline)
                    .get(10, TimeUnit.SECONDS);
            assertTrue(literal.isRight(), "an address literal needs no name server: " + literal);
            assertFalse(stuck.get(0).isDone());

            scheduler.advance(Duration.ofSeconds(10));

            for (int i = 0; i < 12; i++) {
                TrackerFailure failure = stuck.get(i).get(1, TimeUnit.SECONDS).getLeft();
                assertEquals(TrackerFailure.Kind.DNS, failure.kind(), failure.message());
                assertEquals("cannot resolve tracker" + i + ".test: not resolved within 10000 ms", failure.message());
                assertEquals(0, failure.attempts(), "no request was sent");
            }
        } finally {
            never.countDown();
        }
    }

    @Test
    void aFailureReasonIsARejectionCarryingItsText() throws Exception {
        server.on("/refuse/announce", exchange -> reply(exchange, 200, dict("failure reason", "unregistered torrent")));
        server.on("/refuse400/announce", exchange -> reply(exchange, 400, dict("failure reason", "bad passkey")));

        assertEquals(new TrackerFailure.Rejected("unregistered torrent", 1), announceFailure("/refuse/announce"));
        assertEquals(new TrackerFailure.Rejected("bad passkey", 1), announceFailure("/refuse400/announce"));
    }

    @Test
    void dictPeersPeers6WarningAndExternalIpComeThrough() throws Exception {
        server.on(
                "/rich/announce",
                exchange -> reply(
                        exchange,
                        200,
                        dict(
                                "external ip", hex("cb007105"),
                                "interval", 600,
                                "peers",
                                        list(
                                                raw(dict("ip", "192.0.2.1", "port", 6881)),
                                                raw(dict("ip", "2001:db8::1", "port", 51413)),
                                                raw(dict("ip", "peer.example.org", "port", 6882))),
                                "peers6", hex("20010db800000000000000000000abcdc8d5"),
                                "warning message", "tracker restarting soon")));

        AnnounceResponse response = announceOk("/rich/announce", announce(anyInfoHash(), anyPeerId(), 1));

        assertEquals(
                List.of(peer("192.0.2.1:6881"), peer("[2001:db8::1]:51413"), peer("[2001:db8::abcd]:51413")),
                response.peers(),
                "the host-name peer is not resolved");
        assertEquals(Option.some("tracker restarting soon"), response.warning());
        assertEquals(Option.some(InetAddress.getByName("203.0.113.5")), response.externalIp());
        assertEquals(Duration.ofMinutes(10), response.interval());
    }

    @Test
    void theTrackerIdIsEchoedOnLaterAnnouncesOfThatSwarmToThatTracker() throws Exception {
        server.on(
                "/tid/announce",
                exchange -> reply(exchange, 200, dict("interval", 60, "peers", "", "tracker id", "id 7+")));
        InfoHash swarm = anyInfoHash();
        InfoHash otherSwarm = anyInfoHash();

        announceOk("/tid/announce", announce(swarm, anyPeerId(), 1));
        announceOk("/tid/announce", announce(swarm, anyPeerId(), 1));
        announceOk("/tid/announce", announce(otherSwarm, anyPeerId(), 1));
        announceOk("/tid/announce?passkey=x", announce(swarm, anyPeerId(), 1));

        List<String> queries = server.requests("/tid/announce").stream()
                .map(LoopbackHttpServer.Request::rawQuery)
                .toList();
        assertFalse(queries.get(0).contains("trackerid"), queries.get(0));
        assertTrue(queries.get(1).endsWith("&trackerid=id%207%2B"), queries.get(1));
        assertFalse(queries.get(2).contains("trackerid"), "another swarm: " + queries.get(2));
        assertFalse(queries.get(3).contains("trackerid"), "another tracker URL: " + queries.get(3));
    }

    @Test
    void anExistingPasskeyQueryStaysFirst() throws Exception {
        server.on("/private/announce.php", exchange -> reply(exchange, 200, COMPACT_V4));

        announceOk("/private/announce.php?passkey=0123abcd", announce(AWKWARD, anyPeerId(), 1));

        assertTrue(server.requests("/private/announce.php")
                .get(0)
                .rawQuery()
                .startsWith("passkey=0123abcd&info_hash=" + AWKWARD_ENCODED + "&"));
    }

    @Test
    void redirectsAreFollowedKeepingTheQueryTheTrackerGives() throws Exception {
        server.on(
                "/old/announce",
                exchange -> reply(
                        exchange,
                        301,
                        new byte[0],
                        "Location",
                        server.url("/moved/announce?" + exchange.getRequestURI().getRawQuery())));
        server.on(
                "/moved/announce",
                exchange -> reply(
                        exchange,
                        307,
                        new byte[0],
                        "Location",
                        "/new/announce?" + exchange.getRequestURI().getRawQuery()));
        server.on("/new/announce", exchange -> reply(exchange, 200, COMPACT_V4));

        AnnounceResponse response = announceOk("/old/announce", announce(AWKWARD, anyPeerId(), 1));

        assertEquals(2, response.peers().size());
        assertTrue(server.requests("/new/announce").get(0).rawQuery().startsWith("info_hash=" + AWKWARD_ENCODED));
    }

    @Test
    void aRedirectLoopStopsAfterFiveRedirects() throws Exception {
        server.on(
                "/loop/announce",
                exchange -> reply(
                        exchange,
                        302,
                        new byte[0],
                        "Location",
                        "/loop/announce?" + exchange.getRequestURI().getRawQuery()));

        assertEquals(new TrackerFailure.Malformed("more than 5 redirects", 1), announceFailure("/loop/announce"));
        assertEquals(6, server.requests("/loop/announce").size(), "the first request and five redirects");
    }

    @Test
    void aRedirectToAnotherSchemeIsRefused() throws Exception {
        server.on(
                "/to-udp/announce",
                exchange -> reply(exchange, 302, new byte[0], "Location", "udp://127.0.0.1:1/announce"));

        assertEquals(
                new TrackerFailure.Unsupported("redirect refused: unsupported: scheme udp is not http or https"),
                announceFailure("/to-udp/announce"));
    }

    @Test
    void gzipBodiesAreDecompressed() throws Exception {
        server.on("/gzip/announce", exchange -> reply(exchange, 200, gzip(COMPACT_V4), "Content-Encoding", "gzip"));

        assertEquals(
                2,
                announceOk("/gzip/announce", announce(anyInfoHash(), anyPeerId(), 1))
                        .peers()
                        .size());
    }

    @Test
    void aGzipBombStopsAtTheBodyLimit() throws Exception {
        byte[] bomb = gzip(new byte[64 * 1024 * 1024]);
        assertTrue(bomb.length < 256 * 1024, "a small body: " + bomb.length);
        server.on("/bomb/announce", exchange -> reply(exchange, 200, bomb, "Content-Encoding", "gzip"));

        assertEquals(
                new TrackerFailure.Malformed("body larger than 4 MiB after gzip decompression", 1),
                announceFailure("/bomb/announce"));
    }

    @Test
    void anEndlessBodyIsCutOffAtTheLimit() throws Exception {
        AtomicInteger sentMiB = new AtomicInteger();
        server.on("/endless/announce", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            try (OutputStream out = exchange.getResponseBody()) {
                // Bounded on our side too: stops when the client hangs up, after 10 s, or after 256 MiB.
                for (int i = 0; i < 4096 && System.nanoTime() < until; i++) {
                    out.write(chunk);
                    sentMiB.set(i / 16);
                }
            } catch (IOException clientHungUp) {
                // expected: the client stops reading at its limit
            }
        });

        assertEquals(
                new TrackerFailure.Malformed("body larger than 4 MiB (HTTP 200)", 1),
                announceFailure("/endless/announce"));
        assertTrue(sentMiB.get() < 64, "the client stopped the stream early, server sent " + sentMiB.get() + " MiB");
    }

    @Test
    void aNonBencodeBodyShowsTheStatusAndItsFirstBytes() throws Exception {
        server.on(
                "/html/announce",
                exchange -> reply(
                        exchange,
                        200,
                        "<html><body>Welcome to my blog</body></html>".getBytes(StandardCharsets.US_ASCII)));
        server.on(
                "/busy/announce",
                exchange -> reply(exchange, 503, "Service Unavailable".getBytes(StandardCharsets.US_ASCII)));

        assertEquals(
                "malformed answer: HTTP 200 with a body that is not bencode (unexpected '<' at byte 0): "
                        + "\"<html><body>Welcome to my blog</body></html>\"",
                announceFailure("/html/announce").message());
        assertEquals(
                "malformed answer: HTTP 503 with a body that is not bencode (unexpected 'S' at byte 0): "
                        + "\"Service Unavailable\"",
                announceFailure("/busy/announce").message());
    }

    @Test
    void aBodyThatStallsPastTheDeadlineTimesOutOnTheSchedulersClock() throws Exception {
        CountDownLatch bodyStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.on("/stall/announce", exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            OutputStream out = exchange.getResponseBody();
            out.write("d8:intervali".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            bodyStarted.countDown();
            awaitQuietly(release);
        });
        try {
            CompletableFuture<Either<TrackerFailure, AnnounceResponse>> pending = client.announce(
                    tracker("/stall/announce"),
                    announce(anyInfoHash(), anyPeerId(), 1),
                    scheduler.now().plusSeconds(5));
            assertTrue(bodyStarted.await(5, TimeUnit.SECONDS));
            assertFalse(pending.isDone());

            scheduler.advance(Duration.ofSeconds(5));

            assertEquals(
                    Either.left(new TrackerFailure.Timeout(1, Duration.ofSeconds(5))),
                    pending.get(1, TimeUnit.SECONDS));
        } finally {
            release.countDown();
        }
    }

    @Test
    void aTrackerThatNeverAnswersTimesOutAtTheDeadline() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server.on("/silent/announce", exchange -> {
            asked.countDown();
            awaitQuietly(release);
        });
        try {
            CompletableFuture<Either<TrackerFailure, AnnounceResponse>> pending = client.announce(
                    tracker("/silent/announce"),
                    announce(anyInfoHash(), anyPeerId(), 1),
                    scheduler.now().plusSeconds(3));
            assertTrue(asked.await(5, TimeUnit.SECONDS));

            scheduler.advance(Duration.ofSeconds(2));
            assertFalse(pending.isDone(), "not before the deadline");
            scheduler.advance(Duration.ofSeconds(1));

            assertEquals(
                    Either.left(new TrackerFailure.Timeout(1, Duration.ofSeconds(3))),
                    pending.get(1, TimeUnit.SECONDS));
        } finally {
            release.countDown();
        }
    }

    @Test
    void theDeadlineClosesTheConnectionNotJustTheFuture() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Either<TrackerFailure, AnnounceResponse>> pending = client.announce(
                    TrackerUrl.of("http://127.0.0.1:" + listener.getLocalPort() + "/announce"),
                    announce(anyInfoHash(), anyPeerId(), 1),
                    scheduler.now().plusSeconds(5));
            listener.setSoTimeout(5000);
            try (Socket tracker = listener.accept()) {
                tracker.setSoTimeout(5000);
                readRequestHead(tracker);
                tracker.getOutputStream()
                        .write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nd8:inter"
                                .getBytes(StandardCharsets.US_ASCII));
                tracker.getOutputStream().flush();

                scheduler.advance(Duration.ofSeconds(5));

                assertEquals(
                        Either.left(new TrackerFailure.Timeout(1, Duration.ofSeconds(5))),
                        pending.get(1, TimeUnit.SECONDS));
                assertTrue(hungUp(tracker), "the client hung up");
            }
        }
    }

    /** The peer closed: an orderly end of stream, or a reset when it closed with our bytes still unread. */
    private static boolean hungUp(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketException e) {
            return "Connection reset".equals(e.getMessage());
        }
    }

    private static void readRequestHead(Socket socket) throws IOException {
        java.io.InputStream in = socket.getInputStream();
        int matched = 0;
        byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        while (matched < end.length) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed before sending its request");
            }
            matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
        }
    }

    @Test
    void aDeadlineAlreadyPastSendsNothing() throws Exception {
        server.on("/late/announce", exchange -> reply(exchange, 200, COMPACT_V4));

        Either<TrackerFailure, AnnounceResponse> outcome = client.announce(
                        tracker("/late/announce"), announce(anyInfoHash(), anyPeerId(), 1), scheduler.now())
                .get(5, TimeUnit.SECONDS);

        assertEquals(Either.left(new TrackerFailure.Timeout(1, Duration.ZERO)), outcome);
        assertEquals(List.of(), server.requests("/late/announce"));
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        TrackerFailure failure = announceFailure(TrackerUrl.of("http://127.0.0.1:" + closedPort + "/announce"));

        assertInstanceOf(TrackerFailure.Unreachable.class, failure);
    }

    @Test
    void aNameThatDoesNotResolveIsADnsFailure() throws Exception {
        assertEquals(
                new TrackerFailure.DnsFailure("tracker.peerscout.invalid", "unknown host"),
                announceFailure(TrackerUrl.of("http://tracker.peerscout.invalid:6969/announce")));
    }

    @Test
    void onlyAnAllowedAddressFamilyIsUsed() throws Exception {
        server.on("/v4only/announce", exchange -> reply(exchange, 200, COMPACT_V4));
        AnnounceRequest any = announce(anyInfoHash(), anyPeerId(), 1);

        assertTrue(announceTo(tracker("/v4only/announce"), families(any, AddressFamily.IPV4))
                .isRight());
        assertEquals(
                Either.left(new TrackerFailure.Unsupported("127.0.0.1 is an IPv4 address, and only IPv6 is allowed")),
                announceTo(tracker("/v4only/announce"), families(any, AddressFamily.IPV6)));
        assertEquals(
                Either.left(new TrackerFailure.Unsupported("::1 is an IPv6 address, and only IPv4 is allowed")),
                announceTo(TrackerUrl.of("http://[::1]:1/announce"), families(any, AddressFamily.IPV4)));
        assertEquals(
                Either.left(new TrackerFailure.DnsFailure("tracker.peerscout.invalid", "unknown host")),
                announceTo(
                        TrackerUrl.of("http://tracker.peerscout.invalid/announce"), families(any, AddressFamily.IPV4)));
        assertEquals(1, server.requests("/v4only/announce").size(), "nothing was sent over an excluded family");
    }

    @Test
    void otherSchemesAreUnsupported() throws Exception {
        assertEquals(
                new TrackerFailure.Unsupported("scheme udp is not http or https"),
                announceFailure(TrackerUrl.of("udp://127.0.0.1:1/announce")));
        assertEquals(
                new TrackerFailure.Unsupported("URL has no scheme"),
                announceFailure(TrackerUrl.of("tracker.example.org:80/announce")));
    }

    @Test
    void scrapeAsksForManySwarmsInOneRequest() throws Exception {
        List<InfoHash> swarms = List.of(AWKWARD, anyInfoHash(), anyInfoHash());
        server.on(
                "/many/scrape",
                exchange ->
                        reply(exchange, 200, scrapeBody(exchange.getRequestURI().getRawQuery())));

        ScrapeResponse response = scrapeOk("/many/announce", swarms);

        assertEquals(3, response.stats().size());
        assertEquals(new ScrapeStats(1, 100, 2), response.stats().get(AWKWARD));
        assertEquals(1, response.attempts());
        assertEquals(1, server.requests("/many/scrape").size());
    }

    @Test
    void uriTooLongHalvesTheBatchUntilEverySwarmIsScraped() throws Exception {
        int limit = 3;
        List<Integer> answeredSizes = new java.util.concurrent.CopyOnWriteArrayList<>();
        server.on("/narrow/scrape", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            int hashes = query.split("info_hash=", -1).length - 1;
            if (hashes > limit) {
                reply(exchange, 414, "URI Too Long".getBytes(StandardCharsets.US_ASCII));
            } else {
                answeredSizes.add(hashes);
                reply(exchange, 200, scrapeBody(query));
            }
        });
        List<InfoHash> swarms = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            swarms.add(anyInfoHash());
        }

        ScrapeResponse response = scrapeOk("/narrow/announce", swarms);

        assertEquals(Set.copyOf(swarms), response.stats().keySet());
        swarms.forEach(swarm ->
                assertEquals(new ScrapeStats(1, 100, 2), response.stats().get(swarm)));
        assertEquals(List.of(2, 2, 2, 2, 2), answeredSizes, "64 → 32 → 16 → 8 → 4 refused, then batches of 2");
        assertEquals(10, response.attempts(), "five refused requests and five answered");
    }

    @Test
    void aTrackerThatRefusesEvenOneHashFailsTheScrape() throws Exception {
        server.on("/never/scrape", exchange -> reply(exchange, 414, new byte[0]));

        TrackerFailure failure =
                scrape("/never/announce", List.of(anyInfoHash(), anyInfoHash())).getLeft();

        assertEquals("malformed answer: HTTP 414 URI too long, even for one info hash", failure.message());
    }

    @Test
    void scrapeNeedsAnAnnounceSegmentToDeriveItsUrl() throws Exception {
        assertEquals(
                Either.left(new TrackerFailure.Unsupported("tracker has no scrape URL")),
                scrape("/tracker.php", List.of(anyInfoHash())));
        assertEquals(List.of(), server.requests("/tracker.php"));
    }

    @Test
    void aScrapeFailureReasonIsARejection() throws Exception {
        server.on("/closed/scrape", exchange -> reply(exchange, 200, dict("failure reason", "scrape disabled")));

        assertEquals(
                Either.left(new TrackerFailure.Rejected("scrape disabled", 1)),
                scrape("/closed/announce", List.of(anyInfoHash())));
    }

    /** A scrape answer with (1 seeder, 100 completed, 2 leechers) for every hash in the raw query. */
    private static byte[] scrapeBody(String rawQuery) {
        ByteArrayOutputStream files = new ByteArrayOutputStream();
        files.write('d');
        Matcher hash = Pattern.compile("info_hash=([^&]*)").matcher(rawQuery);
        while (hash.find()) {
            files.writeBytes(Bencoded.of(percentDecode(hash.group(1))));
            files.writeBytes(dict("complete", 1, "downloaded", 100, "incomplete", 2));
        }
        files.write('e');
        return dict("files", raw(files.toByteArray()));
    }

    private static byte[] percentDecode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '%') {
                out.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 2;
            } else {
                out.write(text.charAt(i));
            }
        }
        return out.toByteArray();
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static AnnounceRequest families(AnnounceRequest request, AddressFamily only) {
        return new AnnounceRequest(
                request.infoHash(),
                request.peerId(),
                request.port(),
                request.uploaded(),
                request.downloaded(),
                request.left(),
                request.event(),
                request.numWant(),
                request.key(),
                Set.of(only));
    }

    private static TrackerUrl tracker(String pathAndQuery) {
        return TrackerUrl.of(server.url(pathAndQuery));
    }

    private Instant deadline() {
        return scheduler.now().plusSeconds(10);
    }

    private Either<TrackerFailure, AnnounceResponse> announceTo(TrackerUrl tracker, AnnounceRequest request)
            throws Exception {
        return client.announce(tracker, request, deadline()).get(10, TimeUnit.SECONDS);
    }

    private AnnounceResponse announceOk(String pathAndQuery, AnnounceRequest request) throws Exception {
        Either<TrackerFailure, AnnounceResponse> outcome = announceTo(tracker(pathAndQuery), request);
        return outcome.getOrElseThrow(failure -> new AssertionError(failure.message()));
    }

    private TrackerFailure announceFailure(String pathAndQuery) throws Exception {
        return announceFailure(tracker(pathAndQuery));
    }

    private TrackerFailure announceFailure(TrackerUrl tracker) throws Exception {
        Either<TrackerFailure, AnnounceResponse> outcome = announceTo(tracker, announce(anyInfoHash(), anyPeerId(), 1));
        assertTrue(outcome.isLeft(), "expected a failure, got " + outcome);
        return outcome.getLeft();
    }

    private Either<TrackerFailure, ScrapeResponse> scrape(String pathAndQuery, List<InfoHash> swarms) throws Exception {
        return client.scrape(tracker(pathAndQuery), swarms, deadline()).get(10, TimeUnit.SECONDS);
    }

    private ScrapeResponse scrapeOk(String pathAndQuery, List<InfoHash> swarms) throws Exception {
        return scrape(pathAndQuery, swarms).getOrElseThrow(failure -> new AssertionError(failure.message()));
    }
}
