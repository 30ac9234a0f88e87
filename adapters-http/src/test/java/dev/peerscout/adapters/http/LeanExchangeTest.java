package dev.peerscout.adapters.http;

import static dev.peerscout.adapters.http.LoopbackHttpServer.reply;
import static dev.peerscout.domain.testing.Fixtures.announce;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static dev.peerscout.domain.testing.Fixtures.anyPeerId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.testing.FakeScheduler;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the client's own HTTP exchange does that java.net.http, which it replaced, did for it: the
 * name is resolved by our resolver and connected to, the connection is ours to close at the exit,
 * and plain http never sets TLS up.
 */
class LeanExchangeTest {
    private static final byte[] NO_PEERS = Bencoded.dict("interval", 60, "peers", "");
    private static final String NAMED = "tracker.peerscout.test";

    private static LoopbackHttpServer server;

    private final FakeScheduler scheduler = new FakeScheduler();

    @BeforeAll
    static void startServer() throws IOException {
        server = LoopbackHttpServer.http();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aNameIsResolvedByOurResolverAndSentInHost() throws Exception {
        server.on("/named/announce", exchange -> reply(exchange, 200, NO_PEERS));
        HttpTrackerClient client = new HttpTrackerClient(
                scheduler,
                HttpTrackerConfig.defaults(),
                host -> host.equals(NAMED) ? List.of(InetAddress.getByName("127.0.0.1")) : List.of());

        Either<TrackerFailure, AnnounceResponse> outcome = client.announce(
                        TrackerUrl.of("http://" + NAMED + ":" + server.port() + "/named/announce"),
                        announce(anyInfoHash(), anyPeerId(), 1),
                        scheduler.now().plusSeconds(10))
                .get(10, TimeUnit.SECONDS);

        assertTrue(outcome.isRight(), () -> outcome.getLeft().message());
        assertEquals(
                NAMED + ":" + server.port(),
                server.requests("/named/announce").get(0).headers().getFirst("Host"));
    }

    @Test
    void plainHttpNeverSetsUpTls() throws Exception {
        server.on("/plain/announce", exchange -> reply(exchange, 200, NO_PEERS));
        SSLContext unusable = SSLContext.getInstance("TLS");
        assertThrows(IllegalStateException.class, unusable::getSocketFactory, "not initialized: any use of it fails");
        HttpTrackerClient client =
                new HttpTrackerClient(scheduler, HttpTrackerConfig.defaults(), Option.some(unusable));

        Either<TrackerFailure, AnnounceResponse> outcome = client.announce(
                        TrackerUrl.of(server.url("/plain/announce")),
                        announce(anyInfoHash(), anyPeerId(), 1),
                        scheduler.now().plusSeconds(10))
                .get(10, TimeUnit.SECONDS);

        assertTrue(outcome.isRight(), () -> outcome.getLeft().message());
    }

    @Test
    void closingTheClientHangsUpOnACallInFlight() throws Exception {
        HttpTrackerClient client = new HttpTrackerClient(scheduler, HttpTrackerConfig.defaults());
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(5000);
            CompletableFuture<Either<TrackerFailure, AnnounceResponse>> pending = client.announce(
                    TrackerUrl.of("http://127.0.0.1:" + listener.getLocalPort() + "/announce"),
                    announce(anyInfoHash(), anyPeerId(), 1),
                    scheduler.now().plusSeconds(60));
            try (Socket tracker = listener.accept()) {
                tracker.setSoTimeout(5000);
                readRequestHead(tracker.getInputStream());
                assertFalse(pending.isDone(), "the tracker has not answered");

                client.close();

                assertEquals(-1, tracker.getInputStream().read(), "the client hung up");
                TrackerFailure failure = pending.get(5, TimeUnit.SECONDS).getLeft();
                assertInstanceOf(TrackerFailure.Unreachable.class, failure, failure.message());
            }
        }
    }

    private static void readRequestHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed before sending its request: " + head);
            }
            head.append((char) b);
        }
        assertTrue(head.toString().startsWith("GET /announce?info_hash="), head.toString());
        assertTrue(head.toString().contains("\r\nConnection: close\r\n"), head.toString());
    }
}
