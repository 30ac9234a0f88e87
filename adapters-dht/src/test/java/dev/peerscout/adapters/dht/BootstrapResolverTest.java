package dev.peerscout.adapters.dht;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.testing.FakeScheduler;
import io.vavr.control.Either;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BootstrapResolverTest {
    private final FakeScheduler clock = new FakeScheduler();

    @Test
    void twoNodesOnOneHostShareOneLookupAndKeepTheirPortsAndAtMostFourAddresses() throws Exception {
        AtomicInteger lookups = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<InetAddress> many =
                List.of(v4("127.0.0.1"), v4("127.0.0.2"), v4("127.0.0.3"), v4("127.0.0.4"), v4("127.0.0.5"));
        try (BootstrapResolver resolver = new BootstrapResolver(
                host -> {
                    lookups.incrementAndGet();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return many;
                },
                clock)) {
            Instant deadline = clock.now().plus(Duration.ofSeconds(5));
            CompletableFuture<Either<String, List<InetSocketAddress>>> first =
                    resolver.resolve(new HostPort("router.test", 6881), deadline);
            CompletableFuture<Either<String, List<InetSocketAddress>>> second =
                    resolver.resolve(new HostPort("router.test", 6882), deadline);
            release.countDown();

            assertEquals(4, first.get(10, TimeUnit.SECONDS).get().size(), "at most four addresses per name");
            assertEquals(
                    new InetSocketAddress(v4("127.0.0.1"), 6881),
                    first.get().get().get(0));
            assertEquals(
                    new InetSocketAddress(v4("127.0.0.1"), 6882),
                    second.get(10, TimeUnit.SECONDS).get().get(0));
            assertEquals(1, lookups.get(), "one query for one name, as HostResolver does for trackers");
            assertEquals(
                    Either.left("port 0"),
                    resolver.resolve(new HostPort("router.test", 0), deadline).get());
        }
    }

    private static InetAddress v4(String literal) throws java.net.UnknownHostException {
        return InetAddress.getByName(literal);
    }
}
