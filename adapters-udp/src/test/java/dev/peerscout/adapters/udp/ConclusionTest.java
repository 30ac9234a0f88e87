package dev.peerscout.adapters.udp;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.adapters.udp.transport.RetransmitPolicy;
import dev.peerscout.adapters.udp.transport.TrackerKey;
import dev.peerscout.adapters.udp.transport.UdpTransport;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.testing.FakeScheduler;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The transport turns results into the caller's answer on its own threads: a failure there stays the caller's. */
class ConclusionTest {

    @Test
    void aConclusionThatThrowsFailsItsOwnCallAndTheReceiverGoesOn() throws Exception {
        FakeScheduler clock = new FakeScheduler();
        try (ScriptedTracker tracker = ScriptedTracker.onIpv4(clock, ScriptedTracker.healthy(List.of()));
                UdpTransport transport = new UdpTransport(
                        clock, new SecureRandom(), RetransmitPolicy.BEP_15, Duration.ofSeconds(60), 64)) {
            InetSocketAddress address = new InetSocketAddress(tracker.address(), tracker.port());
            TrackerKey key = new TrackerKey(tracker.address().getHostAddress(), tracker.port(), AddressFamily.IPV4);
            Instant deadline = clock.now().plus(Duration.ofHours(1));
            ScrapeOperation query = new ScrapeOperation(List.of(InfoHash.of(new byte[InfoHash.LENGTH])));

            CompletableFuture<Object> broken =
                    transport.exchange(address, key, query, clock.now(), deadline, result -> {
                        throw new IllegalStateException("a broken conclusion");
                    });
            ExecutionException failure = assertThrows(ExecutionException.class, () -> broken.get(10, TimeUnit.SECONDS));
            assertInstanceOf(IllegalStateException.class, failure.getCause());

            // The same socket and receiver thread still answer the next call.
            assertTrue(transport
                    .exchange(address, key, query, clock.now(), deadline)
                    .get(10, TimeUnit.SECONDS)
                    .isRight());
        }
    }
}
