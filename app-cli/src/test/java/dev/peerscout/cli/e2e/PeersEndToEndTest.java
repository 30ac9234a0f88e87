package dev.peerscout.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerscout.cli.CliRuns;
import dev.peerscout.domain.testing.Opentracker;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job with real components only: the production Dagger wiring, a real opentracker on
 * 127.0.0.1, and a real peer (aria2) seeding through it. Servers start once for the class.
 */
class PeersEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Opentracker tracker;
    private static Aria2Seeder seeder;
    /** A UDP "tracker" that reads every request and never answers. */
    private static DatagramSocket deadTracker;

    private static TestTorrent udpTorrent;
    private static Path httpTorrent;
    private static Path deadFirstTier;

    @BeforeAll
    static void startTrackerAndSeeder() throws Exception {
        Opentracker.assumeInstalled();
        Aria2Seeder.assumeInstalled();
        deadTracker = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        String dead = "udp://127.0.0.1:" + deadTracker.getLocalPort() + "/announce";
        tracker = Opentracker.start();
        udpTorrent = TestTorrent.create(dir, "payload.bin", 200_000, List.of(List.of(tracker.udpUrl())));
        tracker.whitelist(udpTorrent.infoHash());
        httpTorrent = udpTorrent.withTrackers(dir.resolve("http.torrent"), List.of(List.of(tracker.httpUrl())));
        deadFirstTier = udpTorrent.withTrackers(
                dir.resolve("dead-first.torrent"), List.of(List.of(dead), List.of(tracker.udpUrl())));
        seeder = Aria2Seeder.seed(udpTorrent, tracker);
    }

    @AfterAll
    static void stop() {
        if (seeder != null) {
            seeder.close();
        }
        if (tracker != null) {
            tracker.close();
        }
        if (deadTracker != null) {
            deadTracker.close();
        }
    }

    @Test
    void findsTheSeederOverUdp() {
        CliRuns.Run run =
                CliRuns.production("peers", "--no-dht", udpTorrent.torrent().toString(), "--timeout", "10");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("127.0.0.1:" + seeder.listenPort()), run.outLines(), run.err());
    }

    /** The tracker is on 127.0.0.1, so the peers it names there may be probed; aria2 is verified as a seed. */
    @Test
    void probeVerifiesTheSeederTheTrackerNamed() {
        CliRuns.Run run = CliRuns.production(
                "peers", "--probe", "--no-dht", udpTorrent.torrent().toString(), "--timeout", "10");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("127.0.0.1:" + seeder.listenPort()), run.outLines(), run.err());
        assertTrue(run.err().contains("probe 127.0.0.1:" + seeder.listenPort() + ": ok, aria2"), run.err());
        assertTrue(run.err().contains("100% (seed)"), run.err());
    }

    @Test
    void findsTheSeederOverHttp() {
        CliRuns.Run run = CliRuns.production("peers", "--no-dht", httpTorrent.toString(), "--timeout", "10");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("127.0.0.1:" + seeder.listenPort()), run.outLines(), run.err());
    }

    @Test
    void aDeadFirstTierDoesNotDelayThePeer() throws Exception {
        CliRuns.Run run =
                CliRuns.production("peers", "--no-dht", deadFirstTier.toString(), "--timeout", "3", "--ndjson");

        List<JsonNode> events = new ArrayList<>();
        for (String line : run.outLines()) {
            events.add(JSON.readTree(line));
        }
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("peer", events.get(0).get("event").asText(), "the peer comes first: " + run.out());
        assertEquals(seeder.listenPort(), events.get(0).get("port").asInt());
        JsonNode deadOutcome = events.stream()
                .filter(e -> e.get("event").asText().equals("tracker")
                        && e.get("tier").asInt() == 0)
                .findFirst()
                .orElseThrow();
        assertEquals("timeout", deadOutcome.get("status").asText());
        assertTrue(deadOutcome.get("attempts").asInt() >= 2, "retransmitted within the deadline: " + deadOutcome);
    }

    @Test
    void minPeersEndsDiscoveryWithoutWaitingForTheDeadTracker() throws Exception {
        CliRuns.Run run = CliRuns.production(
                "peers", "--no-dht", deadFirstTier.toString(), "--timeout", "30", "--min-peers", "1", "--json");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = JSON.readTree(run.out());
        assertTrue(doc.get("enoughPeers").asBoolean());
        assertEquals("skipped", doc.at("/trackers/0/status").asText());
        assertEquals("ok", doc.at("/trackers/1/status").asText());
        assertEquals(seeder.listenPort(), doc.at("/peers/0/port").asInt());
    }

    @Test
    void scrapeCountsTheSeederOverBothProtocols() throws Exception {
        CliRuns.Run run =
                CliRuns.production("scrape", udpTorrent.torrent().toString(), "--tracker", tracker.httpUrl(), "--json");

        assertEquals(0, run.exitCode(), run.err());
        JsonNode doc = JSON.readTree(run.out());
        for (JsonNode trackerNode : doc.get("trackers")) {
            assertEquals("ok", trackerNode.get("status").asText(), trackerNode.toString());
            assertTrue(trackerNode.at("/swarms/0/seeders").asInt() >= 1, trackerNode.toString());
        }
        assertEquals(2, doc.get("trackers").size());
    }

    @Test
    void infoReadsTheTorrentWeMade() throws Exception {
        CliRuns.Run run = CliRuns.production("info", udpTorrent.torrent().toString(), "--json");

        JsonNode doc = JSON.readTree(run.out());
        assertEquals(udpTorrent.infoHash().hex(), doc.get("infoHash").asText());
        assertEquals(200_000, doc.get("totalLength").asLong());
        assertEquals(tracker.udpUrl(), doc.at("/trackers/0/0").asText());
    }

    @Test
    void noPeersMeansExitCodeOne() throws Exception {
        TestTorrent lonely = TestTorrent.create(dir, "lonely.bin", 50_000, List.of(List.of(tracker.udpUrl())));
        tracker.whitelist(lonely.infoHash());

        CliRuns.Run run =
                CliRuns.production("peers", "--no-dht", lonely.torrent().toString(), "--timeout", "5");

        assertEquals(1, run.exitCode(), run.err());
        assertEquals("", run.out(), "opentracker lists us, but we are not our own peer");
    }

    @Test
    void aMissingFileIsOneLineWithExitCodeTwo() {
        CliRuns.Run run = CliRuns.production(
                "peers", "--no-dht", dir.resolve("nope.torrent").toString());

        assertEquals(2, run.exitCode());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("peerscout: " + dir.resolve("nope.torrent")), run.err());
    }
}
