package dev.peerscout.adapters.dht;

import static dev.peerscout.adapters.dht.Harness.run;
import static dev.peerscout.domain.testing.Fixtures.anyInfoHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.peerscout.domain.model.AddressFamily;
import dev.peerscout.domain.model.HostPort;
import dev.peerscout.domain.model.InfoHash;
import dev.peerscout.domain.model.Peer;
import dev.peerscout.domain.port.PeerSource.Summary;
import io.vavr.control.Option;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real nodes, not fakes: a DHT of six libtorrent 2.0 sessions on 127.0.0.1, one of which announced
 * itself for a swarm. Our client, bootstrapped to one node, must find that peer.
 */
class LibtorrentDhtTest {
    private static final int NODES = 6;
    /** libtorrent's tables are young; a lookup that misses is retried until this has passed. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private static final InfoHash SWARM = anyInfoHash();

    private static LibtorrentDht dht;
    private final Harness harness = new Harness();

    LibtorrentDhtTest() throws Exception {}

    @BeforeAll
    static void startDht() throws Exception {
        dht = LibtorrentDht.start(NODES, SWARM.hex());
    }

    @AfterAll
    static void stopDht() {
        if (dht != null) {
            dht.close();
        }
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void findsThePeerThatLibtorrentAnnounced() throws Exception {
        Peer announced = Harness.peer("127.0.0.1", dht.peerPort());
        // Start from the last node, which did not announce: the lookup must be referred to the holders.
        HostPort entry = new HostPort("127.0.0.1", dht.nodePorts().get(NODES - 1));
        long until = System.nanoTime() + PATIENCE.toNanos();
        Harness.Run run;
        Summary summary;
        do {
            DhtPeerSource source = harness.source(Harness.loopbackConfig().withQueryTimeout(Duration.ofSeconds(1)));
            run = run(
                    source,
                    harness.search(
                            List.of(SWARM), List.of(entry), Duration.ofSeconds(5), EnumSet.of(AddressFamily.IPV4)));
            summary = run.await();
        } while (!run.found().contains(announced) && System.nanoTime() < until);

        List<Peer> found = run.found();
        assertTrue(found.contains(announced), () -> "not found; last search: " + found);
        assertEquals(Option.none(), summary.error());
        assertTrue(summary.nodesAnswered() >= 2, summary::toString);
        assertTrue(summary.nodesAnswered() <= NODES, summary::toString);
    }

    @Test
    void aSwarmNobodyAnnouncedEndsWithoutPeersAfterAskingTheNodes() throws Exception {
        HostPort entry = new HostPort("127.0.0.1", dht.nodePorts().get(0));
        long started = System.nanoTime();

        Harness.Run run = run(
                harness.source(),
                harness.search(
                        List.of(anyInfoHash()),
                        List.of(entry),
                        Duration.ofSeconds(10),
                        EnumSet.of(AddressFamily.IPV4)));

        Summary summary = run.await();
        assertTrue(run.found().isEmpty());
        assertTrue(summary.nodesAnswered() >= 2, summary::toString);
        assertEquals(Option.none(), summary.error());
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(9).toNanos(), "ended by itself, not the deadline");
    }
}
