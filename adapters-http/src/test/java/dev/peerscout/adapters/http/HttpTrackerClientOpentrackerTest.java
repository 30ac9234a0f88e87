package dev.peerscout.adapters.http;

import static dev.peerscout.domain.testing.Fixtures.announce;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static dev.peerscout.domain.testing.Fixtures.anyPeerId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.AnnounceEvent;
import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.testing.Opentracker;
import dev.peerscout.domain.testing.TrackerClientContract;
import dev.peerscout.domain.time.Scheduler;
import dev.peerscout.domain.time.SystemScheduler;
import io.vavr.control.Either;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tracker-port contract, and opentracker specifics, against a real opentracker's HTTP side on 127.0.0.1. */
class HttpTrackerClientOpentrackerTest extends TrackerClientContract {
    private static final SystemScheduler SCHEDULER = new SystemScheduler();
    private static final HttpTrackerClient CLIENT = new HttpTrackerClient(SCHEDULER, HttpTrackerConfig.defaults());
    private static Opentracker opentracker;

    @BeforeAll
    static void startOpentracker() throws Exception {
        opentracker = Opentracker.start();
    }

    @AfterAll
    static void stopOpentracker() {
        if (opentracker != null) {
            opentracker.close();
        }
    }

    @Override
    protected TrackerClient client() {
        return CLIENT;
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
    protected UnansweringTracker unansweringTracker() throws IOException {
        return closeAfterTest(new UnansweringHttpTracker());
    }

    @Override
    protected Instant deadline() {
        return SCHEDULER.now().plus(Duration.ofSeconds(10));
    }

    @Test
    void aHashOffTheWhitelistIsRejectedWithTheTrackersReason() throws Exception {
        Either<TrackerFailure, AnnounceResponse> outcome = CLIENT.announce(
                        tracker(), announce(anyInfoHash(), anyPeerId(), 40_101), deadline())
                .get(10, TimeUnit.SECONDS);

        assertTrue(outcome.isLeft(), "expected a rejection, got " + outcome);
        TrackerFailure failure = outcome.getLeft();
        assertEquals(TrackerFailure.Kind.ERROR, failure.kind());
        assertTrue(
                failure.message().startsWith("tracker says: Requested download is not authorized"), failure.message());
    }

    @Test
    void aHashFullOfBytesThatNeedEscapingReachesTheRightSwarm() throws Exception {
        // space, '+', '%', '&', '=' and '?' would each corrupt the query if sent unescaped
        InfoHash awkward = InfoHash.fromHex("202b2526" + "3d3f2f23" + "00ff7e2d" + "2e5f0a0d" + "8081feff");
        register(awkward);
        announceOk(announce(awkward, anyPeerId(), 40_111));

        AnnounceResponse second = announceOk(announce(awkward, anyPeerId(), 40_112));

        assertTrue(
                second.peers().contains(new Peer(InetAddress.getLoopbackAddress(), 40_111)),
                "peers: " + second.peers());
    }

    @Test
    void numwantZeroReturnsNoPeersButCountsUs() throws Exception {
        InfoHash swarm = anyInfoHash();
        register(swarm);
        announceOk(announce(swarm, anyPeerId(), 40_121));
        AnnounceRequest base = announce(swarm, anyPeerId(), 40_122);
        AnnounceRequest wantsNone = new AnnounceRequest(
                swarm,
                base.peerId(),
                40_122,
                0,
                0,
                1,
                AnnounceEvent.STARTED,
                0,
                base.key(),
                Set.of(AddressFamily.IPV4));

        AnnounceResponse response = announceOk(wantsNone);

        assertEquals(0, response.peers().size());
        assertEquals(2, response.leechers().get());
        assertTrue(response.minInterval().isDefined(), "opentracker sends min interval over HTTP");
    }

    @Override
    protected TrackerClient clientOn(Scheduler clock) {
        return new HttpTrackerClient(clock, HttpTrackerConfig.defaults());
    }

    @Override
    protected SilentTracker silentTracker() throws IOException {
        return new SilentHttpTracker();
    }

    @Override
    protected TrackerUrl closedPort() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        return TrackerUrl.of("http://127.0.0.1:" + closed + "/announce");
    }

    private AnnounceResponse announceOk(AnnounceRequest request) throws Exception {
        return CLIENT.announce(tracker(), request, deadline())
                .get(10, TimeUnit.SECONDS)
                .getOrElseThrow(failure -> new AssertionError(failure.message()));
    }

    /** A server on 127.0.0.1 that accepts a connection, reads the request and never answers. */
    private static final class SilentHttpTracker implements SilentTracker {
        private final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<Socket> accepted = new ArrayList<>();

        SilentHttpTracker() throws IOException {
            listener.setSoTimeout(5_000);
        }

        @Override
        public TrackerUrl url() {
            return TrackerUrl.of("http://127.0.0.1:" + listener.getLocalPort() + "/announce");
        }

        @Override
        public void awaitRequest() throws IOException {
            Socket connection = listener.accept();
            accepted.add(connection);
            connection.setSoTimeout(5_000);
            if (connection.getInputStream().read() < 0) {
                throw new IOException("the client closed before sending its request");
            }
        }

        @Override
        public void close() throws IOException {
            for (Socket connection : accepted) {
                connection.close();
            }
            listener.close();
        }
    }
}
