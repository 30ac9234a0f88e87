package dev.peerscout.adapters.http;

import static dev.peerscout.domain.testing.Fixtures.announce;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static dev.peerscout.domain.testing.Fixtures.anyPeerId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.testing.FakeScheduler;
import io.vavr.control.Either;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's own HTTP/1.0 exchange against trackers that answer the way real ones sometimes do
 * (no Content-Length, chunked, bare LF, relative redirects, an IPv6 literal host): a raw socket
 * server on loopback writes exactly the bytes each test gives, so nothing is smoothed over by an
 * HTTP library on the other side.
 */
class OddTrackerTest {
    private static final byte[] NO_PEERS = Bencoded.dict("interval", 60, "peers", "");

    private final FakeScheduler scheduler = new FakeScheduler();
    private final HttpTrackerClient client = new HttpTrackerClient(scheduler, HttpTrackerConfig.defaults());
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private RawServer server;

    @AfterEach
    void close() throws IOException {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBodyWithoutContentLengthEndsWithTheConnection() throws Exception {
        server = new RawServer(InetAddress.getLoopbackAddress(), head -> answer("HTTP/1.0 200 OK\r\n\r\n", NO_PEERS));

        assertTrue(announceAt("http://127.0.0.1:" + server.port() + "/announce").isRight());
    }

    @Test
    void aChunkedBodyIsReadAndBareLineFeedsEndTheHead() throws Exception {
        byte[] chunked = concat(
                "5\r\n".getBytes(StandardCharsets.US_ASCII),
                java.util.Arrays.copyOfRange(NO_PEERS, 0, 5),
                ("\r\n" + Integer.toHexString(NO_PEERS.length - 5) + "\r\n").getBytes(StandardCharsets.US_ASCII),
                java.util.Arrays.copyOfRange(NO_PEERS, 5, NO_PEERS.length),
                "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        server = new RawServer(
                InetAddress.getLoopbackAddress(),
                head -> answer("HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\n", chunked));

        assertTrue(announceAt("http://127.0.0.1:" + server.port() + "/announce").isRight());
    }

    @Test
    void aHeadTooLongIsMalformedNotAnEndlessRead() throws Exception {
        String longHeader = "X-Filler: " + "a".repeat(AddressedExchange.MAX_HEAD_BYTES) + "\r\n";
        server = new RawServer(
                InetAddress.getLoopbackAddress(),
                head -> answer("HTTP/1.0 200 OK\r\n" + longHeader + "\r\n", NO_PEERS));

        assertEquals(
                Either.left(new TrackerFailure.Malformed("HTTP head larger than 64 KiB", 1)),
                announceAt("http://127.0.0.1:" + server.port() + "/announce"));
    }

    @Test
    void aBodyShorterThanItsContentLengthIsCutShort() throws Exception {
        server = new RawServer(
                InetAddress.getLoopbackAddress(),
                head -> answer("HTTP/1.0 200 OK\r\nContent-Length: 500\r\n\r\n", NO_PEERS));

        assertEquals(
                Either.left(new TrackerFailure.Malformed("HTTP 200 body cut short by the server", 1)),
                announceAt("http://127.0.0.1:" + server.port() + "/announce"));
    }

    @Test
    void relativeRedirectsResolveAgainstTheUrlAsked() throws Exception {
        server = new RawServer(InetAddress.getLoopbackAddress(), head -> {
            String target = head.substring(4, head.indexOf(' ', 4));
            String query = target.substring(target.indexOf('?'));
            if (target.startsWith("/a/announce?")) { // path-relative
                return answer("HTTP/1.0 302 Found\r\nLocation: b/announce" + query + "\r\n\r\n", new byte[0]);
            }
            if (target.startsWith("/a/b/announce?")) { // network-path
                return answer(
                        "HTTP/1.0 301 Moved\r\nLocation: //127.0.0.1:" + server.port() + "/c/announce" + query
                                + "\r\n\r\n",
                        new byte[0]);
            }
            return target.startsWith("/c/announce?info_hash=")
                    ? answer("HTTP/1.0 200 OK\r\n\r\n", NO_PEERS)
                    : answer("HTTP/1.0 404 Not Found\r\n\r\n", new byte[0]);
        });

        assertTrue(
                announceAt("http://127.0.0.1:" + server.port() + "/a/announce").isRight());
        assertEquals(3, heads.size());
    }

    @Test
    void aRedirectToAQueryAloneKeepsThePath() throws Exception {
        server = new RawServer(InetAddress.getLoopbackAddress(), head -> {
            String target = head.substring(4, head.indexOf(' ', 4));
            if (!target.contains("moved=1")) { // RFC 3986 5.2.2: a query alone replaces only the query
                String query = target.substring(target.indexOf('?') + 1);
                return answer("HTTP/1.0 302 Found\r\nLocation: ?moved=1&" + query + "\r\n\r\n", new byte[0]);
            }
            return target.startsWith("/a/announce?moved=1&info_hash=")
                    ? answer("HTTP/1.0 200 OK\r\n\r\n", NO_PEERS)
                    : answer("HTTP/1.0 404 Not Found\r\n\r\n", new byte[0]);
        });

        Either<TrackerFailure, AnnounceResponse> outcome =
                announceAt("http://127.0.0.1:" + server.port() + "/a/announce");

        assertTrue(outcome.isRight(), heads.toString());
    }

    @Test
    void anIpv6LiteralIsAskedThereWithItsBracketsAndPortInHost() throws Exception {
        server = new RawServer(InetAddress.getByName("::1"), head -> answer("HTTP/1.0 200 OK\r\n\r\n", NO_PEERS));

        assertTrue(announceAt("http://[::1]:" + server.port() + "/announce?passkey=x")
                .isRight());
        assertTrue(heads.get(0).startsWith("GET /announce?passkey=x&info_hash="), heads.get(0));
        assertTrue(heads.get(0).contains("\r\nHost: [::1]:" + server.port() + "\r\n"), heads.get(0));
    }

    @Test
    void connectionsAtOnceAreBoundedAndAQueuedRequestWaitsForAFreeOne() throws Exception {
        HttpTrackerClient bounded = new HttpTrackerClient(
                scheduler, HttpTrackerConfig.defaults(), io.vavr.control.Option.none(), host -> List.of(), 2);
        List<CompletableFuture<Either<TrackerFailure, AnnounceResponse>>> holding = new ArrayList<>();
        CompletableFuture<Boolean> heldEndedFirst = new CompletableFuture<>();
        CountDownLatch held = new CountDownLatch(2);
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                List<Socket> open = new ArrayList<>();
                try {
                    while (!heldEndedFirst.isDone()) {
                        Socket socket = listener.accept();
                        open.add(socket);
                        String head = RawServer.readHead(socket.getInputStream());
                        if (head.startsWith("GET /held/")) {
                            held.countDown(); // and never answered
                        } else {
                            heldEndedFirst.complete(holding.stream().anyMatch(CompletableFuture::isDone));
                            socket.getOutputStream().write(answer("HTTP/1.0 200 OK\r\n\r\n", NO_PEERS));
                            socket.close();
                        }
                    }
                } catch (IOException e) {
                    heldEndedFirst.completeExceptionally(e);
                } finally {
                    open.forEach(OddTrackerTest::closeQuietly);
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String base = "http://127.0.0.1:" + listener.getLocalPort();
            for (int i = 0; i < 2; i++) {
                holding.add(bounded.announce(
                        TrackerUrl.of(base + "/held/" + i + "/announce"),
                        announce(anyInfoHash(), anyPeerId(), 1),
                        scheduler.now().plusSeconds(5)));
            }
            assertTrue(held.await(10, TimeUnit.SECONDS), "both held connections are open");
            CompletableFuture<Either<TrackerFailure, AnnounceResponse>> third = bounded.announce(
                    TrackerUrl.of(base + "/third/announce"),
                    announce(anyInfoHash(), anyPeerId(), 1),
                    scheduler.now().plusSeconds(10));
            assertEquals(1, bounded.waitingForThread(), "two connections at once, the third waits");

            scheduler.advance(Duration.ofSeconds(5));

            assertTrue(third.get(10, TimeUnit.SECONDS).isRight());
            assertTrue(heldEndedFirst.get(10, TimeUnit.SECONDS), "the third connected only once one was free");
        } finally {
            bounded.close();
        }
    }

    @Test
    void aRequestMayHaveArrivedOnceWrittenNotWhileTlsIsStillBeingSetUp() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String at = "://127.0.0.1:" + listener.getLocalPort() + "/announce";
            var plain = client.announce(
                    TrackerUrl.of("http" + at),
                    announce(anyInfoHash(), anyPeerId(), 1),
                    scheduler.now().plusSeconds(5));
            try (Socket first = listener.accept()) {
                first.setSoTimeout(10_000);
                RawServer.readHead(first.getInputStream());
                assertTrue(plain.requestMayHaveArrived(), "our request was written: it may have registered us");

                var secure = client.announce(
                        TrackerUrl.of("https" + at),
                        announce(anyInfoHash(), anyPeerId(), 1),
                        scheduler.now().plusSeconds(5));
                try (Socket second = listener.accept()) {
                    second.setSoTimeout(10_000);
                    assertEquals(0x16, second.getInputStream().read(), "a TLS handshake record, never answered");
                    scheduler.advance(Duration.ofSeconds(5));

                    assertTrue(secure.get(10, TimeUnit.SECONDS).isLeft());
                    assertEquals(1, secure.requestsSent());
                    assertFalse(secure.requestMayHaveArrived(), "no request left before TLS was set up");
                }
            }
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // the test is over
        }
    }

    private Either<TrackerFailure, AnnounceResponse> announceAt(String url) throws Exception {
        return client.announce(
                        TrackerUrl.of(url),
                        announce(anyInfoHash(), anyPeerId(), 1),
                        scheduler.now().plusSeconds(10))
                .get(10, TimeUnit.SECONDS);
    }

    private static byte[] answer(String head, byte[] body) {
        return concat(head.getBytes(StandardCharsets.ISO_8859_1), body);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    /** Accepts connections one at a time, reads a request head, writes the scripted bytes and closes. */
    private final class RawServer implements AutoCloseable {
        private final ServerSocket listener;
        private final Thread thread;

        RawServer(InetAddress address, Function<String, byte[]> script) throws IOException {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(address, 0));
            thread = new Thread(() -> {
                while (!listener.isClosed()) {
                    try (Socket socket = listener.accept()) {
                        socket.setSoTimeout(10_000);
                        String head = readHead(socket.getInputStream());
                        heads.add(head);
                        socket.getOutputStream().write(script.apply(head));
                    } catch (IOException e) {
                        // closed at the end of the test, or the client hung up
                    }
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed inside the head");
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
