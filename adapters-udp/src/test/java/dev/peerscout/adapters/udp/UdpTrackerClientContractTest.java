package dev.peerscout.adapters.udp;

import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.port.TrackerClient;
import dev.peerscout.domain.testing.TrackerClientContract;
import dev.peerscout.domain.time.Scheduler;
import dev.peerscout.domain.time.SystemScheduler;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The tracker-port contract, kept by the UDP adapter against a real opentracker. */
class UdpTrackerClientContractTest extends TrackerClientContract {
    private static final SystemScheduler SCHEDULER = new SystemScheduler();
    private static RealTracker real;
    /** Answers connects, never announces: a call to it sends a connect and an announce (then retransmits). */
    private static ScriptedTracker unanswering;

    @BeforeAll
    static void start() throws Exception {
        real = RealTracker.start(SCHEDULER);
        unanswering = ScriptedTracker.onIpv4(
                SCHEDULER,
                (request, tracker) ->
                        request.isConnect() ? List.of(tracker.correctAnswer(request, List.of())) : List.of());
    }

    @AfterAll
    static void stop() {
        RealTracker.close(real);
        if (unanswering != null) {
            unanswering.close();
        }
    }

    @Override
    protected TrackerClient client() {
        return real.client;
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
    protected UnansweringTracker unansweringTracker() {
        return new UnansweringTracker() {
            @Override
            public TrackerUrl url() {
                return TrackerUrl.of("udp://127.0.0.1:" + unanswering.port() + "/announce");
            }

            @Override
            public int requestsReceived() {
                return unanswering.received().size();
            }
        };
    }

    @Override
    protected Instant deadline() {
        return SCHEDULER.now().plus(Duration.ofSeconds(10));
    }

    @Override
    protected TrackerClient clientOn(Scheduler clock) {
        return closeAfterTest(new UdpTrackerClient(clock, new SecureRandom(), UdpTrackerConfig.defaults()));
    }

    @Override
    protected SilentTracker silentTracker() throws IOException {
        return new SilentUdpTracker();
    }

    @Override
    protected TrackerUrl closedPort() throws IOException {
        return TrackerUrl.of("udp://127.0.0.1:" + Harness.closedPort() + "/announce");
    }

    /** A socket on 127.0.0.1 that reads datagrams and never answers. */
    private static final class SilentUdpTracker implements SilentTracker {
        private final DatagramSocket socket =
                new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

        SilentUdpTracker() throws IOException {
            socket.setSoTimeout(5_000);
        }

        @Override
        public TrackerUrl url() {
            return TrackerUrl.of("udp://127.0.0.1:" + socket.getLocalPort() + "/announce");
        }

        @Override
        public void awaitRequest() throws IOException {
            socket.receive(new DatagramPacket(new byte[2048], 2048));
        }

        @Override
        public void close() {
            socket.close();
        }
    }
}
