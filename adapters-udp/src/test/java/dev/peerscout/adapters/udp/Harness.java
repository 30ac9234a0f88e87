package dev.peerscout.adapters.udp;

import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static dev.peerscout.domain.testing.Fixtures.anyPeerId;

import dev.peerscout.domain.model.AnnounceRequest;
import dev.peerscout.domain.model.AnnounceResponse;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.model.TrackerFailure;
import dev.peerscout.domain.model.TrackerUrl;
import dev.peerscout.domain.testing.FakeScheduler;
import dev.peerscout.domain.testing.Fixtures;
import io.vavr.control.Either;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client on a fake clock and the scripted trackers it talks to, closed together. Protocol time
 * moves only through {@link #advance}; tests wait only for real socket I/O, always bounded.
 */
final class Harness implements AutoCloseable {
    static final Duration ONE_HOUR = Duration.ofHours(1);

    final FakeScheduler clock = new FakeScheduler();
    final Instant start = clock.now();
    final UdpTrackerClient client;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    Harness() {
        this(UdpTrackerConfig.defaults());
    }

    Harness(UdpTrackerConfig config) {
        client = new UdpTrackerClient(clock, new SecureRandom(), config);
    }

    ScriptedTracker tracker(ScriptedTracker.Script script) {
        return keep(ScriptedTracker.onIpv4(clock, script));
    }

    ScriptedTracker ipv6Tracker(ScriptedTracker.Script script) throws IOException {
        return keep(ScriptedTracker.onIpv6(clock, script));
    }

    <T extends AutoCloseable> T keep(T closeable) {
        closeables.add(closeable);
        return closeable;
    }

    CompletableFuture<Either<TrackerFailure, AnnounceResponse>> announce(ScriptedTracker tracker) {
        return announce(tracker.url(), request());
    }

    CompletableFuture<Either<TrackerFailure, AnnounceResponse>> announce(String url, AnnounceRequest request) {
        return client.announce(TrackerUrl.of(url), request, clock.now().plus(ONE_HOUR));
    }

    static AnnounceRequest request() {
        return Fixtures.announce(anyInfoHash(), anyPeerId(), 6881);
    }

    void advance(Duration by) {
        clock.advance(by);
    }

    void advanceSeconds(long seconds) {
        clock.advance(Duration.ofSeconds(seconds));
    }

    static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(5, TimeUnit.SECONDS);
    }

    static AnnounceResponse ok(CompletableFuture<Either<TrackerFailure, AnnounceResponse>> future) throws Exception {
        Either<TrackerFailure, AnnounceResponse> outcome = await(future);
        return outcome.getOrElseThrow(failure -> new AssertionError(failure.kind() + ": " + failure.message()));
    }

    static <T> TrackerFailure failure(CompletableFuture<Either<TrackerFailure, T>> future) throws Exception {
        Either<TrackerFailure, T> outcome = await(future);
        if (outcome.isRight()) {
            throw new AssertionError("expected a failure, got " + outcome.get());
        }
        return outcome.getLeft();
    }

    static Peer peer(String address, int port) {
        try {
            return new Peer(InetAddress.getByName(address), port);
        } catch (IOException e) {
            throw new IllegalArgumentException(address, e);
        }
    }

    /** A port on 127.0.0.1 where nothing listens (it was free a moment ago). */
    static int closedPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

    static boolean hasIpv6Loopback() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("::1"), 0))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }
}
