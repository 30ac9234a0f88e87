package dev.peerscout.adapters.dht;

import static dev.peerscout.adapters.dht.FakeNodes.silent;
import static dev.peerscout.adapters.dht.Harness.peer;
import static dev.peerscout.adapters.dht.Harness.run;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.adapters.dht.FakeNodes.FakeNode;
import dev.peerscout.adapters.dht.krpc.Answer;
import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.port.PeerSource.Search;
import dev.peerscout.domain.port.PeerSource.Summary;
import dev.peerscout.domain.testing.FakeScheduler;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Timeouts and the deadline on a fake clock: nothing here waits for real time to pass. */
class DeadlineTest {
    private final FakeScheduler clock = new FakeScheduler();
    private final Harness harness = new Harness(clock);
    private final InfoHash swarm = anyInfoHash();

    DeadlineTest() throws Exception {}

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void aBootstrapNodeThatMissesADatagramIsAskedAgainWithLongerWaitsAndEveryQueryIsCounted() throws Exception {
        FakeNode mute = harness.nodes.start(silent());

        Harness.Run run = searchOnce(mute, Duration.ofSeconds(1), Duration.ofSeconds(10));
        advanceUntilAsked(Duration.ofSeconds(1), mute, 2);
        advanceUntilAsked(Duration.ofSeconds(2), mute, 3);
        clock.advance(Duration.ofMillis(3_999));
        assertFalse(run.summary().isDone(), "the third try waits 4 s");
        clock.advance(Duration.ofMillis(1));

        assertEquals(
                new Summary("dht", 1, 0, 0, Option.none(), 3), run.summary().getNow(null));
    }

    @Test
    void retriesNeverOutlastTheDeadline() throws Exception {
        FakeNode mute = harness.nodes.start(silent());

        Harness.Run run = searchOnce(mute, Duration.ofSeconds(1), Duration.ofMillis(2_500));
        advanceUntilAsked(Duration.ofSeconds(1), mute, 2);
        clock.advance(Duration.ofMillis(1_500));

        assertEquals(
                new Summary("dht", 1, 0, 0, Option.none(), 2), run.summary().getNow(null));
    }

    @Test
    void theDeadlineEndsTheSearchAndLateAnswersAreNotReported() throws Exception {
        FakeNode late = harness.nodes.start(silent());

        Harness.Run run = searchOnce(late, Duration.ofSeconds(30), Duration.ofSeconds(5));
        clock.advance(Duration.ofMillis(4_999));
        assertFalse(run.summary().isDone());
        clock.advance(Duration.ofMillis(1));
        assertEquals(new Summary("dht", 1, 0, 0, Option.none()), run.summary().getNow(null));

        late.answer(late.received.get(0), new Answer(late.id, List.of(), List.of(peer("192.0.2.1", 1)), Option.none()));
        Thread.sleep(200);
        assertTrue(run.found().isEmpty());
    }

    @Test
    void aNameServerThatHangsIsCutOffAtTheDeadline() throws Exception {
        Harness.Run run = run(
                harness.source(),
                harness.search(
                        List.of(swarm),
                        List.of(new HostPort("slow.test", 6881)),
                        Duration.ofSeconds(2),
                        EnumSet.of(AddressFamily.IPV4)));
        clock.advance(Duration.ofSeconds(2));

        assertEquals(
                Option.some("no DHT bootstrap node resolved before the deadline"),
                run.summary().getNow(null).error());
    }

    /** Searches through {@code node} alone, each query waiting {@code queryTimeout}; returns once it was asked. */
    private Harness.Run searchOnce(FakeNode node, Duration queryTimeout, Duration within) throws Exception {
        DhtPeerSource source = harness.source(Harness.loopbackConfig().withQueryTimeout(queryTimeout));
        Harness.Run run = run(source, search(within, node));
        awaitTrue(() -> node.received.size() == 1);
        return run;
    }

    /** Moves the clock on by {@code wait}, then waits for {@code node}'s {@code queries}-th query (a retry). */
    private void advanceUntilAsked(Duration wait, FakeNode node, int queries) throws InterruptedException {
        clock.advance(wait);
        awaitTrue(() -> node.received.size() == queries);
    }

    private Search search(Duration within, FakeNode node) {
        return harness.search(
                List.of(swarm),
                List.of(new HostPort("127.0.0.1", node.port())),
                within,
                EnumSet.of(AddressFamily.IPV4));
    }

    /** Waits (briefly, in real time) for a datagram to cross the loopback. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < until, "timed out waiting");
            Thread.sleep(5);
        }
    }
}
