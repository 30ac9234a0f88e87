package dev.peerscout.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerscout.adapters.dht.LibtorrentDht;
import dev.peerscout.cli.CliRuns;
import dev.peerscout.domain.testing.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The DHT as a peer source, end to end: a small DHT of real libtorrent nodes on 127.0.0.1, one of
 * which announced a swarm, and `peerscout peers` on a magnet link with no trackers.
 */
class DhtEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int NODES = 6;
    /** libtorrent's nodes need a moment to learn of each other on a busy machine. */
    private static final Duration PATIENCE = Duration.ofSeconds(25);

    private static final String HASH = Fixtures.anyInfoHash().hex();

    private static LibtorrentDht dht;

    @BeforeAll
    static void startDht() throws Exception {
        dht = LibtorrentDht.start(NODES, HASH);
    }

    @AfterAll
    static void stopDht() {
        if (dht != null) {
            dht.close();
        }
    }

    @Test
    void aMagnetWithoutTrackersFindsItsPeerThroughTheDht() throws Exception {
        String bootstrap = "127.0.0.1:" + dht.nodePorts().get(NODES - 1);
        long until = System.nanoTime() + PATIENCE.toNanos();
        CliRuns.Run run;
        do {
            run = CliRuns.production(
                    "peers",
                    "magnet:?xt=urn:btih:" + HASH,
                    "--dht-bootstrap",
                    bootstrap,
                    "--timeout",
                    "5",
                    "--min-peers",
                    "1",
                    "--json");
        } while (run.exitCode() != 0 && System.nanoTime() < until);

        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = JSON.readTree(run.out());
        assertEquals(dht.peerPort(), doc.at("/peers/0/port").asInt(), run.out());
        assertEquals("dht", doc.at("/peers/0/sources/0").asText());
        assertTrue(doc.at("/dht/nodesAnswered").asInt() >= 1, run.out());
        assertEquals(0, doc.get("trackers").size());
    }
}
