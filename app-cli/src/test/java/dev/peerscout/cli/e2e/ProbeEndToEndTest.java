package dev.peerscout.cli.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerscout.adapters.peerwire.testing.RealPeers;
import dev.peerscout.cli.CliRuns;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code peers --probe} through the production wiring against real libtorrent peers on
 * 127.0.0.1 (started once for the class): the user's {@code --peer}, a magnet link's {@code x.pe},
 * and PEX from a leecher connected to two seeders.
 */
class ProbeEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RealPeers peers;
    private static int nobody;

    @BeforeAll
    static void startPeers() throws Exception {
        peers = RealPeers.start();
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nobody = closed.getLocalPort();
        }
    }

    @AfterAll
    static void stopPeers() {
        if (peers != null) {
            peers.close();
        }
    }

    private static String at(String name) {
        return "127.0.0.1:" + peers.port(name);
    }

    private static String magnet(String... xpe) {
        StringBuilder link = new StringBuilder(
                "magnet:?xt=urn:btih:" + peers.torrent("v1").hashes().v1().get().hex());
        for (String peer : xpe) {
            link.append("&x.pe=").append(peer);
        }
        return link.toString();
    }

    /** libtorrent seeders tell of their peers too (PEX): --max-probes 2 keeps those out of this test. */
    @Test
    void stdoutListsOnlyTheVerifiedPeersAndStderrEveryProbe() {
        CliRuns.Run run = CliRuns.production(
                "peers",
                "--probe",
                "--max-probes",
                "2",
                "--no-dht",
                "--timeout",
                "10",
                "--peer",
                at("seeder"),
                "--peer",
                "127.0.0.1:" + nobody,
                peers.torrent("v1").path().toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(at("seeder")), run.outLines(), run.err());
        assertTrue(run.err().contains("probe " + at("seeder") + ": ok, libtorrent"), run.err());
        assertTrue(run.err().contains("100% (seed)"), run.err());
        assertTrue(run.err().contains("probe 127.0.0.1:" + nobody + ": refused"), run.err());
        assertTrue(
                run.err()
                        .lines()
                        .anyMatch(line -> line.startsWith("found ") && line.contains(" peers, 1 verified, 1 refused")),
                run.err());
    }

    /** The torrent files' own piece counts and hashes reach the handshake: v2-only and hybrid against libtorrent. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"v2", "hybrid"})
    void v2OnlyAndHybridTorrentsAreVerified(String kind) {
        CliRuns.Run run = CliRuns.production(
                "peers",
                "--probe",
                "--max-probes",
                "1",
                "--no-dht",
                "--timeout",
                "10",
                "--peer",
                at("seeder"),
                peers.torrent(kind).path().toString());

        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(at("seeder")), run.outLines(), run.err());
        assertTrue(run.err().contains("100% (seed)"), run.err());
    }

    @Test
    void nothingVerifiedExitsOne() {
        CliRuns.Run run = CliRuns.production(
                "peers",
                "--probe",
                "--no-dht",
                "--timeout",
                "5",
                "--peer",
                "127.0.0.1:" + nobody,
                peers.torrent("v1").path().toString());
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(List.of(), run.outLines());
    }

    @Test
    void jsonGivesEachPeerItsProbe() throws IOException {
        CliRuns.Run run = CliRuns.production(
                "peers",
                "--probe",
                "--max-probes",
                "2",
                "--no-dht",
                "--json",
                "--timeout",
                "10",
                magnet(at("partial"), at("seeder")));

        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = JSON.readTree(run.out());
        int fromMagnet = 0;
        for (JsonNode peer : root.get("peers")) {
            if (!peer.get("sources").get(0).asText().equals("magnet")) {
                assertEquals("skipped", peer.get("probe").get("status").asText(), "PEX's peers are over --max-probes");
                continue;
            }
            fromMagnet++;
            JsonNode probe = peer.get("probe");
            assertEquals("ok", probe.get("status").asText(), run.out());
            assertEquals("magnet", peer.get("sources").get(0).asText());
            assertEquals(40, probe.get("peerId").asText().length());
            assertTrue(probe.get("client").asText().contains("libtorrent"), run.out());
            assertTrue(probe.get("reserved").get("fast").asBoolean());
            assertTrue(probe.get("extensions").has("ut_metadata"));
            assertTrue(probe.get("metadataSize").asLong() > 0);
            assertEquals("127.0.0.1", probe.get("yourIp").asText());
            assertTrue(probe.get("rttMs").isNumber());
        }
        assertEquals(2, fromMagnet, run.out());
        // A magnet link knows no piece count: a leecher's bitfield cannot be measured, have_all can.
        JsonNode seeder = root.get("peers").findParents("port").stream()
                .filter(p -> p.get("port").asInt() == peers.port("seeder"))
                .findFirst()
                .get();
        assertEquals(100, seeder.get("probe").get("percent").asInt());
        assertTrue(seeder.get("probe").get("seed").asBoolean());
    }

    @Test
    void ndjsonStreamsAProbeEventPerPeer() throws IOException {
        CliRuns.Run run = CliRuns.production(
                "peers",
                "--probe",
                "--no-dht",
                "--ndjson",
                "--timeout",
                "10",
                "--peer",
                at("partial"),
                peers.torrent("v1").path().toString());

        assertEquals(0, run.exitCode(), run.err());
        List<JsonNode> probes = new ArrayList<>();
        for (String line : run.outLines()) {
            JsonNode event = JSON.readTree(line);
            if (event.get("event").asText().equals("probe")) {
                probes.add(event);
            }
        }
        assertEquals(1, probes.size(), run.out());
        JsonNode probe = probes.get(0).get("probe");
        assertEquals(peers.port("partial"), probes.get(0).get("port").asInt());
        double percent = probe.get("percent").asDouble();
        assertTrue(percent > 0 && percent < 100, run.out());
        assertTrue(!probe.get("seed").asBoolean());
    }

    /** The link's only peer is a leecher connected to two seeders: PEX names them, and they are verified too. */
    @Test
    void aLeechersPexBringsItsSeedersVerified() throws IOException {
        CliRuns.Run run =
                CliRuns.production("peers", "--probe", "--no-dht", "--json", "--timeout", "10", magnet(at("pex")));

        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = JSON.readTree(run.out());
        List<String> viaPex = new ArrayList<>();
        for (JsonNode peer : root.get("peers")) {
            String source = peer.get("sources").get(0).asText();
            if (source.equals("pex:" + at("pex"))) {
                assertEquals("ok", peer.get("probe").get("status").asText(), run.out());
                assertTrue(peer.get("probe").get("seed").asBoolean(), run.out());
                viaPex.add(peer.get("ip").asText() + ":" + peer.get("port").asInt());
            }
        }
        assertTrue(viaPex.contains(at("seeder")) && viaPex.contains(at("seeder2")), run.out() + run.err());
    }
}
